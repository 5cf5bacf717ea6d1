/**
 * Time-to-publish benchmark: one HTTP check every 10 s against a loopback target (a tiny Node
 * server in its own process), measured by a real Glasshouse in its own process (the `serve`
 * composition, SQLite in a temporary data dir). The bench injects an outage (the target answers
 * 503), times until BOTH the HTML page and `/api/v1/status` show it, lifts it, and times the
 * recovery the same way — `BENCH_RUNS` times (default 3). Each injection and each lift waits a
 * random 0–10 s first, so the phase against the check schedule is random.
 *
 * Run: `node --import tsx bench/time-to-publish.ts` (about 1 minute per run), or via `npm run bench`.
 *
 * @module
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { pathToFileURL } from 'node:url'
import { writeBenchJson } from './bench-output.js'
import { forkEntry, type BenchChild } from './schedule-children.js'
import { awaitPublished, type Published } from './time-to-publish-poll.js'
import { formatTimeToPublish, publishSettings, type PublishRun, type PublishSettings, type TimeToPublishReport } from './time-to-publish-report.js'

const COMPONENT = 'target'
const isOutage = (state: string | null) => state === 'major_outage' || state === 'partial_outage'
const isOperational = (state: string | null) => state === 'operational'

/** The config the Glasshouse under test runs with (raw input, parsed by the child through the public schema). */
function configInput(targetPort: number, dataDir: string, intervalMs: number): object {
  return {
    server: { listen: '127.0.0.1:0', title: 'Glasshouse time-to-publish benchmark' },
    storage: { dataDir },
    log: { level: 'warn' },
    checks: [
      {
        name: COMPONENT,
        kind: 'http',
        url: `http://127.0.0.1:${targetPort}/`,
        interval: `${intervalMs / 1000}s`,
        timeout: '5s',
        failureThreshold: 1,
        conditions: ['[STATUS] == 200'],
      },
    ],
  }
}

async function answer(target: BenchChild, status: number): Promise<void> {
  target.send({ type: 'answer', status })
  await target.next('answering', 5_000)
}

/** Waits a random 0–interval, flips the target, and times until both surfaces show the change. */
async function flip(target: BenchChild, url: string, status: number, settings: PublishSettings, timeoutMs: number): Promise<Published> {
  await sleep(Math.random() * settings.intervalMs)
  const startedAt = performance.now()
  await answer(target, status)
  return awaitPublished(url, COMPONENT, status === 200 ? isOperational : isOutage, startedAt, timeoutMs)
}

async function measureRuns(target: BenchChild, url: string, settings: PublishSettings, runs: number, progress: (line: string) => void): Promise<PublishRun[]> {
  const first = await awaitPublished(url, COMPONENT, isOperational, performance.now(), 120_000)
  if (first.bothMs === null) throw new Error('the target never showed operational on both the page and the API within 120 s')
  const measured: PublishRun[] = []
  for (let run = 1; run <= runs; run++) {
    const outage = await flip(target, url, 503, settings, 3 * settings.outageTargetMs)
    progress(`run ${run}: outage published after ${outage.bothMs === null ? 'never' : `${(outage.bothMs / 1000).toFixed(1)} s`}`)
    const recovery = await flip(target, url, 200, settings, Math.max(3 * settings.recoveryTargetMs, 120_000))
    progress(`run ${run}: recovery published after ${recovery.bothMs === null ? 'never' : `${(recovery.bothMs / 1000).toFixed(1)} s`}`)
    measured.push({ outage, recovery })
    if (recovery.bothMs === null) break
  }
  return measured
}

/** Knobs of {@link benchTimeToPublish}; the defaults are the benchmark as published. */
export interface TimeToPublishOptions {
  /** Outage/recovery cycles; default `BENCH_RUNS` or 3. */
  runs?: number
  /** Progress lines (stderr by default). */
  progress?: (line: string) => void
}

/**
 * Runs the time-to-publish benchmark and returns its table and numbers (also written as JSON,
 * see `bench-output.ts`).
 *
 * @example
 * const { table } = await benchTimeToPublish({ runs: 3 })
 * console.log(table)
 */
export async function benchTimeToPublish(options: TimeToPublishOptions = {}): Promise<{ table: string; report: TimeToPublishReport }> {
  const runs = Math.max(1, Math.floor(options.runs ?? Number(process.env.BENCH_RUNS ?? 3)))
  const progress = options.progress ?? ((line: string) => void process.stderr.write(`${line}\n`))
  const settings = publishSettings(10_000)
  const dataDir = await mkdtemp(join(tmpdir(), 'gh-bench-publish-'))
  const target = forkEntry('time-to-publish-target.ts', {})
  let glasshouse: BenchChild | null = null
  try {
    const { port } = await target.next<{ port: number }>('ready', 30_000)
    glasshouse = forkEntry('time-to-publish-glasshouse.ts', configInput(port, dataDir, settings.intervalMs))
    const { url } = await glasshouse.next<{ url: string }>('ready', 120_000)
    progress(`target 127.0.0.1:${port}, glasshouse pid ${glasshouse.pid} at ${url}; ${runs} runs`)
    const measured = await measureRuns(target, url, settings, runs, progress)
    glasshouse.send({ type: 'stop' })
    await glasshouse.next('stopped', 60_000)
    const report: TimeToPublishReport = { settings, runs: measured, logLines: glasshouse.stderrLines() }
    const file = await writeBenchJson('time-to-publish', report)
    progress(`numbers written to ${file}`)
    return { table: formatTimeToPublish(report), report }
  } finally {
    await glasshouse?.kill()
    await target.kill()
    await rm(dataDir, { recursive: true, force: true })
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  console.log((await benchTimeToPublish()).table)
}
