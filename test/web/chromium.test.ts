/**
 * The public pages in real Chromium (Debian's /usr/bin/chromium through playwright-core):
 * states, bars, a permalink, maintenance, the language switch, JavaScript disabled, axe-core and
 * XSS inertness.
 */
import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { after, before, describe, test } from 'node:test'
import { chromium, type Browser, type Page } from 'playwright-core'
import { realPart } from '../support/real-part.js'
import { servePage, type ServedPage } from './fixture.js'

const CHROMIUM = '/usr/bin/chromium'
const part = realPart('web-chromium', existsSync(CHROMIUM) ? null : `${CHROMIUM} not installed`, 'apt-get install chromium')
const skip = part.available ? false : part.skip
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/** The little of the browser's DOM the page functions touch (the project has no DOM typings). */
interface Dom {
  document: {
    activeElement: { querySelector(selector: string): { textContent: string | null } | null } | null
    querySelectorAll(selector: string): Iterable<{ attributes: Iterable<{ name: string }> }>
  }
}

interface AxeViolation {
  id: string
  impact: string | null
  nodes: { target: string[] }[]
}

async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: AXE })
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe
    return (await axe.run()).violations
  })
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
}

describe('the public pages in Chromium', { skip }, () => {
  let served: ServedPage
  let browser: Browser

  before(async () => {
    served = await servePage()
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'], headless: true })
  })
  after(async () => {
    await browser?.close()
    await served?.close()
  })

  async function open(path: string, options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
    const context = await browser.newContext({ locale: 'en-GB', ...options })
    const page = await context.newPage()
    await page.goto(served.url + path)
    return page
  }

  test('states show as icon and words, grouped by category, with the overall banner', async () => {
    const page = await open('/')
    assert.match((await page.locator('.banner').textContent()) ?? '', /Major outage in progress/)
    const headings = await page.locator('main h2').allTextContents()
    assert.ok(headings.includes('Infrastructure') && headings.includes('Storage'), headings.join(' | '))
    const compute = page.locator('#component-compute')
    assert.match((await compute.locator('.row .state').textContent()) ?? '', /✕\s*Major outage/)
    assert.match((await page.locator('#component-storage .row .state').textContent()) ?? '', /✓\s*Operational/)
    assert.equal(await page.locator('script').count(), 0, 'the status page runs no script')
    await page.context().close()
  })

  /** The day links of a bar: title, rect class, whether an incident mark sits above. */
  async function barLinks(page: Page, selector: string): Promise<{ title: string; cls: string; marked: boolean }[]> {
    return page
      .locator(selector)
      .first()
      .locator('a')
      .evaluateAll((links) =>
        links.map((link) => ({ title: link.querySelector('title')?.textContent ?? '', cls: link.querySelector('rect.day')?.getAttribute('class') ?? '', marked: link.querySelector('rect.mark') !== null })),
      )
  }

  test('component page: 90-day bars, a bar per day, no data never green, incident days marked', async () => {
    const page = await open('/components/compute')
    const days = await barLinks(page, 'svg.bar[aria-label*="(R1)"]')
    assert.equal(days.length, 90)
    const tenAgo = days[days.length - 11]!
    assert.match(tenAgo.cls, /d-no-data/)
    assert.match(tenAgo.title, /No data · no data/)
    const threeAgo = days[days.length - 4]!
    assert.match(threeAgo.cls, /d-partial-outage/)
    assert.match(threeAgo.title, /98 % measured availability.*1 incident: Compute API errors in R1/)
    assert.ok(threeAgo.marked, 'the incident day carries a mark')
    assert.ok(!days[days.length - 20]!.marked)
    await page.context().close()
  })

  test('home page: runs of equal days, incident and bad days single, no data never green, details on focus', async () => {
    const page = await open('/')
    const bar = '#component-compute svg.bar[aria-label*="(R1)"]'
    const runs = await barLinks(page, bar)
    assert.ok(runs.length < 12, `a mostly healthy bar is a handful of runs, not ${runs.length} days`)
    assert.match(runs[0]!.title, /^\d{4}-\d\d-\d\d – \d{4}-\d\d-\d\d · Operational · 79 days · lowest day 100 % measured availability$/)
    assert.match(runs[0]!.cls, /d-operational/)
    const noData = runs.filter((run) => /No data/.test(run.title))
    assert.equal(noData.length, 1)
    assert.match(noData[0]!.cls, /d-no-data/, 'no data is never green')
    const lastFour = runs.slice(-4)
    assert.ok(lastFour.every((run) => run.marked && /1 incident: Compute API errors in R1/.test(run.title) && !/ – /.test(run.title)), 'each incident day stays single, marked, with its details')
    assert.match(lastFour[0]!.cls, /d-partial-outage/)
    assert.match(lastFour[0]!.title, /98 % measured availability/)
    const uptime = await page.locator('#component-compute .uptime').first().textContent()
    assert.match(uptime ?? '', /24 h.*7 days.*30 days.*90 days.*1 year/s)
    const storageUptime = await page.locator('#component-storage .uptime').textContent()
    assert.match(storageUptime ?? '', /no data/, 'a series without rollups shows no data, never 100 %')
    assert.doesNotMatch(storageUptime ?? '', /100 %/)
    const link = page.locator(bar).locator('a').nth(runs.length - 4)
    await link.focus()
    const focused = await page.evaluate(() => (globalThis as unknown as Dom).document.activeElement?.querySelector('title')?.textContent ?? '')
    assert.match(focused, /Compute API errors in R1/, 'keyboard focus reaches the day and its details')
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/history\?/)
    assert.match((await page.locator('.list.history').textContent()) ?? '', /Compute API errors in R1/)
    await page.context().close()
  })

  test('an incident permalink shows its updates; active incidents link to it', async () => {
    const page = await open('/')
    await page.locator('section[aria-labelledby=incidents] a.name').click()
    await page.waitForURL(`**/incidents/${served.incidentId}`)
    assert.equal(await page.locator('h1').textContent(), 'Compute API errors in R1')
    assert.match((await page.locator('article').textContent()) ?? '', /Investigating.*Ongoing/s)
    assert.equal(await page.locator('link[rel=canonical]').getAttribute('href'), `${served.url}/incidents/${served.incidentId}`)
    const missing = await page.goto(`${served.url}/incidents/00000000-0000-7000-8000-000000000000`)
    assert.equal(missing?.status(), 404)
    await page.context().close()
  })

  test('planned maintenance is listed with its window and target', async () => {
    const page = await open('/')
    const item = page.locator('#maintenance + ul li')
    assert.match((await item.textContent()) ?? '', /Storage firmware upgrade.*From.*UTC.*To.*UTC.*storage/s)
    await page.context().close()
  })

  test('German from Accept-Language, a switch to English that a cookie keeps', async () => {
    const page = await open('/', { locale: 'de-DE' })
    assert.equal(await page.locator('html').getAttribute('lang'), 'de')
    assert.match((await page.locator('.banner').textContent()) ?? '', /Schwerer Ausfall/)
    const response = await page.request.get(`${served.url}/`, { headers: { 'accept-language': 'de' } })
    assert.match(response.headers()['vary'] ?? '', /accept-language/)
    await page.locator('nav a[hreflang=en]').click()
    await page.waitForURL(/lang=en/)
    assert.equal(await page.locator('html').getAttribute('lang'), 'en')
    await page.goto(`${served.url}/history`)
    assert.equal(await page.locator('html').getAttribute('lang'), 'en', 'the cookie outranks Accept-Language')
    assert.equal(await page.locator('h1').textContent(), 'Incident and maintenance history')
    await page.context().close()
  })

  test('without JavaScript: complete pages, the history form filters, the chart has its table', async () => {
    const page = await open('/history', { javaScriptEnabled: false })
    await page.selectOption('select[name=type]', 'maintenance')
    await page.click('form.filters button[type=submit]')
    await page.waitForURL(/type=maintenance/)
    assert.equal(await page.locator('.history-incident').count(), 0)
    await page.goto(`${served.url}/history?type=incident&component=storage`)
    assert.match((await page.locator('main').textContent()) ?? '', /Nothing happened in this range/)
    await page.goto(`${served.url}/components/compute`)
    assert.match((await page.locator('#response-times ~ p, #response-times + p').first().textContent()) ?? '', /median .* ms, 95th percentile .* ms over \d+ hours/)
    await page.locator('details summary').first().click()
    assert.ok((await page.locator('details table tbody tr').count()) > 10)
    assert.equal(await page.locator('#chart canvas').count(), 0)
    await page.context().close()
    const withScript = await open('/components/compute')
    await withScript.waitForSelector('#chart canvas')
    await withScript.context().close()
  })

  test('axe-core finds nothing serious or critical, in light and dark mode', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const path of ['/', `/incidents/${served.incidentId}`, '/history', '/components/compute', '/?lang=de', '/availability', '/availability?lang=de', '/?location=R1']) {
        const page = await open(path, { colorScheme })
        const violations = await axeViolations(page)
        assert.deepEqual(
          violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`),
          [],
          `${path} in ${colorScheme} mode`,
        )
        await page.context().close()
      }
    }
  })

  test('location tabs by keyboard alone, without JavaScript: Tab reaches them, Enter narrows the page', async () => {
    const page = await open('/', { javaScriptEnabled: false })
    const focusedText = () => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string | null } | null } }).document.activeElement?.textContent ?? '')
    let presses = 0
    while ((await focusedText()) !== 'R2' && presses < 80) {
      await page.keyboard.press('Tab')
      presses += 1
    }
    assert.equal(await focusedText(), 'R2', `Tab reaches the R2 tab (${presses} presses)`)
    await page.keyboard.press('Enter')
    await page.waitForURL(/\?location=R2$/)
    assert.equal(await page.locator('nav.tabs a[aria-current=page]').textContent(), 'R2')
    assert.match((await page.locator('.banner').textContent()) ?? '', /\(for all locations\)/)
    assert.equal(await page.locator('#component-storage').count(), 0, 'storage is not measured in R2')
    assert.equal(await page.locator('#component-compute svg.bar').count(), 1, 'only the R2 bar of compute')
    await page.locator('nav.tabs a', { hasText: 'All' }).focus()
    await page.keyboard.press('Enter')
    await page.waitForURL(`${served.url}/`)
    assert.equal(await page.locator('#component-compute svg.bar').count(), 2)
    await page.context().close()
  })

  test('availability report: the form works without JavaScript and shows no data as such', async () => {
    const page = await open('/', { javaScriptEnabled: false })
    await page.locator('header nav a[href="/availability"]').click()
    await page.waitForURL(/\/availability$/)
    assert.match((await page.locator('h1').textContent()) ?? '', /^Availability in \w+ \d{4}$/)
    await page.selectOption('select[name=component]', 'storage')
    await page.click('form.filters button[type=submit]')
    await page.waitForURL(/component=storage/)
    const cells = await page.locator('table.availability-report tbody tr td').allTextContents()
    assert.deepEqual(cells.slice(1), ['no data', 'no data', 'none', 'none', 'no data'], 'storage has no rollups: no data, never 100 %')
    await page.context().close()
  })

  test('incident Markdown is inert: no script runs, no handler or javascript: URL survives', async () => {
    const errors: string[] = []
    for (const path of [`/incidents/${served.incidentId}`, '/']) {
      const page = await open(path)
      page.on('pageerror', (error) => errors.push(error.message))
      for (const link of await page.locator('a').all()) {
        assert.doesNotMatch((await link.getAttribute('href')) ?? '', /^\s*javascript:/i)
      }
      const handlers = await page.evaluate(() => [...(globalThis as unknown as Dom).document.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => a.name)))
      assert.deepEqual(handlers, [])
      assert.equal(await page.locator('main img').count(), 0)
      await page.locator('main p', { hasText: 'details' }).first().click()
      assert.equal(await page.evaluate(() => (globalThis as { __xss?: string }).__xss), undefined, path)
      assert.match((await page.locator('main').textContent()) ?? '', /<script>window.__xss/, 'the script shows as text')
      await page.context().close()
    }
    assert.deepEqual(errors, [])
  })
})
