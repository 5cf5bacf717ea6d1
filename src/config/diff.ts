/**
 * What changed between two sets of checks, by name — so a reload restarts only what changed and
 * unchanged checks keep running.
 *
 * @module
 */
import { createHash } from 'node:crypto'
import type { Check } from './check-schema.js'

/** The outcome of {@link diffChecks}. */
export interface CheckDiff {
  /** In `next` only. */
  added: Check[]
  /** In `previous` only. */
  removed: Check[]
  /** In both, different definition (the `next` version). */
  changed: Check[]
  /** In both, same definition (the `previous` version: the one already running). */
  unchanged: Check[]
}

/**
 * A stable hash of a check's validated definition (defaults filled, durations in ms): key order
 * does not matter, so `interval: 1m` and `interval: 60s` and an unset interval with the 60s
 * default all hash the same.
 *
 * @example
 * checkHash(a) === checkHash(b) // same definition
 */
export function checkHash(check: Check): string {
  return createHash('sha256').update(canonical(check)).digest('hex')
}

/**
 * Compares two check lists by name.
 *
 * @example
 * const { added, removed, changed } = diffChecks(running, reloaded.config.checks)
 */
export function diffChecks(previous: readonly Check[], next: readonly Check[]): CheckDiff {
  const before = new Map(previous.map((check) => [check.name, check]))
  const names = new Set(next.map((check) => check.name))
  const diff: CheckDiff = { added: [], removed: [], changed: [], unchanged: [] }
  for (const check of next) {
    const old = before.get(check.name)
    if (old === undefined) diff.added.push(check)
    else if (checkHash(old) === checkHash(check)) diff.unchanged.push(old)
    else diff.changed.push(check)
  }
  for (const check of previous) if (!names.has(check.name)) diff.removed.push(check)
  return diff
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}
