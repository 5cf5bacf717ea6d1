/**
 * Incident rows for the store suites: a human-opened API incident at {@link T0}, changed by the
 * given fields.
 *
 * @module
 */
import { newId } from '../../src/core/index.js'
import type { IncidentRow } from '../../src/store/index.js'

/** The instant the store suites' rows begin at. */
export const T0 = 1_800_000_000_000

/**
 * A new incident row ("Slow API", investigating since T0, open) with `overrides` applied.
 *
 * @example
 * const ended = incident({ endedAt: T0 + 60_000 })
 */
export function incident(overrides: Partial<IncidentRow> = {}): IncidentRow {
  return {
    id: newId(), name: null, title: 'Slow API', description: null, phase: 'investigating', beganAt: T0, endedAt: null,
    managed: 'api', origin: 'human', source: null, createdAt: T0, updatedAt: T0, archivedAt: null, ...overrides,
  }
}
