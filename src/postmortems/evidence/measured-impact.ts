/**
 * The measured impact of a postmortem's period on each affected (component, location):
 * availability, result count and error rate as the availability report computes them, and the
 * minutes the published state was down or had no data, from the pinned evaluations.
 *
 * @module
 */
import { seriesId, type SeriesKey } from '../../core/index.js'
import type { ReportRow } from '../../records/index.js'
import { availabilityReport } from '../../reports/index.js'
import { DEFAULT_KEEP_ALIVE_MS, type PinnedEvaluation, type Store } from '../../store/index.js'
import type { SeriesImpact } from '../types.js'

/** How the numbers are computed; shown beside them. */
export const IMPACT_METHOD =
  'Availability is measured from the probe results of the period as the availability report computes it ' +
  '(time-weighted; no-data and maintenance time excluded from the denominator, so a period without ' +
  'measurements has no availability rather than 100 %); error rate is failed ÷ all probe results of the ' +
  'period; down and no-data minutes come from the stored evaluations of the measured state. See /methodology.'

/**
 * How long a stored evaluation's state holds at most: evaluations are stored at least every
 * keep-alive, so a longer silence means the evaluator was not running — no data.
 */
export const EVALUATION_HOLD_MS = 2 * DEFAULT_KEEP_ALIVE_MS

/** A half-open period [from, to). */
export interface Period {
  from: number
  to: number
}

function minutes(ms: number): number {
  return Math.round(ms / 6_000) / 10
}

/**
 * Minutes the published state was not operational (down) and was `no_data` inside `period`. Each
 * evaluation's state holds until the next one, at most {@link EVALUATION_HOLD_MS}; time no
 * evaluation covers counts as no data, never as up.
 */
export function stateMinutes(evaluations: readonly PinnedEvaluation[], period: Period): { downMinutes: number; noDataMinutes: number } {
  let downMs = 0
  let coveredMs = 0
  let noDataMs = 0
  evaluations.forEach((row, i) => {
    const next = evaluations[i + 1]?.evaluation.at ?? Number.POSITIVE_INFINITY
    const from = Math.max(row.evaluation.at, period.from)
    const to = Math.min(next, row.evaluation.at + EVALUATION_HOLD_MS, period.to)
    if (to <= from) return
    coveredMs += to - from
    if (row.evaluation.measured === 'no_data') noDataMs += to - from
    else if (row.evaluation.measured !== 'operational') downMs += to - from
  })
  const uncoveredMs = Math.max(0, period.to - period.from - coveredMs)
  return { downMinutes: minutes(downMs), noDataMinutes: minutes(noDataMs + uncoveredMs) }
}

/** The row of a series covering the whole period: `total` when the report split it by month. */
function wholePeriodRow(rows: readonly ReportRow[], series: SeriesKey): ReportRow | undefined {
  const mine = rows.filter((row) => row.component === series.component && row.location === series.location)
  return mine.find((row) => row.period === 'total') ?? (mine.length === 1 ? mine[0] : undefined)
}

/**
 * The measured impact of `period` on each series (sorted by component, then location). A series
 * no check feeds has no availability, no error rate and 0 results.
 */
export async function measuredSeries(
  store: Store,
  series: readonly SeriesKey[],
  period: Period,
  evaluations: ReadonlyMap<string, PinnedEvaluation[]>,
  options: { timeZone: string; now: number },
): Promise<SeriesImpact[]> {
  const rows: ReportRow[] = []
  if (period.to > period.from) {
    for (const component of new Set(series.map((key) => key.component))) {
      const report = await availabilityReport(store, { from: period.from, to: period.to, timeZone: options.timeZone, component, now: options.now }, [])
      rows.push(...report.rows)
    }
  }
  return [...series]
    .sort((a, b) => a.component.localeCompare(b.component) || a.location.localeCompare(b.location))
    .map((key) => {
      const measured = wholePeriodRow(rows, key)?.measured
      const count = measured?.count ?? 0
      return {
        component: key.component,
        location: key.location,
        availability: measured?.availability ?? null,
        errorRate: count === 0 ? null : measured!.failures / count,
        results: count,
        ...stateMinutes(evaluations.get(seriesId(key)) ?? [], period),
      }
    })
}
