/**
 * The generic public texts of generated timeline entries. They name a series by its display
 * name, a measured state by the mapping table's label and a failure by its code's words — never
 * a host name, URL or raw error text (those stay in the operator-only evidence).
 *
 * @module
 */
import { STATE_TABLE, type FailureCode, type MeasuredState, type SeriesKey, type Step } from '../../core/index.js'

/** Generic words for each failure code, safe to publish. */
const FAILURE_WORDS: Readonly<Record<FailureCode, string>> = {
  dns: 'name resolution failed',
  connect: 'connection failed',
  tls: 'TLS handshake failed',
  timeout: 'timed out',
  auth: 'authentication failed',
  forbidden: 'access denied',
  not_found: 'not found',
  conflict: 'conflict',
  rate_limited: 'rate limited',
  quota: 'quota exceeded',
  http_4xx: 'request refused',
  http_5xx: 'server error',
  malformed: 'malformed answer',
  assertion: 'unexpected answer',
  resource_error: 'resource went into error',
  slow: 'too slow',
  leaked: 'resources left behind',
  internal: 'monitor error',
}

/**
 * A step name that can be published as it is: plain words (letters, digits, spaces, `_`, `-`).
 * Anything with dots, slashes or colons could be a host, address or URL and is left out.
 */
const GENERIC_STEP = /^[A-Za-z][A-Za-z0-9 _-]{0,40}$/

/** Display names of components, by name (the name stands in for an unknown one). */
export type DisplayNames = ReadonlyMap<string, string>

/**
 * "Compute in R1".
 *
 * @example
 * seriesLabel({ component: 'compute', location: 'R1' }, new Map([['compute', 'Compute']])) // 'Compute in R1'
 */
export function seriesLabel(series: SeriesKey, names: DisplayNames): string {
  return `${names.get(series.component) ?? series.component} in ${series.location}`
}

/**
 * "First failed check of Compute in R1: server create (server error)" — the failed step's name
 * only when it is plain words, the failure as its code's generic words.
 */
export function probeFailureText(series: SeriesKey, names: DisplayNames, steps: readonly Step[], code: FailureCode | null): string {
  const step = steps.find((candidate) => candidate.status === 'failed')?.name
  const what = [step !== undefined && GENERIC_STEP.test(step) ? step : null, code === null ? null : FAILURE_WORDS[code]].filter((part) => part !== null)
  const detail = what.length === 2 ? `${what[0]} (${what[1]})` : (what[0] ?? 'failed')
  return `First failed check of ${seriesLabel(series, names)}: ${detail}`
}

/** "Compute in R1: operational → major outage". */
export function stateChangeText(series: SeriesKey, names: DisplayNames, from: MeasuredState, to: MeasuredState): string {
  return `${seriesLabel(series, names)}: ${STATE_TABLE[from].label.toLowerCase()} → ${STATE_TABLE[to].label.toLowerCase()}`
}
