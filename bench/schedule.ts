/**
 * Schedule-capacity benchmark: one Glasshouse process runs 2,000 HTTP checks every 30 s against
 * Debian's nginx on loopback, stores every result in SQLite and serves `/` to an open-loop load
 * generator at 200 req/s; its drift (actual − planned start) and CPU share over a steady window are
 * compared with an empty timer loop running the same schedule in its own process.
 *
 * Run alone with `node --import tsx bench/schedule.ts [--checks N] [--page-rate N]` (`--page-rate 0`:
 * no page load, to tell the checks' cost from the page's), or with the others via `npm run bench`.
 *
 * @module
 */
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { NGINX_BINARY, startNginx } from './nginx.js'
import { forkEntry } from './schedule-children.js'
import { readStoredRuns } from './schedule-drift.js'
import { startPageLoad, type PageLoad } from './schedule-page-load.js'
import { BENCH_INTERVAL_MS, checkName, plannedCount } from './schedule-plan.js'
import { formatScheduleReport, SCHEDULE_TARGETS, type ProcessNumbers, type ScheduleReport } from './schedule-report.js'
import { clockTicksPerSecond, cpuShare, histogramQuantile, markCpu, percentile, readCounter, readHistogram } from './schedule-stats.js'

/** Knobs of {@link benchSchedule}; the defaults are the benchmark as published. */
export interface ScheduleBenchOptions {
  checks?: number
  /** Skipped before measuring, while the checks ramp up (one interval). */
  warmupMs?: number
  /** The measured window of Glasshouse (two intervals). */
  steadyMs?: number
  /** The measured window of the baseline (one interval: every job once). */
  baselineSteadyMs?: number
  /** Requests per second to `/`. */
  pageRate?: number
  /** Progress lines (stderr by default). */
  progress?: (line: string) => void
}

/** What {@link benchSchedule} returns: the printed table, and the numbers unless it was skipped. */
export interface ScheduleOutcome {
  table: string
  report: ScheduleReport | null
}

type Settings = Required<ScheduleBenchOptions>

const DEFAULTS: Settings = {
  checks: 2_000,
  warmupMs: BENCH_INTERVAL_MS,
  steadyMs: 2 * BENCH_INTERVAL_MS,
  baselineSteadyMs: BENCH_INTERVAL_MS,
  pageRate: 200,
  progress: (line) => void process.stderr.write(`${line}\n`),
}

const DRIFT = 'glasshouse_scheduler_drift_seconds'

function sleepUntil(epochMs: number): Promise<void> {
  return sleep(Math.max(0, epochMs - Date.now()))
}

/** The `/metrics` text, or '' when it does not answer within 30 s (the numbers then read n/a). */
async function scrape(url: string): Promise<string> {
  try {
    const response = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(30_000) })
    return await response.text()
  } catch {
    return ''
  }
}

function windowOf(settings: Settings, steadyMs: number): { start: number; end: number } {
  const start = Date.now() + settings.warmupMs
  return { start, end: start + steadyMs }
}

type GlasshouseNumbers = ScheduleReport['glasshouse'] & { page: ScheduleReport['page'] }

async function measureGlasshouse(settings: Settings, nginxPort: number, dataDir: string): Promise<GlasshouseNumbers> {
  const ticks = clockTicksPerSecond()
  const child = forkEntry('schedule-glasshouse.ts', { checks: settings.checks, nginxPort, dataDir })
  let load: PageLoad | null = null
  try {
    const { url } = await child.next<{ url: string }>('ready', 120_000)
    const window = windowOf(settings, settings.steadyMs)
    settings.progress(`glasshouse pid ${child.pid} at ${url}: warm-up ${settings.warmupMs / 1000} s, then ${settings.steadyMs / 1000} s measured`)
    load = startPageLoad({ url: `${url}/`, rate: settings.pageRate, windowStart: window.start, windowEnd: window.end, ticks })
    await sleepUntil(window.start - 2_000)
    const scraped = scrape(url)
    await sleepUntil(window.start)
    const cpuBefore = markCpu(child.pid)
    load.startWindow()
    await sleepUntil(window.end)
    const cpuAfter = markCpu(child.pid)
    load.endWindow()
    const [before, after] = [await scraped, await scrape(url)]
    const page = await load.report()
    child.send({ type: 'stop' })
    await child.next('stopped', 60_000)
    await child.kill()
    const runs = await readStoredRuns(dataDir, BENCH_INTERVAL_MS, window.start, window.end)
    const logs = child.stderrLines()
    return {
      driftP50Ms: percentile(runs.drift, 0.5),
      driftP99Ms: percentile(runs.drift, 0.99),
      cpuPercent: cpuShare(cpuBefore, cpuAfter, ticks),
      runs: runs.drift.length,
      missing: runs.missing,
      histogramP50Ms: histogramQuantile(readHistogram(before, DRIFT), readHistogram(after, DRIFT), 0.5) * 1000,
      histogramP99Ms: histogramQuantile(readHistogram(before, DRIFT), readHistogram(after, DRIFT), 0.99) * 1000,
      resultsStored: runs.total,
      resultsWrittenInWindow: readCounter(after, 'glasshouse_results_written_total') - readCounter(before, 'glasshouse_results_written_total'),
      failures: runs.failures,
      overruns: readCounter(after, 'glasshouse_scheduler_overruns_total'),
      writeErrors: readCounter(after, 'glasshouse_result_write_errors_total'),
      logLines: logs.length,
      firstLogLines: logs.slice(0, 3),
      page,
    }
  } finally {
    await load?.kill()
    await child.kill()
  }
}

