/**
 * `npm run bench`: runs every benchmark in `bench/` one after the other (never side by side, so
 * they do not measure each other) and prints each one's table. A benchmark that is missing or
 * fails is reported and the rest still run; the exit code is 0 (benchmarks report, they do not
 * gate).
 *
 * @module
 */
import { existsSync } from 'node:fs'

interface BenchEntry {
  name: string
  /** The file in `bench/`. */
  file: string
  /** The exported function that runs it. */
  run: string
  /** An exported function that renders what `run` returned, when the module has one. */
  format?: string
}

const BENCHMARKS: readonly BenchEntry[] = [
  { name: 'ingest', file: 'ingest.ts', run: 'benchIngest', format: 'formatIngest' },
  { name: 'schedule capacity', file: 'schedule.ts', run: 'benchSchedule' },
  { name: 'openstack timing', file: 'openstack-timing.ts', run: 'benchOpenStackTiming' },
  { name: 'time to publish', file: 'time-to-publish.ts', run: 'benchTimeToPublish' },
  { name: 'history at scale', file: 'history-at-scale.ts', run: 'benchHistoryAtScale' },
  { name: 'scenario', file: 'scenario.ts', run: 'benchScenario' },
  { name: 'page weight', file: 'page-weight.ts', run: 'benchPageWeight' },
  { name: 'status page', file: 'status-page.ts', run: 'benchStatusPage' },
]

/**
 * A string as is, an object's `table` string, a record as `key  value` lines, else null (the
 * benchmark printed its own).
 */
function printable(outcome: unknown): string | null {
  if (typeof outcome === 'string') return outcome
  if (typeof outcome !== 'object' || outcome === null) return null
  if ('table' in outcome && typeof outcome.table === 'string') return outcome.table
  const entries = Object.entries(outcome)
  const width = Math.max(0, ...entries.map(([key]) => key.length))
  const show = (value: unknown) => (typeof value === 'number' && !Number.isInteger(value) ? value.toFixed(2) : String(value))
  return entries.map(([key, value]) => `${key.padEnd(width)}  ${show(value)}`).join('\n')
}

async function runOne(entry: BenchEntry): Promise<void> {
  const url = new URL(entry.file, import.meta.url)
  if (!existsSync(url)) {
    console.log(`${entry.name}: SKIPPED — bench/${entry.file} does not exist yet`)
    return
  }
  const loaded = (await import(url.href)) as Record<string, unknown>
  const run = loaded[entry.run]
  if (typeof run !== 'function') {
    console.log(`${entry.name}: SKIPPED — bench/${entry.file} exports no ${entry.run}()`)
    return
  }
  const outcome = await (run as () => Promise<unknown>)()
  const format = entry.format === undefined ? undefined : loaded[entry.format]
  const text = typeof format === 'function' ? String((format as (value: unknown) => unknown)(outcome)) : printable(outcome)
  if (text !== null) console.log(text)
}

for (const entry of BENCHMARKS) {
  console.log(`\n== ${entry.name} ==`)
  const started = performance.now()
  try {
    await runOne(entry)
  } catch (error) {
    console.log(`${entry.name}: ERROR — ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
  }
  console.error(`(${entry.name}: ${((performance.now() - started) / 1000).toFixed(0)} s)`)
}
process.exit(0)
