/**
 * The public status as stored data says it is now: one entry per active check (until the records
 * issue brings real components, each check is its own component), decided by the one state
 * function in `core/`.
 *
 * @module
 */
import type { Clock } from '../core/clock.js'
import { decideState, staleAfter, type ComponentState } from '../core/state.js'
import { parseStoredCheck, type Check } from '../config/index.js'
import type { Store } from '../store/index.js'

/** What the public may see of one component. */
export interface ComponentStatus {
  name: string
  displayName: string
  description: string | null
  state: ComponentState
  reason: string
  lastMeasuredAt: number | null
  lastDurationMs: number | null
  /** How it is measured, in words safe for the public (no target addresses). */
  measuredBy: { kind: string; intervalMs: number }
}

/** The whole public status at one instant. */
export interface StatusSnapshot {
  generatedAt: number
  overall: ComponentState
  components: ComponentStatus[]
}

const SEVERITY: Record<ComponentState, number> = { operational: 0, no_data: 1, degraded: 2, outage: 3 }

/** The worst state of a list; an empty list has no data. */
export function worstState(states: readonly ComponentState[]): ComponentState {
  if (states.length === 0) return 'no_data'
  return states.reduce((worst, state) => (SEVERITY[state] > SEVERITY[worst] ? state : worst))
}

function describe(check: Check, results: Parameters<typeof decideState>[0], now: number): ComponentStatus {
  const decided = decideState(
    results,
    {
      failureThreshold: check.failureThreshold,
      successThreshold: check.successThreshold,
      staleAfterMs: staleAfter(check.interval, check.timeout),
    },
    now,
  )
  return {
    name: check.name,
    displayName: check.displayName ?? check.name,
    description: check.description ?? null,
    ...decided,
    measuredBy: { kind: check.kind, intervalMs: check.interval },
  }
}

/** Reads the current status, cached for a short time and refreshed on demand. */
export interface StatusReader {
  current(): Promise<StatusSnapshot>
  /** Drops the cache, e.g. after new results were written. */
  invalidate(): void
}

/**
 * Creates a reader of the current status. The cache keeps a busy page from querying the store
 * on every request; it is dropped whenever results are written and is never older than `maxAgeMs`.
 *
 * @example
 * const status = createStatusReader({ store, clock: systemClock })
 * const { overall, components } = await status.current()
 */
export function createStatusReader(deps: { store: Store; clock: Clock; maxAgeMs?: number }): StatusReader {
  const { store, clock, maxAgeMs = 2_000 } = deps
  let cached: { at: number; snapshot: Promise<StatusSnapshot> } | null = null

  async function read(now: number): Promise<StatusSnapshot> {
    const rows = await store.checks.list()
    const checks = rows.flatMap((row) => {
      const check = parseStoredCheck(row.definition)
      return check?.enabled ? [check] : []
    })
    const depth = Math.min(101, Math.max(2, ...checks.map((c) => Math.max(c.failureThreshold, c.successThreshold) + 1)))
    const latest = await store.results.latestOutcomes(depth)
    const idByName = new Map(rows.map((row) => [row.name, row.id]))
    const components = checks.map((check) => describe(check, latest.get(idByName.get(check.name)!) ?? [], now))
    return { generatedAt: now, overall: worstState(components.map((c) => c.state)), components }
  }

  return {
    current() {
      const now = clock.now()
      if (cached === null || now - cached.at > maxAgeMs) {
        const snapshot = read(now)
        cached = { at: now, snapshot }
        snapshot.catch(() => {
          if (cached?.snapshot === snapshot) cached = null
        })
      }
      return cached.snapshot
    },
    invalidate() {
      cached = null
    },
  }
}
