/**
 * Small text formatters for the public page.
 *
 * @module
 */
import { formatDuration } from '../core/duration.js'

/**
 * How long ago, in words a reader scans quickly.
 *
 * @example
 * ago(1_000, 13_000) // '12 s ago'
 */
export function ago(then: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - then) / 1000))
  if (seconds < 90) return `${seconds} s ago`
  const minutes = Math.round(seconds / 60)
  if (minutes < 90) return `${minutes} min ago`
  const hours = Math.round(minutes / 60)
  if (hours < 36) return `${hours} h ago`
  return `${Math.round(hours / 24)} days ago`
}

/**
 * When something was measured, in UTC: the time of day with seconds when it falls on `now`'s
 * UTC day, else the date and minute. Absolute, not "12 s ago", so a page kept for a while (an
 * HTTP cache, the static copy) still tells the truth, and the same in every language.
 *
 * @example
 * measuredText(Date.UTC(2026, 0, 2, 3, 4, 5), Date.UTC(2026, 0, 2, 3, 5)) // '03:04:05 UTC'
 * measuredText(Date.UTC(2026, 0, 1, 23, 59), Date.UTC(2026, 0, 2, 0, 1)) // '2026-01-01 23:59 UTC'
 */
export function measuredText(at: number, now: number): string {
  const iso = new Date(at).toISOString()
  return iso.slice(0, 10) === new Date(now).toISOString().slice(0, 10) ? `${iso.slice(11, 19)} UTC` : utcText(at)
}

/**
 * A latency with a precision that suits its size.
 *
 * @example
 * latency(0.4321) // '0.43 ms'
 * latency(1234.5) // '1.23 s'
 */
export function latency(ms: number): string {
  if (ms < 10) return `${ms.toFixed(2)} ms`
  if (ms < 1000) return `${Math.round(ms)} ms`
  return `${(ms / 1000).toFixed(2)} s`
}

/**
 * An interval for "checked every …".
 *
 * @example
 * every(30_000) // '30s'
 */
export function every(ms: number): string {
  return formatDuration(ms)
}

/**
 * A share as a percentage that never rounds up to 100 % (99.996 % prints as 99.99 %), with the
 * language's decimal mark.
 *
 * @example
 * percent(0.99996, 'de') // '99,99 %'
 */
export function percent(share: number, lang: string): string {
  const floored = Math.floor(share * 10_000) / 100
  return `${percentFormat(lang).format(floored)} %`
}

/** One formatter per language: building an `Intl.NumberFormat` costs more than formatting. */
const percentFormats = new Map<string, Intl.NumberFormat>()

function percentFormat(lang: string): Intl.NumberFormat {
  let format = percentFormats.get(lang)
  if (format === undefined) percentFormats.set(lang, (format = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 })))
  return format
}

/**
 * An instant as `YYYY-MM-DD HH:MM UTC`.
 *
 * @example
 * utcText(Date.UTC(2026, 0, 2, 3, 4)) // '2026-01-02 03:04 UTC'
 */
export function utcText(at: number): string {
  return `${new Date(at).toISOString().replace('T', ' ').slice(0, 16)} UTC`
}
