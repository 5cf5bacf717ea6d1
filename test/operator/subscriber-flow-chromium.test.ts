/**
 * Suite `subscriber-flow-chromium`: the whole loop of issue 8 in real Chromium (JavaScript off)
 * against real receivers. A visitor subscribes by e-mail through the public form and confirms
 * with the link of the mail that arrived at a real SMTP server (aiosmtpd on loopback); an
 * operator registers a webhook (Standard Webhooks) to a receiver on loopback; then the operator,
 * signed in through the UI, opens an incident from a template (notify), posts a notifying update,
 * a silent one, resolves, and schedules maintenance. Each notifying step arrives exactly once by
 * mail and by a correctly signed webhook, the silent one nowhere; the feed and the iCal
 * calendar carry the entries.
 */
import assert from 'node:assert/strict'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, test } from 'node:test'
import type { Page } from 'playwright-core'
import { createIncidentService } from '../../src/incidents/index.js'
import { verifySignature } from '../../src/notify/index.js'
import { aiosmtpdAvailable, startSmtp } from '../alerts/real-servers.js'
import { browseApp, chromiumMissing, type BrowsedApp } from '../support/chromium-app.js'
import { realPart } from '../support/real-part.js'
import { decoded, header, linkIn } from '../subscriptions/mail.js'
import { startHarness, type SubscriptionHarness } from '../subscriptions/support.js'

const missing = chromiumMissing() ?? (await aiosmtpdAvailable())
const part = realPart('subscriber-flow-chromium', missing, 'apt-get install chromium python3-aiosmtpd')
const PUBLIC = 'http://status.test'
const DAY = 86_400_000

interface Delivery {
  headers: Record<string, string>
  body: string
}

/** A webhook receiver on loopback keeping what it got. */
async function startReceiver(): Promise<{ server: Server; url: string; received: Delivery[] }> {
  const received: Delivery[] = []
  const server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk: Buffer) => (body += chunk.toString()))
    request.on('end', () => {
      received.push({ headers: request.headers as Record<string, string>, body })
      response.writeHead(204).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received }
}

/** `YYYY-MM-DDTHH:MM` of `ms` in UTC, as a datetime-local field takes it. */
function localValue(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16)
}

