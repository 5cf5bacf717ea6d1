/**
 * Reading what the public sees of one component, the way a visitor and an API client do: the
 * state on the HTML page `/` and in `GET /api/v1/status`, polled on a fixed 100 ms grid until
 * both show what the benchmark waits for.
 *
 * @module
 */
import { setTimeout as sleep } from 'node:timers/promises'

/** The state one surface shows (a public state name such as `major_outage`), or null when unreadable. */
export interface Shown {
  page: string | null
  api: string | null
  /** From the API's first location: what decided the state, and the measured state alone. */
  source: string | null
  measured: string | null
}

/** Milliseconds from the start until each surface first showed the awaited state; null if it never did. */
export interface Published {
  pageMs: number | null
  apiMs: number | null
  /** Until both showed it: the later of the two. */
  bothMs: number | null
  /** What the surfaces showed at the last poll (why a change was never seen). */
  last: Shown | null
}

/** The poll period the benchmark promises (a bound on the measurement's own resolution). */
export const POLL_EVERY_MS = 100

async function fetchText(url: string): Promise<string | null> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) })
    return response.ok ? await response.text() : null
  } catch {
    return null
  }
}

/**
 * The state of `component` on the page: the first state label inside its `<li id="component-…">`
 * (CSS class `state-major-outage` → `major_outage`).
 *
 * @example
 * pageState('<li id="component-api"><span class="name">API</span><span class="state state-no-data">', 'api') // 'no_data'
 */
export function pageState(html: string, component: string): string | null {
  const start = html.indexOf(`<li id="component-${component}"`)
  if (start < 0) return null
  const match = /class="state state-([a-z-]+)"/.exec(html.slice(start))
  return match === null ? null : match[1]!.replaceAll('-', '_')
}

/**
 * The state of `component` in a `/api/v1/status` body, with what decided it and the measured
 * state of its first location.
 *
 * @example
 * apiState('{"components":[{"name":"api","state":"operational"}]}', 'api') // { state: 'operational', source: null, measured: null }
 */
export function apiState(body: string, component: string): { state: string | null; source: string | null; measured: string | null } {
  try {
    type Body = { components?: { name?: string; state?: string; locations?: { source?: string; measured?: string }[] }[] }
    const found = (JSON.parse(body) as Body).components?.find((entry) => entry.name === component)
    const location = found?.locations?.[0]
    return { state: found?.state ?? null, source: location?.source ?? null, measured: location?.measured ?? null }
  } catch {
    return { state: null, source: null, measured: null }
  }
}

/**
 * What the page and the API of the Glasshouse at `baseUrl` show for `component` right now.
 *
 * @example
 * await readShown('http://127.0.0.1:8080', 'target') // { page: 'operational', api: 'operational' }
 */
export async function readShown(baseUrl: string, component: string): Promise<Shown> {
  const [html, body] = await Promise.all([fetchText(`${baseUrl}/`), fetchText(`${baseUrl}/api/v1/status`)])
  const api = body === null ? { state: null, source: null, measured: null } : apiState(body, component)
  return { page: html === null ? null : pageState(html, component), api: api.state, source: api.source, measured: api.measured }
}

/**
 * Polls both surfaces every {@link POLL_EVERY_MS} from `startedAt` (a `performance.now()`
 * instant) until each has shown a state `wanted` accepts, or `timeoutMs` has passed.
 *
 * @example
 * const t0 = performance.now()
 * const published = await awaitPublished(url, 'target', (state) => state === 'major_outage', t0, 75_000)
 */
export async function awaitPublished(
  baseUrl: string,
  component: string,
  wanted: (state: string | null) => boolean,
  startedAt: number,
  timeoutMs: number,
): Promise<Published> {
  let pageMs: number | null = null
  let apiMs: number | null = null
  let last: Shown | null = null
  for (let tick = 0; tick * POLL_EVERY_MS <= timeoutMs && (pageMs === null || apiMs === null); tick++) {
    await sleep(Math.max(0, startedAt + tick * POLL_EVERY_MS - performance.now()))
    const shown = await readShown(baseUrl, component)
    last = shown
    const elapsed = performance.now() - startedAt
    if (pageMs === null && wanted(shown.page)) pageMs = elapsed
    if (apiMs === null && wanted(shown.api)) apiMs = elapsed
  }
  return { pageMs, apiMs, bothMs: pageMs === null || apiMs === null ? null : Math.max(pageMs, apiMs), last }
}
