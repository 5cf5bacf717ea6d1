/**
 * An app served as `glasshouse serve` serves it (fast path included) on a free loopback port,
 * and Debian's Chromium to look at it with JavaScript off — the setup of every no-script browser
 * suite. Each suite keeps its own name for the real part it needs (see {@link chromiumMissing}).
 *
 * @module
 */
import { existsSync } from 'node:fs'
import { chromium, type Browser, type BrowserContext } from 'playwright-core'
import { createHotResponses, listenHttp, type Listening } from '../../src/server/index.js'

/** Debian's Chromium, the browser every Chromium suite drives. */
export const CHROMIUM = '/usr/bin/chromium'

/**
 * What is missing for a Chromium suite (`null`: nothing), for `realPart(suite, missing, 'apt-get install chromium')`.
 *
 * @example
 * const part = realPart('operator-chromium', chromiumMissing(), 'apt-get install chromium')
 */
export function chromiumMissing(): string | null {
  return existsSync(CHROMIUM) ? null : `${CHROMIUM} not installed`
}

/** A served app and a headless Chromium pointed at it. */
export interface BrowsedApp {
  /** `http://127.0.0.1:<port>` */
  base: string
  browser: Browser
  /** A fresh browser context as a new visitor without JavaScript (en-GB) gets it. */
  noScriptContext(): Promise<BrowserContext>
  /** Closes the browser, then stops listening. */
  close(): Promise<void>
}

/**
 * Serves `app` on loopback and launches Chromium.
 *
 * @example
 * const browsed = await browseApp(ui.app)
 * const page = await (await browsed.noScriptContext()).newPage()
 * await page.goto(`${browsed.base}/operator`)
 */
export async function browseApp(app: Parameters<typeof listenHttp>[0]): Promise<BrowsedApp> {
  const listening: Listening = await listenHttp(app, createHotResponses(), { hostname: '127.0.0.1', port: 0 })
  let browser: Browser
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'], headless: true })
  } catch (error) {
    await new Promise((resolve) => listening.server.close(resolve))
    throw error
  }
  return {
    base: `http://127.0.0.1:${listening.address.port}`,
    browser,
    noScriptContext: () => browser.newContext({ javaScriptEnabled: false, locale: 'en-GB' }),
    async close() {
      await browser.close()
      await new Promise((resolve) => listening.server.close(resolve))
    },
  }
}
