/**
 * Time-weighted (measured) availability: how the time of a range splits into up, down, excluded,
 * no data and maintenance, and the share of up in up + down.
 *
 * @module
 */
import { coverageTimeline, type FeedSample, type Interval, type TimelineSegment } from './coverage.js'

/** How the time of a range was spent, in ms. The five parts add up to the range's length. */
export interface TimeBreakdown {
  upMs: number
  downMs: number
  /** No sample covered the time (probe stopped, or more than 1.5 × interval since the last). */
  noDataMs: number
  /** Inside a maintenance window, whatever the samples said. */
  maintenanceMs: number
  /** Covered only by failures that do not count against availability (the monitor's or customer's own trouble). */
  excludedMs: number
}

/** A breakdown with its availability: `upMs / (upMs + downMs)`, or null when that is 0 / 0. */
export interface AvailabilityFigures extends TimeBreakdown {
  availability: number | null
}

/**
 * A breakdown of no time at all, to add to.
 *
 * @example
 * emptyBreakdown().upMs // 0
 */
export function emptyBreakdown(): TimeBreakdown {
  return { upMs: 0, downMs: 0, noDataMs: 0, maintenanceMs: 0, excludedMs: 0 }
}

/**
 * The availability of a breakdown: up / (up + down). No data, maintenance and excluded time are
 * outside the denominator; null when nothing was measured up or down.
 *
 * @example
 * availabilityOf({ upMs: 3, downMs: 1, noDataMs: 9, maintenanceMs: 0, excludedMs: 0 }) // 0.75
 */
export function availabilityOf(breakdown: TimeBreakdown): number | null {
  const measured = breakdown.upMs + breakdown.downMs
  return measured === 0 ? null : breakdown.upMs / measured
}

/**
 * Adds breakdowns part by part (for merging buckets).
 *
 * @example
 * addBreakdowns([hour1, hour2]).upMs // hour1.upMs + hour2.upMs
 */
export function addBreakdowns(parts: readonly TimeBreakdown[]): TimeBreakdown {
  const total = emptyBreakdown()
  for (const part of parts) {
    total.upMs += part.upMs
    total.downMs += part.downMs
    total.noDataMs += part.noDataMs
    total.maintenanceMs += part.maintenanceMs
    total.excludedMs += part.excludedMs
  }
  return total
}

const FIELD: Readonly<Record<TimelineSegment['state'], keyof TimeBreakdown>> = {
  up: 'upMs',
  down: 'downMs',
  no_data: 'noDataMs',
  maintenance: 'maintenanceMs',
  excluded: 'excludedMs',
}

/**
 * Sums a timeline (or the part of it inside `within`) into a breakdown with its availability.
 *
 * @example
 * summarizeTimeline(coverageTimeline(samples, range)).availability
 */
export function summarizeTimeline(timeline: readonly TimelineSegment[], within?: Interval): AvailabilityFigures {
  const total = emptyBreakdown()
  for (const segment of timeline) {
    const from = within === undefined ? segment.from : Math.max(segment.from, within.from)
    const to = within === undefined ? segment.to : Math.min(segment.to, within.to)
    if (to > from) total[FIELD[segment.state]] += to - from
  }
  return { ...total, availability: availabilityOf(total) }
}

/**
 * The measured availability of a series over `range` (see `coverageTimeline` for the rules and
 * which samples to pass).
 *
 * @example
 * measureAvailability(samples, { from: monthStart, to: monthEnd }, maintenanceWindows)
 * // { upMs, downMs, noDataMs, maintenanceMs, excludedMs, availability: 0.9973 }
 */
export function measureAvailability(
  samples: readonly FeedSample[],
  range: Interval,
  maintenance: readonly Interval[] = [],
): AvailabilityFigures {
  return summarizeTimeline(coverageTimeline(samples, range, maintenance))
}
