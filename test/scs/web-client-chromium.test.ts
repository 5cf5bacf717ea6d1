/**
 * The SCS web client's calls from a second origin, in real Chromium (Debian's /usr/bin/chromium
 * through playwright-core): a served `glasshouse` app over a seeded store, and a page on another
 * loopback port that replays the client's load sequence (background §6 "API consumption") and
 * renders it. Reads pass CORS; a write from that origin is stopped by the browser at the preflight.
 */
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { after, before, describe, test } from 'node:test'
import { serve, type ServerType } from '@hono/node-server'
import { chromium, type Browser, type Page } from 'playwright-core'
import { issueToken } from '../../src/api/auth/index.js'
import { systemClock } from '../../src/core/index.js'
import { createIncidentService } from '../../src/incidents/index.js'
import type { Store } from '../../src/store/index.js'
import { realPart } from '../support/real-part.js'
import { testServerApp } from '../support/server-app.js'
import { tempStore } from '../support/temp-store.js'
import { serveWebClient, type ClientOrigin } from './web-client-page.js'

const CHROMIUM = '/usr/bin/chromium'
const part = realPart('web-chromium', existsSync(CHROMIUM) ? null : `${CHROMIUM} not installed`, 'apt-get install chromium')
const DAY = 86_400_000
const HOUR = 3_600_000

/** What the seeded store holds, by id. */
interface Seeded {
  pastIncident: string
  openIncident: string
  maintenance: string
  operatorToken: string
}

/** Components, a resolved incident 5 days ago with two updates, an open one, and maintenance in 2 days. */
async function seed(store: Store, now: number): Promise<Seeded> {
  await store.components.sync(
    [
      { name: 'compute', displayName: 'Compute' },
      { name: 'network', displayName: 'Network' },
      { name: 'storage', displayName: 'Object storage' },
    ],
    now,
  )
  const incidents = createIncidentService({ store, clock: systemClock })
  const writer = { actor: 'seed', door: 'api' as const }
  const began = now - 5 * DAY
  const description = 'Some calls to the compute API fail.'
  const past = await incidents.createIncident({ title: 'Compute API errors', description, beganAt: began, impacts: [{ component: 'compute', type: 'Partial Outage', severity: 70 }], text: description, at: began }, writer)
  await incidents.addUpdate(past.id, { text: 'Root cause found\n\nA full disk on one API node.', phase: 'identified', at: began + HOUR }, writer)
  await incidents.addUpdate(past.id, { text: 'Fixed\n\nThe disk was cleaned up; all calls succeed again.', phase: 'resolved', at: began + 2 * HOUR }, writer)
  const open = await incidents.createIncident({ title: 'Slow network in R1', description: 'Packet loss between racks.', beganAt: now - HOUR, impacts: [{ component: 'network', type: 'Performance Degradation', severity: 30 }], text: 'Packet loss between racks.', at: now - HOUR }, writer)
  await incidents.addUpdate(open.id, { text: 'Investigating\n\nA switch port flaps.', at: now - HOUR / 2 }, writer)
  const window = await incidents.createMaintenance({ title: 'Storage firmware upgrade', description: 'Rolling upgrade.', components: [{ component: 'storage' }], start: now + 2 * DAY, end: now + 2 * DAY + 2 * HOUR }, writer)
  const operatorToken = (await issueToken(store.tokens, { name: 'ops', scope: 'operator' }, { now, createdBy: 'test' })).token
  return { pastIncident: past.id, openIncident: open.id, maintenance: window.id, operatorToken }
}

/** One request the API server saw. */
interface Seen {
  method: string
  path: string
  origin: string | null
}

