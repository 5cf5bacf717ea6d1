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
