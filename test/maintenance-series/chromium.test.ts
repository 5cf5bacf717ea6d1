/**
 * The maintenance forms in real Chromium with JavaScript disabled: schedule → edit → cancel a
 * window, the short-notice confirm step, and a recurring series — the public page and the iCal
 * calendar showing each step.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { BrowserContext, Page } from 'playwright-core'
import { localValue } from '../../src/operator/maintenance/fields.js'
import { browseApp, chromiumMissing, type BrowsedApp } from '../support/chromium-app.js'
import { realPart } from '../support/real-part.js'
import { startOperatorUi, type OperatorUi } from '../operator/support.js'

const part = realPart('maintenance-chromium', chromiumMissing(), 'apt-get install chromium')
const skip = part.available ? false : part.skip
const HOUR = 3_600_000

describe('maintenance forms in Chromium without JavaScript', { skip }, () => {
  let ui: OperatorUi
  let browsed: BrowsedApp
  let context: BrowserContext
  let base: string

  before(async () => {
    ui = await startOperatorUi()
    browsed = await browseApp(ui.app)
    base = browsed.base
    context = await browsed.noScriptContext()
  })
  after(async () => {
    await browsed?.close()
    await ui?.dispose()
  })

  /**
   * The public page as a new visitor sees it once its page data (read at most once a minute,
   * stale-while-revalidate: src/web/page-data.ts) has been read again.
   */
  async function publicText(): Promise<string> {
    ui.clock.advance(61_000)
    await fetch(`${base}/`)
    await new Promise((resolve) => setTimeout(resolve, 200))
    const visitor = await browsed.noScriptContext()
    const page = await visitor.newPage()
    await page.goto(`${base}/`)
    const text = await page.locator('main').innerText()
    await visitor.close()
    return text
  }
  const calendar = async () => (await fetch(`${base}/maintenance.ics`)).text()

  async function fillWindow(page: Page, title: string, start: number, end: number): Promise<void> {
    await page.getByLabel('Title').fill(title)
    await page.getByLabel('Start', { exact: true }).fill(localValue(start, 'UTC'))
    await page.getByLabel('End', { exact: true }).fill(localValue(end, 'UTC'))
    await page.getByLabel('Time zone of start and end').fill('UTC')
  }

  test('schedule → edit → cancel a window; short notice asks first; a weekly series', async () => {
    const page = await context.newPage()
    await page.goto(`${base}/operator/sign-in`)
    await page.getByLabel('API token').fill(ui.tokens.operator)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(`${base}/operator`)

    const start = ui.clock.now() + 3 * 24 * HOUR
    await page.goto(`${base}/operator/maintenance/new`)
    await fillWindow(page, 'Storage firmware 7c2a', start, start + 2 * HOUR)
    await page.getByLabel('Compute').check()
    await page.getByRole('button', { name: 'Schedule' }).click()
    await page.waitForURL(`${base}/operator/maintenance`)
    assert.match(await page.locator('.flash').innerText(), /Maintenance scheduled/)
    assert.match(await publicText(), /Storage firmware 7c2a/)
    assert.match(await calendar(), /SUMMARY:Storage firmware 7c2a/)

    await page.getByRole('link', { name: 'Storage firmware 7c2a' }).click()
    await page.getByLabel('Title').fill('Storage firmware 7c2a, second pass')
    await page.getByRole('button', { name: 'Save' }).click()
    assert.match(await page.locator('.flash').innerText(), /Maintenance saved/)
    assert.match(await publicText(), /Storage firmware 7c2a, second pass/)
    assert.match(await calendar(), /SUMMARY:Storage firmware 7c2a\\, second pass/)

    await page.getByRole('link', { name: 'Storage firmware 7c2a, second pass' }).click()
    await page.locator('#cancel-silent').check()
    await page.getByRole('button', { name: 'Cancel this window' }).click()
    assert.match(await page.locator('.flash').innerText(), /Maintenance cancelled/)
    assert.doesNotMatch(await publicText(), /Storage firmware 7c2a/)
    assert.match(await calendar(), /STATUS:CANCELLED/)

    const soon = ui.clock.now() + 4 * HOUR + 30 * 60_000
    await page.goto(`${base}/operator/maintenance/new`)
    await fillWindow(page, 'Emergency patch 91b3', soon, soon + HOUR)
    await page.getByLabel('Network').check()
    await page.getByRole('button', { name: 'Schedule' }).click()
    assert.match(await page.getByRole('alert').innerText(), /Notice is only 4 h (29|30) min, the policy is 36 h — schedule anyway\?/)
    assert.doesNotMatch(await calendar(), /Emergency patch 91b3/)
    await page.getByRole('button', { name: 'Schedule anyway' }).click()
    await page.waitForURL(`${base}/operator/maintenance`)
    assert.match(await publicText(), /Emergency patch 91b3/)

    await page.getByRole('link', { name: 'New recurring series…' }).click()
    await page.getByLabel('Title').fill('Weekly patching d5e8')
    await page.getByLabel('Compute').check()
    await page.getByLabel('Duration of each window (e.g. 90m, 2h)').fill('2h')
    await page.getByLabel('Sunday').check()
    await page.getByLabel('At (HH:MM, local)').fill('02:00')
    await page.getByLabel('Time zone', { exact: true }).fill('Europe/Berlin')
    await page.getByRole('button', { name: 'Create series' }).click()
    if (await page.getByRole('button', { name: 'Schedule anyway' }).count() > 0) await page.getByRole('button', { name: 'Schedule anyway' }).click()
    await page.waitForURL(`${base}/operator/maintenance`)
    assert.match(await page.locator('.flash').innerText(), /Recurring series created/)
    assert.match(await page.locator('main').innerText(), /Weekly patching d5e8\s+active · sun at 02:00 \(Europe\/Berlin\)/)
    const ics = await calendar()
    assert.ok((ics.match(/SUMMARY:Weekly patching d5e8/g) ?? []).length >= 4, 'four or five Sundays in 30 days')
  })
})
