/**
 * Test support for the declared status model: a settable clock, and a service over a migrated
 * store with a few components.
 *
 * @module
 */
import type { Clock } from '../../src/core/index.js'
import { createIncidentService, type IncidentService } from '../../src/incidents/index.js'
import type { Store } from '../../src/store/index.js'

/** 2026-11-22T10:00:00Z. */
export const T0 = Date.UTC(2026, 10, 22, 10)
export const MINUTE = 60_000

/** A clock that stands still until told otherwise. */
export interface SettableClock extends Clock {
  set(ms: number): void
}

/** A clock at `start`. */
export function settableClock(start = T0): SettableClock {
  let now = start
  return { now: () => now, monotonic: () => now, set: (ms) => void (now = ms) }
}

/** The components every test may name. */
export const COMPONENTS = new Set(['compute', 'network', 'dns'])

/** A service over `store` with {@link COMPONENTS} known. */
export function serviceOver(store: Store, clock: Clock): IncidentService {
  return createIncidentService({ store, clock, knownComponents: async () => COMPONENTS })
}

/** The API door, as an operator. */
export const OPERATOR = { actor: 'alice', door: 'api' } as const
