/**
 * Durations as written in config and flags (`250ms`, `30s`, `5m`, `36h`, `7d`, `1h30m`).
 *
 * @module
 */

const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
}

const WHOLE = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g

/**
 * Parses a duration string into milliseconds, or returns null when it is not one.
 *
 * @example
 * parseDuration('1m30s') // 90000
 * parseDuration('soon')  // null
 */
export function parseDuration(text: string): number | null {
  const trimmed = text.trim()
  if (!WHOLE.test(trimmed)) return null
  let total = 0
  for (const [, amount, unit] of trimmed.matchAll(PART)) total += Number(amount) * UNIT_MS[unit!]!
  return total
}

/**
 * Formats milliseconds as the shortest exact duration string.
 *
 * @example
 * formatDuration(90000) // '1m30s'
 */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s'
  let rest = ms
  let text = ''
  for (const unit of ['d', 'h', 'm', 's', 'ms'] as const) {
    const size = UNIT_MS[unit]!
    const count = Math.floor(rest / size)
    if (count > 0) {
      text += `${count}${unit}`
      rest -= count * size
    }
  }
  return text
}
