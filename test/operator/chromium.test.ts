/**
 * The operator flow in real Chromium with JavaScript disabled: sign in → incident from a
 * template → silent update → one-click state → resolve, the public page showing each step.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { after, before, describe, test } from 'node:test'
import type { BrowserContext, Page } from 'playwright-core'
import { createIncidentService } from '../../src/incidents/index.js'
import { browseApp, chromiumMissing, type BrowsedApp } from '../support/chromium-app.js'
import { realPart } from '../support/real-part.js'
import { startOperatorUi, type OperatorUi } from './support.js'

const part = realPart('operator-chromium', chromiumMissing(), 'apt-get install chromium')
const skip = part.available ? false : part.skip
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/** Serious and critical axe-core findings of the page (run with the CSP bypassed: the pages allow no script). */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE })
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }> } }).axe
    return (await axe.run()).violations
  })
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)
}

describe('the operator UI in Chromium without JavaScript', { skip }, () => {
  let ui: OperatorUi
  let browsed: BrowsedApp
  let context: BrowserContext
  let base: string
  const cspViolations: string[] = []

  before(async () => {
    ui = await startOperatorUi()
    await createIncidentService({ store: ui.store, clock: ui.clock }).createTemplate(
      { name: 'api-errors', title: 'Elevated API errors', text: 'We see elevated error rates.', phase: 'investigating', impacts: [{ component: 'compute', location: 'de-1', type: 'Unknown', severity: 66 }] },
      { actor: 'test', door: 'api' },
    )
    browsed = await browseApp(ui.app)
    base = browsed.base
    context = await browsed.noScriptContext()
  })
  after(async () => {
    await browsed?.close()
    await ui?.dispose()
  })

  /** The public page as a new visitor sees it (a fresh context: the page may be cached for 15 s). */
  async function publicText(path: string): Promise<string> {
    const visitor = await browsed.noScriptContext()
    const page = await visitor.newPage()
    await page.goto(base + path)
    const text = await page.locator('main').innerText()
    await visitor.close()
    return text
  }

  function watch(page: Page): Page {
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text())
    })
    return page
  }

  test('sign in, incident from a template, silent update, one-click state, resolve', async () => {
    const page = watch(await context.newPage())
    await page.goto(`${base}/operator`)
    assert.match(page.url(), /\/operator\/sign-in\?next=/)
    await page.getByLabel('API token').fill(ui.tokens.operator)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(`${base}/operator`)
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Dashboard')

    await page.getByRole('link', { name: 'Open an incident from a template…' }).click()
    await page.getByLabel('Template').selectOption('api-errors')
    await page.getByRole('button', { name: 'Use template' }).click()
    assert.equal(await page.getByLabel('Title').inputValue(), 'Elevated API errors')
    await page.getByRole('button', { name: 'Open incident' }).click()
    await page.waitForURL(/\/operator\/incidents\/[0-9a-f-]{36}$/)
    const incidentPath = new URL(page.url()).pathname.replace('/operator', '')
    assert.match(await page.locator('.flash').innerText(), /Incident opened/)
    assert.match(await publicText('/'), /Elevated API errors/)

    await page.getByLabel('Text (Markdown, public)').fill('Browser marker 4f1e: the cause is found.')
    await page.locator('#update-phase').selectOption('identified')
    await page.getByLabel('Silent (no e-mail or webhook)').first().check()
    await page.getByRole('button', { name: 'Post update' }).click()
    assert.match(await page.locator('.flash').innerText(), /Update posted silently/)
    assert.match(await publicText(incidentPath), /Browser marker 4f1e/)

    await page.getByRole('link', { name: 'Dashboard' }).click()
    await page.getByRole('button', { name: 'Network global: set broken' }).click()
    await page.waitForURL(`${base}/operator`)
    assert.match(await page.locator('.flash').innerText(), /Incident opened: Network is broken/)
    assert.match(await publicText('/'), /Network: broken/)

    await page.goto(`${base}/operator${incidentPath}`)
    await page.getByLabel('Closing text').fill('Browser marker 8d0c: fixed.')
    await page.getByRole('button', { name: 'Resolve incident' }).click()
    assert.match(await page.locator('.flash').innerText(), /Incident resolved/)
    assert.match(await publicText(incidentPath), /Browser marker 8d0c/)

    await page.getByRole('button', { name: /Sign out/ }).click()
    await page.waitForURL(/\/operator\/sign-in$/)
    await page.goto(`${base}/operator`)
    assert.match(page.url(), /\/operator\/sign-in/)
    assert.deepEqual(cspViolations, [])
  })

  test('the operator pages have no serious accessibility findings', async () => {
    const checker = await browsed.browser.newContext({ bypassCSP: true, locale: 'en-GB' })
    try {
      const page = await checker.newPage()
      await page.goto(`${base}/operator/sign-in`)
      const findings: Record<string, string[]> = { '/operator/sign-in': await axeViolations(page) }
      await page.getByLabel('API token').fill(ui.tokens.admin)
      await page.getByRole('button', { name: 'Sign in' }).click()
      await page.waitForURL(`${base}/operator`)
      const incident = (await ui.store.incidents.list({ from: 0, to: Date.now() + 86_400_000, limit: 1 }))[0]
      const paths = ['/operator', '/operator/incidents/new?template=api-errors', '/operator/catalog', ...(incident === undefined ? [] : [`/operator/incidents/${incident.id}`])]
      for (const path of paths) {
        await page.goto(base + path)
        findings[path] = await axeViolations(page)
      }
      assert.deepEqual(Object.values(findings).flat(), [], JSON.stringify(findings, null, 2))
    } finally {
      await checker.close()
    }
  })
})