describe('the SCS web client from a second origin, in Chromium', { skip: part.available ? false : part.skip }, () => {
  let store: Store
  let dispose: () => Promise<void>
  let seeded: Seeded
  let api: ServerType
  let apiUrl: string
  let client: ClientOrigin
  let browser: Browser
  const seen: Seen[] = []

  before(async () => {
    ;({ store, dispose } = await tempStore())
    seeded = await seed(store, Date.now())
    const app = testServerApp(store)
    api = await new Promise<ServerType>((resolve) => {
      const started = serve(
        {
          fetch: (request: Request) => {
            seen.push({ method: request.method, path: new URL(request.url).pathname, origin: request.headers.get('origin') })
            return app.fetch(request)
          },
          hostname: '127.0.0.1',
          port: 0,
        },
        () => resolve(started),
      )
    })
    apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`
    client = await serveWebClient(`${apiUrl}/scs`)
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'], headless: true })
  })
  after(async () => {
    await browser?.close()
    await client?.close()
    await new Promise<void>((resolve) => (api === undefined ? resolve() : api.close(() => resolve())))
    await dispose?.()
  })

  /** Opens the client page, collecting console errors and failed requests. */
  async function openClient(): Promise<{ page: Page; problems: string[] }> {
    const page = await (await browser.newContext()).newPage()
    const problems: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`)
    })
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.method()} ${request.url()} ${request.failure()?.errorText ?? ''}`))
    seen.length = 0
    await page.goto(client.url)
    await page.waitForSelector('body[data-state=rendered], body[data-state=failed]', { timeout: 10_000 })
    return { page, problems }
  }

  test('loads and renders the data with the client calls, no request blocked by CORS', async () => {
    const { page, problems } = await openClient()
    assert.equal(await page.getAttribute('body', 'data-state'), 'rendered', (await page.textContent('#error')) ?? '')
    assert.deepEqual(problems, [])
    const clientOrigin = new URL(client.url).origin
    assert.notEqual(clientOrigin, apiUrl, 'the page lives on another origin than the API')
    const calls = seen.map((call) => `${call.method} ${call.path}`)
    assert.deepEqual(calls.slice(0, 4).sort(), ['GET /scs/components', 'GET /scs/impacttypes', 'GET /scs/phases', 'GET /scs/severities'])
    assert.deepEqual(calls.slice(4, 6), ['GET /scs/incidents', 'GET /scs/incidents'])
    const updates = [seeded.pastIncident, seeded.openIncident, seeded.maintenance].map((id) => `GET /scs/incidents/${id}/updates`)
    assert.deepEqual(calls.slice(6).sort(), updates.sort(), 'one /updates call per incident, maintenance included')
    assert.ok(seen.every((call) => call.origin === clientOrigin), 'every call is a cross-origin call from the page')

    assert.deepEqual(await page.locator('#components li').allTextContents(), ['Compute: no impact', 'Network: operational', 'Object storage: no impact'])
    assert.match((await page.textContent('#maintenance li')) ?? '', /^Storage firmware upgrade \(Object storage\) from \S+Z to \S+Z$/)
    const past = page.locator(`#incident-log article[data-id="${seeded.pastIncident}"]`)
    assert.equal(await past.locator('h3').textContent(), 'Compute API errors')
    assert.equal(await past.locator('.phase').textContent(), 'Resolved')
    assert.equal(await past.locator('.description').textContent(), 'Some calls to the compute API fail.')
    assert.equal(await past.locator('.impact').textContent(), 'Compute: Partial Outage, broken')
    assert.deepEqual(await past.locator('.updates li').allTextContents(), ['Root cause found: A full disk on one API node.', 'Fixed: The disk was cleaned up; all calls succeed again.'])
    const open = page.locator(`#incident-log article[data-id="${seeded.openIncident}"]`)
    assert.equal(await open.locator('h3').textContent(), 'Slow network in R1')
    assert.equal(await open.locator('.phase').textContent(), 'Investigating')
    assert.deepEqual(await open.locator('.updates li').allTextContents(), ['Investigating: A switch port flaps.'])
    await page.context().close()
  })

  test('a write from that origin is refused by the browser: the fetch rejects and the server never sees it', async () => {
    const { page } = await openClient()
    const problems: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text())
    })
    seen.length = 0
    const typesBefore = (await store.catalog.impactTypes()).length
    const writes: [string, string, unknown][] = [
      ['POST', '/impacttypes', { displayName: 'From the browser', description: 'must never arrive' }],
      ['DELETE', `/incidents/${seeded.openIncident}`, undefined],
    ]
    // No named functions inside: tsx would wrap them in a helper the page does not have.
    const outcomes = await page.evaluate(
      async ({ base, token, calls }) =>
        Promise.all(
          calls.map(async ([method, path, body]) => {
            try {
              const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
              const res = await fetch(base + path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })
              return `answered ${res.status}`
            } catch (error) {
              return `rejected: ${String(error)}`
            }
          }),
        ),
      { base: `${apiUrl}/scs`, token: seeded.operatorToken, calls: writes },
    )
    for (const outcome of outcomes) assert.match(outcome, /^rejected: TypeError: Failed to fetch/)
    assert.deepEqual(seen.map((call) => call.method), ['OPTIONS', 'OPTIONS'], 'only the preflights reach the server')
    assert.equal(problems.filter((text) => /blocked by CORS policy/.test(text)).length, 2, problems.join('\n'))
    assert.equal((await store.catalog.impactTypes()).length, typesBefore)
    assert.equal((await store.incidents.get(seeded.openIncident))?.title, 'Slow network in R1')
    assert.equal((await store.retractions.ofIncident(seeded.openIncident)).length, 0)
    await page.context().close()
  })
})
