/**
 * The numbers of the schedule benchmark and their printed table: Glasshouse against the empty
 * timer loop, the ratio, the status page under load, and PASS/FAIL per target.
 *
 * @module
 */
import type { PageNumbers } from './schedule-page-load.js'

/** Targets of the schedule benchmark. */
export const SCHEDULE_TARGETS = { driftP99Ms: 250, cpuPercent: 50 } as const

/** Drift and CPU of one process over its steady window. */
export interface ProcessNumbers {
  driftP50Ms: number
  driftP99Ms: number
  cpuPercent: number
  /** Runs planned in the window that started, and planned starts without a run. */
  runs: number
  missing: number
}

/** Everything the schedule benchmark measured. */
export interface ScheduleReport {
  date: string
  checks: number
  intervalMs: number
  steadyMs: number
  baselineSteadyMs: number
  pageRate: number
  glasshouse: ProcessNumbers & {
    /** Scheduler drift from the `/metrics` histogram: upper bounds of the p50/p99 buckets, ms. */
    histogramP50Ms: number
    histogramP99Ms: number
    /** Results in the store at the end, and written during the steady window. */
    resultsStored: number
    resultsWrittenInWindow: number
    failures: Record<string, number>
    overruns: number
    writeErrors: number
    /** Log lines the process wrote (level warn and above), and the first few. */
    logLines: number
    firstLogLines: string[]
  }
  baseline: ProcessNumbers
  page: PageNumbers
  pass: { driftP99: boolean; cpu: boolean }
}

function ms(value: number | null): string {
  // NaN crosses IPC as null.
  if (value === null || Number.isNaN(value)) return 'n/a'
  if (!Number.isFinite(value)) return '> 5000 ms'
  return `${value.toFixed(value < 10 ? 1 : 0)} ms`
}

/**
 * Glasshouse ÷ baseline, the baseline floored at `floor` so a 0 ms baseline still gives a number.
 *
 * @example
 * ratio(12, 0, 1) // '12.0×'
 */
export function ratio(value: number, base: number, floor: number): string {
  if (Number.isNaN(value) || Number.isNaN(base)) return 'n/a'
  return `${(value / Math.max(base, floor)).toFixed(1)}×`
}

function num(value: number): string {
  return Number.isNaN(value) ? 'n/a' : String(value)
}

function row(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((cell, index) => cell.padEnd(widths[index]!)).join('  ').trimEnd()
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((cells) => cells[column]!.length)))
  return rows.map((cells) => row(cells, widths)).join('\n')
}

function counts(record: Record<string, number>): string {
  const entries = Object.entries(record)
  return entries.length === 0 ? 'none' : entries.map(([key, count]) => `${key} ${count}`).join(', ')
}

function verdict(ok: boolean): string {
  return ok ? 'PASS' : 'FAIL'
}

function pageLine(rate: number, page: PageNumbers, steadyS: number): string {
  if (rate === 0) return 'status page /: no load (--page-rate 0)'
  const { window } = page
  return (
    `status page /: ${window.sent} requests in the window, ${window.ok} ok (${(window.ok / steadyS).toFixed(0)}/s), ${window.errors} errors; ` +
    `latency p50 ${ms(window.p50Ms)}, p99 ${ms(window.p99Ms)} (from the planned send; generator lag p99 ${ms(window.sendLagP99Ms)}, CPU ${page.generatorCpuPercent.toFixed(0)} %); ` +
    `whole run ${page.sent} sent, ${page.errors} errors (${counts(page.errorKinds)}); mean body ${(page.meanBytes / 1024).toFixed(0)} KiB`
  )
}

/**
 * Renders the report as the text table `npm run bench` prints.
 *
 * @example
 * console.log(formatScheduleReport(await benchSchedule()))
 */
export function formatScheduleReport(report: ScheduleReport): string {
  const { glasshouse: gh, baseline: base, page } = report
  const main = table([
    ['', 'Glasshouse', 'baseline (empty timer loop)', 'ratio'],
    ['drift p50 (stored runs)', ms(gh.driftP50Ms), ms(base.driftP50Ms), ratio(gh.driftP50Ms, base.driftP50Ms, 1)],
    ['drift p99 (stored runs)', ms(gh.driftP99Ms), ms(base.driftP99Ms), ratio(gh.driftP99Ms, base.driftP99Ms, 1)],
    ['drift p50/p99 (/metrics buckets, ≤)', `${ms(gh.histogramP50Ms)} / ${ms(gh.histogramP99Ms)}`, '', ''],
    ['CPU (% of one core)', `${gh.cpuPercent.toFixed(1)} %`, `${base.cpuPercent.toFixed(1)} %`, ratio(gh.cpuPercent, base.cpuPercent, 0.1)],
    ['runs in window (missing)', `${gh.runs} (${gh.missing})`, `${base.runs} (${base.missing})`, ''],
  ])
  const steadyS = report.steadyMs / 1000
  return [
    `schedule capacity — ${report.checks} HTTP checks every ${report.intervalMs / 1000} s against nginx on loopback, ` +
      `/ at ${report.pageRate} req/s; steady window ${steadyS} s (baseline ${report.baselineSteadyMs / 1000} s) after one interval of warm-up; ${report.date}`,
    main,
    `results: ${gh.resultsStored} stored, ${num(gh.resultsWrittenInWindow)} written in the window (${num(Math.round(gh.resultsWrittenInWindow / steadyS))}/s); ` +
      `failed runs in the window: ${counts(gh.failures)}; overruns ${num(gh.overruns)}; write errors ${num(gh.writeErrors)}; log lines ≥ warn: ${gh.logLines}`,
    pageLine(report.pageRate, page, steadyS),
    `target drift p99 < ${SCHEDULE_TARGETS.driftP99Ms} ms: ${verdict(report.pass.driftP99)}   ` +
      `target CPU < ${SCHEDULE_TARGETS.cpuPercent} % of one core: ${verdict(report.pass.cpu)}`,
    ...gh.firstLogLines.map((line) => `  log: ${line.slice(0, 300)}`),
  ].join('\n')
}
