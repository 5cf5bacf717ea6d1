/**
 * Stable per-job offsets, so that many jobs with one interval spread over it and each job keeps
 * its slot across restarts and reloads.
 *
 * @module
 */
import { createHash } from 'node:crypto'

/**
 * The offset (ms, in `[0, intervalMs)`) of a job inside its interval, derived from its key.
 *
 * @example
 * stableOffset('api', 30_000) // the same number on every machine, every start
 */
export function stableOffset(key: string, intervalMs: number): number {
  const digest = createHash('sha256').update(key).digest()
  return digest.readUInt32BE(0) % Math.max(1, Math.floor(intervalMs))
}

/**
 * The first planned start strictly after `after`, on the grid `k × interval + offset`
 * (epoch-aligned, so every process plans the same instants).
 *
 * @example
 * nextSlot(1_000, 10_000, 2_500) // 2_500
 */
export function nextSlot(after: number, intervalMs: number, offsetMs: number): number {
  const k = Math.floor((after - offsetMs) / intervalMs) + 1
  return k * intervalMs + offsetMs
}
