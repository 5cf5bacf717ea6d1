/**
 * Checks as the store keeps them: in their input form (durations as strings), so that the one
 * check schema validates them again when they are read back.
 *
 * @module
 */
import { formatDuration } from '../core/duration.js'
import { CheckSchema, type Check } from './check-schema.js'

const DURATION_KEYS = ['interval', 'timeout', 'retryDelay', 'minValidity', 'shutdownGrace', 'pollInterval', 'expectEvery'] as const
/** Keys whose value is an object of durations (a scenario's `waitTimeouts`). */
const DURATION_MAP_KEYS = ['waitTimeouts'] as const

/** How a secret is replaced: `***`, percent-encoded inside URLs so that they stay valid. */
function scrub(value: string, secrets: readonly string[], isUrl: boolean): string {
  let text = value
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    text = text.split(secret).join(isUrl ? '%2A%2A%2A' : '***')
  }
  return text
}

function scrubDeep(value: unknown, secrets: readonly string[], key: string): unknown {
  if (typeof value === 'string') return scrub(value, secrets, key === 'url')
  if (Array.isArray(value)) return value.map((item) => scrubDeep(item, secrets, ''))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubDeep(v, secrets, k)]))
  }
  return value
}

/**
 * The stored form of a validated check: durations written as strings, and every value that was
 * substituted from `${ENV}` or `${file:…}` (`secrets`) replaced, so no secret reaches the store.
 *
 * @example
 * storedDefinition(check, []).interval // '30s'
 */
export function storedDefinition(check: Check, secrets: readonly string[] = []): Record<string, unknown> {
  const stored = scrubDeep(check, secrets, '') as Record<string, unknown>
  for (const key of DURATION_KEYS) {
    const value = stored[key]
    if (typeof value === 'number') stored[key] = formatDuration(value)
  }
  for (const key of DURATION_MAP_KEYS) {
    const map = stored[key]
    if (map === null || typeof map !== 'object') continue
    stored[key] = Object.fromEntries(Object.entries(map).map(([name, value]) => [name, typeof value === 'number' ? formatDuration(value) : value]))
  }
  return stored
}

/**
 * Reads a stored definition back through the check schema; null when it no longer validates
 * (written by another version, or damaged).
 *
 * @example
 * parseStoredCheck(row.definition)?.interval // 30000
 */
export function parseStoredCheck(definition: unknown): Check | null {
  const parsed = CheckSchema.safeParse(definition)
  return parsed.success ? parsed.data : null
}

const parsedByHash = new Map<string, Check | null>()
const PARSED_CACHE_LIMIT = 10_000

/**
 * {@link parseStoredCheck} for a stored row, remembered by the definition's content hash: a
 * definition is parsed once per process, not on every report or page read.
 *
 * @example
 * parseStoredCheckRow(row)?.interval // 30000
 */
export function parseStoredCheckRow(row: { definition: unknown; definitionHash: string }): Check | null {
  const known = parsedByHash.get(row.definitionHash)
  if (known !== undefined || parsedByHash.has(row.definitionHash)) return known ?? null
  if (parsedByHash.size >= PARSED_CACHE_LIMIT) parsedByHash.clear()
  const parsed = parseStoredCheck(row.definition)
  parsedByHash.set(row.definitionHash, parsed)
  return parsed
}

/**
 * Whether a check measures the built-in simulated cloud: its results are labelled simulated
 * and left out of availability reports.
 *
 * @example
 * isSimulatedCheck(parseStoredCheckRow(row)) // true for `kind: scenario` with `simulated: true`
 */
export function isSimulatedCheck(check: Check | null): boolean {
  return check !== null && check.kind === 'scenario' && check.simulated
}
