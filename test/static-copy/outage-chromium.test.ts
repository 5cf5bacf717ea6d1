/**
 * The page survives our own outage (issue 8 item 6): Glasshouse renders its static copy, the
 * publish command copies it to a second directory, Glasshouse stops, Debian's nginx serves the
 * second directory (`gzip_static on`), and real Chromium shows "Status as of …" — plus, with the
 * browser's clock past `staleAfter`, the banner that the status system itself may be down; with
 * JavaScript disabled the time alone.
 */
import assert from 'node:assert/strict'
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { chromium, type Browser, type BrowserContext } from 'playwright-core'
import { systemClock } from '../../src/core/index.js'
import { createMetrics } from '../../src/metrics/index.js'
import { createStaticCopy, StaticCopySchema, staticCopyMetrics } from '../../src/static-copy/index.js'
import { createStatusReader } from '../../src/status/index.js'
import { realPart } from '../support/real-part.js'
import { testServerApp } from '../support/server-app.js'
import { servePage } from '../web/fixture.js'
import { NGINX_BINARY, serveStatic, type StaticNginx } from './static-nginx.js'

const CHROMIUM = '/usr/bin/chromium'
const missing = [existsSync(CHROMIUM) ? null : `${CHROMIUM}`, existsSync(NGINX_BINARY) ? null : NGINX_BINARY].filter((part) => part !== null)
const part = realPart('static-copy-outage', missing.length === 0 ? null : `${missing.join(' and ')} not installed`, 'apt-get install chromium nginx-light')
const skip = part.available ? false : part.skip
const MINUTE_MS = 60_000

function rawGet(url: string, headers: Record<string, string>): Promise<{ headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.once('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }))
    })
      .once('error', reject)
      .end()
  })
}

describe('the static copy with Glasshouse stopped, served by nginx, in Chromium', { skip }, () => {
  let work: string
  let second: string
  let nginx: StaticNginx
  let browser: Browser
  let generatedAt: number
  let liveUrl: string

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'gh-static-outage-'))
    await chmod(work, 0o755) // nginx's workers run as an unprivileged user
    second = join(work, 'second')
    await writeFile(join(work, 'publish.sh'), '#!/bin/sh\nset -e\nmkdir -p "$2"\ncp -R "$1"/. "$2"/\n')
    await chmod(join(work, 'publish.sh'), 0o755)
    const served = await servePage()
    liveUrl = served.url
    const copy = createStaticCopy({
      app: testServerApp(served.store),
      status: createStatusReader({ store: served.store, clock: systemClock }),
      config: () => ({ ...StaticCopySchema.parse({}), dir: join(work, 'static'), publishCommand: [join(work, 'publish.sh'), '{dir}', second] }),
      dataDir: () => work,
      name: () => 'Test cloud',
      now: () => Date.now(),
      log: { info: () => {}, warn: () => {}, error: () => {} },
      metrics: staticCopyMetrics(createMetrics().registers),
      secrets: () => [],
    })
    const outcome = await copy.renderNow()
    await copy.stop()
    assert.equal(outcome.publish?.ok, true, outcome.publish?.reason)
    await served.close()
    const meta = /<meta name="generated-at" content="([^"]+)"/.exec(await readFile(join(second, 'en', 'index.html'), 'utf8'))
    generatedAt = Date.parse(meta![1]!)
    nginx = await serveStatic(second)
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'], headless: true })
  })
  after(async () => {
    await browser?.close()
    await nginx?.stop()
    if (work !== undefined) await rm(work, { recursive: true, force: true })
  })

  async function context(options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
    return browser.newContext({ locale: 'en-GB', ...options })
  }

  test('Glasshouse is down; nginx serves the copy gzip-encoded from the .gz files', async () => {
    await assert.rejects(fetch(liveUrl), 'the live server is stopped')
    const zipped = await rawGet(`${nginx.url}/en/`, { 'accept-encoding': 'gzip' })
    assert.equal(zipped.headers['content-encoding'], 'gzip')
    assert.deepEqual(zipped.body, await readFile(join(second, 'en', 'index.html.gz')))
    const feed = await fetch(`${nginx.url}/feed.atom`)
    assert.equal(feed.headers.get('content-type'), 'application/atom+xml')
  })

  test('a fresh copy shows its age and no banner; past staleAfter the banner appears without a reload', async () => {
    const ctx = await context()
    const page = await ctx.newPage()
    await page.clock.install({ time: generatedAt + 2 * MINUTE_MS })
    await page.goto(`${nginx.url}/`)
    await page.waitForURL(`${nginx.url}/en/`)
    assert.match((await page.locator('.static-as-of').textContent()) ?? '', /^Status as of \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/)
    assert.equal(await page.locator('#static-stale').isVisible(), false)
    await page.clock.fastForward('02:00')
    await page.locator('#static-stale').waitFor({ state: 'visible', timeout: 5_000 })
    assert.match((await page.locator('#static-stale').textContent()) ?? '', /status system itself may be down/)
    await ctx.close()
  })

  test('with the clock 4 minutes on, the German page shows the German banner; links stay in the copy', async () => {
    const ctx = await context({ locale: 'de-DE' })
    const page = await ctx.newPage()
    await page.clock.setFixedTime(new Date(generatedAt + 4 * MINUTE_MS))
    await page.goto(`${nginx.url}/de/`)
    assert.match((await page.locator('.static-as-of').textContent()) ?? '', /^Stand: /)
    assert.equal(await page.locator('#static-stale').isVisible(), true)
    assert.match((await page.locator('#static-stale').textContent()) ?? '', /Statussystem selbst ist möglicherweise ausgefallen/)
    await page.locator('header.site nav a[href="/de/history/"]').click()
    await page.waitForURL(`${nginx.url}/de/history/`)
    assert.equal(await page.locator('#static-stale').isVisible(), true)
    await ctx.close()
  })

  test('without JavaScript the time shows and the banner does not', async () => {
    const ctx = await context({ javaScriptEnabled: false })
    const page = await ctx.newPage()
    await page.goto(`${nginx.url}/en/`)
    assert.match((await page.locator('.static-as-of').textContent()) ?? '', /^Status as of /)
    assert.equal(await page.locator('#static-stale').isVisible(), false)
    await ctx.close()
  })
})
