/**
 * The unit of state, evidence, rollups and availability: a (component, location) pair, and the
 * samples that feed it. Components are defined once; the `location` label (a region or an AZ)
 * splits their state, so "compute" in R1 and in R2 is one component with two series.
 *
 * @module
 */
import type { FailureCode } from './failure.js'

/** The location of a component that is not split by location. */
export const NO_LOCATION = 'global'

/** One (component, location) pair. */
export interface SeriesKey {
  component: string
  location: string
}

/** A stable text form of a series key, for maps and storage: `compute@R1`. */
export function seriesId(key: SeriesKey): string {
  return `${key.component}@${key.location}`
}

/** What the state a health rule decides can be (before maintenance and incidents are applied). */
export const MEASURED_STATES = ['operational', 'degraded', 'partial_outage', 'major_outage', 'no_data'] as const
export type MeasuredState = (typeof MEASURED_STATES)[number]

/**
 * One measurement as the health rules and the rollups see it: a result of a check, or of one
 * operation of a scenario, attributed to a series.
 */
export interface Sample {
  /** Epoch ms of the start of the measurement. */
  at: number
  durationMs: number
  ok: boolean
  /** False for failures that do not count against availability (see `COUNTS_AGAINST_AVAILABILITY`). */
  countsAgainst: boolean
  /** The failure's code (one of `FAILURE_CODES`); null or absent when it passed or the code is unknown. */
  failureCode?: FailureCode | null
  /** Where it was measured from (an agent's label); `local` for the server itself. */
  vantage: string
  /** The interval of the check that produced it: a sample covers at most 1.5 × this. */
  intervalMs: number
  /** The id of the stored result, for evidence and idempotency. */
  resultId: string
}
