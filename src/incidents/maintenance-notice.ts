/**
 * The minimum-notice policy of maintenance: a window that starts sooner than the policy asks
 * (config `operator.minimumNotice`, 36 h by default) is still scheduled — sometimes work cannot
 * wait — but every door shows a warning (the API a `warnings` array, the UI a confirm step, the
 * CLI a line on stderr).
 *
 * @module
 */

/** The notice customers get unless config says otherwise: 36 hours. */
export const DEFAULT_MINIMUM_NOTICE_MS = 36 * 3_600_000

function roughly(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000))
  if (minutes < 60) return `${minutes} min`
  const hours = minutes / 60
  return Number.isInteger(hours) || hours >= 10 ? `${Math.floor(hours)} h` : `${Math.floor(hours)} h ${minutes % 60} min`
}

/**
 * The warnings about a window starting at `start`, written at `now`: none when the notice is at
 * least `minimumMs` (or the policy is 0).
 *
 * @example
 * noticeWarnings(now + 5 * 3_600_000, now, 36 * 3_600_000) // ['notice is only 5 h, the policy is 36 h']
 */
export function noticeWarnings(start: number, now: number, minimumMs: number): string[] {
  const notice = start - now
  if (minimumMs <= 0 || notice >= minimumMs) return []
  if (notice <= 0) return [`the window starts without notice (at ${new Date(start).toISOString()}), the policy is ${roughly(minimumMs)}`]
  return [`notice is only ${roughly(notice)}, the policy is ${roughly(minimumMs)}`]
}