async function measureBaseline(settings: Settings): Promise<ProcessNumbers> {
  const ticks = clockTicksPerSecond()
  const child = forkEntry('schedule-baseline.ts', { checks: settings.checks, intervalMs: BENCH_INTERVAL_MS })
  try {
    await child.next('ready', 60_000)
    const window = windowOf(settings, settings.baselineSteadyMs)
    settings.progress(`baseline pid ${child.pid}: warm-up ${settings.warmupMs / 1000} s, then ${settings.baselineSteadyMs / 1000} s measured`)
    await sleepUntil(window.start)
    const cpuBefore = markCpu(child.pid)
    await sleepUntil(window.end)
    const cpuAfter = markCpu(child.pid)
    child.send({ type: 'stop' })
    const samples = await child.next<{ planned: number[]; drift: number[] }>('samples', 30_000)
    const drift = samples.drift.filter((_, index) => samples.planned[index]! >= window.start && samples.planned[index]! < window.end)
    let expected = 0
    for (let index = 0; index < settings.checks; index++) expected += plannedCount(checkName(index), BENCH_INTERVAL_MS, window.start, window.end)
    return {
      driftP50Ms: percentile(drift, 0.5),
      driftP99Ms: percentile(drift, 0.99),
      cpuPercent: cpuShare(cpuBefore, cpuAfter, ticks),
      runs: drift.length,
      missing: Math.max(0, expected - drift.length),
    }
  } finally {
    await child.kill()
  }
}

async function measureWithNginx(settings: Settings): Promise<GlasshouseNumbers> {
  const nginx = await startNginx()
  const dataDir = await mkdtemp(join(tmpdir(), 'gh-bench-data-'))
  settings.progress(`nginx pid ${nginx.pid} on ${nginx.url}; store in ${dataDir}`)
  try {
    return await measureGlasshouse(settings, nginx.port, dataDir)
  } finally {
    await nginx.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
}

/**
 * Runs the schedule-capacity benchmark (about 2.5 minutes with the defaults) and returns its table
 * and numbers. Skips, with a message as the table, when nginx is not installed.
 *
 * @example
 * const { table } = await benchSchedule()
 * console.log(table)
 */
export async function benchSchedule(options: ScheduleBenchOptions = {}): Promise<ScheduleOutcome> {
  const settings: Settings = { ...DEFAULTS, ...options }
  if (!existsSync(NGINX_BINARY)) {
    return { table: `schedule capacity: SKIPPED — ${NGINX_BINARY} missing — apt-get install -y nginx-light`, report: null }
  }
  const { page, ...glasshouse } = await measureWithNginx(settings)
  const baseline = await measureBaseline(settings)
  const report: ScheduleReport = {
    date: new Date().toISOString().slice(0, 10),
    checks: settings.checks,
    intervalMs: BENCH_INTERVAL_MS,
    steadyMs: settings.steadyMs,
    baselineSteadyMs: settings.baselineSteadyMs,
    pageRate: settings.pageRate,
    glasshouse,
    baseline,
    page,
    pass: {
      driftP99: glasshouse.driftP99Ms < SCHEDULE_TARGETS.driftP99Ms,
      cpu: glasshouse.cpuPercent < SCHEDULE_TARGETS.cpuPercent,
    },
  }
  return { table: formatScheduleReport(report), report }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values } = parseArgs({ options: { checks: { type: 'string' }, 'page-rate': { type: 'string' } } })
  const { table } = await benchSchedule({
    ...(values.checks === undefined ? {} : { checks: Number(values.checks) }),
    ...(values['page-rate'] === undefined ? {} : { pageRate: Number(values['page-rate']) }),
  })
  console.log(table)
}