describe('operator and subscriber flows in Chromium with real SMTP and webhook receivers', { skip: part.available ? false : part.skip }, () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>
  let receiver: Awaited<ReturnType<typeof startReceiver>>
  let h: SubscriptionHarness
  let browsed: BrowsedApp
  let base: string

  before(async () => {
    smtp = await startSmtp()
    receiver = await startReceiver()
    h = await startHarness({ email: { from: 'status@example.org', smtp: { host: '127.0.0.1', port: smtp.port } }, allowHttpWebhooks: true, ssrf: { allowCidrs: ['127.0.0.0/8'] } })
    await createIncidentService({ store: h.store, clock: h.clock }).createTemplate(
      { name: 'api-errors', title: 'Elevated API errors', text: 'We see elevated error rates.', phase: 'investigating', impacts: [{ component: 'compute', type: 'Unknown', severity: 66 }] },
      { actor: 'test', door: 'api' },
    )
    browsed = await browseApp(h.app)
    base = browsed.base
  })
  after(async () => {
    await browsed?.close()
    await h?.dispose()
    await new Promise((resolve) => receiver?.server.close(resolve))
    await smtp?.close()
  })

  /** Sends what is due, then what the fan-out queued. */
  const deliver = async () => {
    await h.drain()
    await h.drain()
  }
  const local = (url: string) => base + url.replace(PUBLIC, '')
  const mails = () => smtp.messages().filter((message) => !/Confirm your subscription/.test(header(message, 'Subject') ?? ''))

  test('subscribe and confirm by mail, register a webhook, then template → notify → silent → resolve → maintenance', async () => {
    const visitor = await (await browsed.noScriptContext()).newPage()
    await visitor.goto(`${base}/subscribe`)
    await visitor.getByLabel('E-mail address').fill('reader@example.org')
    await visitor.getByLabel('Compute').check()
    await visitor.getByRole('button', { name: 'Subscribe' }).click()
    await deliver()
    assert.equal(smtp.messages().length, 1, 'one confirmation mail')
    await visitor.goto(local(linkIn(smtp.messages()[0]!, `${PUBLIC}/subscriptions/confirm/`)))
    await visitor.locator('form button[type=submit]').click()
    assert.ok((await h.store.subscriptions.list()).every((row) => row.confirmedAt !== null))

    const created = await h.api('operator', 'POST', '/api/v1/subscriptions', { url: receiver.url, components: ['compute'] })
    assert.equal(created.status, 201, await created.clone().text())
    const { secret } = (await created.json()) as { secret: string }

    const operator = await (await browsed.noScriptContext()).newPage()
    await signIn(operator)
    await operator.getByRole('link', { name: 'Open an incident from a template…' }).click()
    await operator.getByLabel('Template').selectOption('api-errors')
    await operator.getByRole('button', { name: 'Use template' }).click()
    await operator.getByRole('button', { name: 'Open incident' }).click()
    await operator.waitForURL(/\/operator\/incidents\/[0-9a-f-]{36}$/)
    const incidentPath = new URL(operator.url()).pathname

    await postUpdate(operator, 'Cause found: a full disk 5a1c.', 'Notify subscribers')
    await postUpdate(operator, 'Internal-looking silent note 9e2b.', 'Silent (no e-mail or webhook)')
    await operator.goto(base + incidentPath)
    await operator.getByLabel('Closing text').fill('Disk cleaned up; all good 77d0.')
    await operator.getByRole('button', { name: 'Resolve incident' }).click()
    assert.match(await operator.locator('.flash').innerText(), /Incident resolved/)

    const start = h.clock.now() + 3 * DAY
    await operator.goto(`${base}/operator/maintenance/new`)
    await operator.getByLabel('Title').fill('Compute host upgrade 3f6b')
    await operator.getByLabel('Start', { exact: true }).fill(localValue(start))
    await operator.getByLabel('End', { exact: true }).fill(localValue(start + 2 * 3_600_000))
    await operator.getByLabel('Time zone of start and end').fill('UTC')
    await operator.getByLabel('Compute').check()
    await operator.getByRole('button', { name: 'Schedule' }).click()

    await deliver()
    const texts = mails().map((message) => `${header(message, 'Subject')}\n${decoded(message)}`)
    assert.equal(texts.length, 4, texts.join('\n----\n'))
    const onlyOne = (marker: RegExp) => assert.equal(texts.filter((text) => marker.test(text)).length, 1, `one mail has ${marker}`)
    for (const marker of [/We see elevated error rates/, /a full disk 5a1c/, /all good 77d0/, /Compute host upgrade 3f6b/]) onlyOne(marker)
    assert.ok(!texts.some((text) => text.includes('9e2b')), 'the silent update went nowhere')

    assert.equal(receiver.received.length, 4, 'the webhook got the same four events')
    for (const marker of ['elevated error rates', '5a1c', '77d0', '3f6b']) assert.equal(receiver.received.filter((delivery) => delivery.body.includes(marker)).length, 1, marker)
    for (const delivery of receiver.received) assert.ok(verifySignature(secret, delivery.headers, delivery.body), 'every webhook is correctly signed')
    assert.ok(!receiver.received.some((delivery) => delivery.body.includes('9e2b')))

    const feed = await (await fetch(`${base}/feed.atom`)).text()
    assert.match(feed, /a full disk 5a1c/)
    assert.match(feed, /all good 77d0/)
    const calendar = await (await fetch(`${base}/maintenance.ics`)).text()
    assert.match(calendar, /SUMMARY:Compute host upgrade 3f6b/)
  })

  async function signIn(page: Page): Promise<void> {
    await page.goto(`${base}/operator/sign-in`)
    await page.getByLabel('API token').fill(h.tokens.operator)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(`${base}/operator`)
  }

  async function postUpdate(page: Page, text: string, choice: string): Promise<void> {
    await page.getByLabel('Text (Markdown, public)').fill(text)
    await page.getByLabel(choice).first().check()
    await page.getByRole('button', { name: 'Post update' }).click()
    await page.locator('.flash').waitFor()
  }
})
