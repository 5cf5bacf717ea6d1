/**
 * Checks as the store keeps them: in their input form (durations as strings), so that the one
 * check schema validates them again when they are read back.
 *
 * @module
 */
import { formatDuration } from '../core/duration.js'
import { CheckSchema, type Check } from './check-schema.js'

const DURATION_KEYS = ['interval', 'timeout', 'retryDelay', 'minValidity'] as const

/**
 * The stored form of a validated check: the same object with durations written as strings.
 *
 * @example
 * storedDefinition(check).interval // '30s'
 */
export function storedDefinition(check: Check): Record<string, unknown> {
  const stored: Record<string, unknown> = { ...check }
  for (const key of DURATION_KEYS) {
    const value = stored[key]
    if (typeof value === 'number') stored[key] = formatDuration(value)
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
