/**
 * The numbers and printed table of the history-at-scale benchmark.
 *
 * @module
 */
import type { HistoryPlan } from './history-data.js'
import type { Rate } from './history-queries.js'
import type { SpaceCheck } from './history-space.js'

/** The query-time target: p95 of the 90-day availability query per (component, location). */
export const HISTORY_QUERY_P95_TARGET_MS = 50

/** Query times of one set, ms. */
export interface QueryStats {
  queries: number
  p50: number
  p95: number
  max: number
}

/** Everything measured on one dialect (only the space check when refused). */
export interface DialectNumbers {
  dialect: 'sqlite' | 'postgres'
  space: SpaceCheck
  ingest?: Rate
  /** The records job's `catchUp` over everything ingested. */
  rollup?: Rate
  /** Baseline: the 30-day report before any rollup exists, so every day comes from raw results. */
  raw30?: QueryStats
  /** The 30-day report again after the rollups, and its largest availability difference from the baseline. */
  rollup30?: QueryStats
  maxAvailabilityDifference?: number
  warm90?: QueryStats
  reopened90?: QueryStats
}

/** The whole run. */
export interface HistoryReport {
  plan: HistoryPlan
  seriesQueried: number
  dialects: DialectNumbers[]
  /** Why a dialect did not run (no PostgreSQL URL). */
  skipped: string[]
}

function ms(value: number | undefined): string {
  return value === undefined || Number.isNaN(value) ? 'n/a' : `${value.toFixed(value < 10 ? 2 : 1)} ms`
}

function queries(stats: QueryStats | undefined): string {
  return stats === undefined ? 'n/a' : `${ms(stats.p50)} / ${ms(stats.p95)}`
}

function perSecond(rate: Rate | undefined): string {
  return rate === undefined ? 'n/a' : `${Math.round(rate.perSecond).toLocaleString('en')} /s (${rate.seconds.toFixed(1)} s)`
}

function ratio(dialect: DialectNumbers): string {
  if (dialect.warm90 === undefined || dialect.raw30 === undefined) return 'n/a'
  return `${(dialect.warm90.p95 / dialect.raw30.p95).toFixed(3)}×`
}

function verdict(stats: QueryStats | undefined): string {
  if (stats === undefined) return 'n/a'
  return stats.p95 < HISTORY_QUERY_P95_TARGET_MS ? 'PASS' : 'FAIL'
}

/**
 * The printed table: one column per dialect that ran.
 *
 * @example
 * console.log(formatHistory(report))
 */
export function formatHistory(report: HistoryReport): string {
  const { plan } = report
  const lines = [
    `${plan.checks} checks × ${plan.days} days × 1 result/min = ${plan.results.toLocaleString('en')} results (BENCH_SCALE ${plan.scale}; full scale 200 × 90 = 25,920,000)`,
    `one component per check, each in one location (R1–R4): a component query is one (component, location) series`,
    `history ends at ${new Date(plan.end).toISOString().slice(0, 10)} 00:00 UTC; ~30 % of checks fail sometimes; ingest in batches of 1,000 in time order`,
    `availability query = availabilityReport (src/reports) over ${report.seriesQueried} seeded-random series; p50 / p95`,
    '',
  ]
  const ran = report.dialects
  const rows: [string, (dialect: DialectNumbers) => string][] = [
    ['disk: bytes per result / estimate', (d) => `${d.space.bytesPerResult.toFixed(0)} B / ${(d.space.estimateBytes / 1e9).toFixed(2)} GB`],
    ['ingest (insertBatch)', (d) => perSecond(d.ingest)],
    ['rollup (records job catchUp)', (d) => perSecond(d.rollup)],
    ['baseline: 30 d from raw results', (d) => queries(d.raw30)],
    ['30 d with rollups', (d) => queries(d.rollup30)],
    ['max |Δ availability| 30 d raw vs rollups', (d) => (d.maxAvailabilityDifference === undefined ? 'n/a' : d.maxAvailabilityDifference.toExponential(1))],
    ['90 d with rollups, warm', (d) => queries(d.warm90)],
    ['90 d with rollups, store reopened', (d) => queries(d.reopened90)],
    ['ratio p95: 90 d warm ÷ 30 d raw baseline', ratio],
    [`target p95 < ${HISTORY_QUERY_P95_TARGET_MS} ms: warm / reopened`, (d) => `${verdict(d.warm90)} / ${verdict(d.reopened90)}`],
  ]
  const width = Math.max(...rows.map(([label]) => label.length))
  lines.push(`${''.padEnd(width)}   ${ran.map((d) => d.dialect.padEnd(30)).join(' ')}`)
  for (const [label, cell] of rows) lines.push(`${label.padEnd(width)}   ${ran.map((d) => cell(d).padEnd(30)).join(' ')}`)
  for (const dialect of ran) {
    if (dialect.space.refusal !== null) lines.push(`${dialect.dialect}: ${dialect.space.refusal}`)
  }
  lines.push(...report.skipped)
  return lines.join('\n')
}
