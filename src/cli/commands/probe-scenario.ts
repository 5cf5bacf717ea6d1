/**
 * `glasshouse probe run scenario --cloud NAME [options] [--once] [--json]`: the customer-eye
 * scenario from the command line, no glasshouse.yaml needed. The ledger lives in the data dir
 * (`--data-dir`, SQLite) so a crash leaves a record for the next run and `glasshouse cleanup`.
 * Progress goes to stderr, results to stdout; exit 0 ok (or stopped on request), 1 failed,
 * 2 usage, 3 environment.
 *
 * @module
 */
import type { Command } from 'commander'
import { systemClock } from '../../core/clock.js'
import { createLogger } from '../../log/index.js'
import { closeSimulatedClouds, releaseKeptRouter, runScenario, scenarioCloud, scenarioInput } from '../../probes/scenario/index.js'
import type { ScenarioRunFields, ScenarioRunResult } from '../../probes/scenario/index.js'
import { formatStatistics, ScenarioStatistics } from '../../probes/scenario/statistics.js'
import { defaultOwner } from '../../scenario/cleanup/index.js'
import { keepsRouter } from '../../scenario/oshm/index.js'
import type { RouterReuse } from '../../scenario/oshm/index.js'
import { openStore } from '../../store/index.js'
import type { Store } from '../../store/index.js'
import { UsageError } from '../errors.js'
import { EXIT, type CliIo } from '../io.js'
import { formatScenarioResult, progressPrinter } from './probe-scenario-output.js'
import { stopControl } from './probe-scenario-stop.js'
import type { StopControl } from './probe-scenario-stop.js'
import { addScenarioFlags, scenarioFields } from './probe-scenario-flags.js'
import { loadSettings, type SettingsFlags } from './settings.js'

interface LoopFlags extends SettingsFlags {
  once?: boolean
  json?: boolean
  finishIteration?: boolean
  statsEvery?: string
}

/** Adds `scenario` under `probe run`. */
export function addScenarioCommand(run: Command, io: CliIo, setExit: (code: number) => void): void {
  const command = run
    .command('scenario')
    .description("run the customer-eye scenario (OSHM's iteration): create, check and delete a small environment as a customer would")
    .option('--once', 'run one iteration and exit (default: repeat, paced by --interval, until stopped)')
    .option('--json', 'print each result (the probe result contract plus summary, waits, deletions) as one JSON line')
    .option('--finish-iteration', "on the first stop request finish the iteration, then stop (OSHM's one ^C)")
    .option('--stats-every <n>', 'print statistics per category every n iterations (default 10; also at the end)')
    .option('--data-dir <dir>', 'SQLite data directory holding the ledger (default ./data; $GLASSHOUSE_DATA_DIR)')
    .option('--database-url <url>', 'PostgreSQL URL holding the ledger ($GLASSHOUSE_DATABASE_URL)')
    .option('-c, --config <file>', 'config file (optional; only its storage section is read)')
  addScenarioFlags(command).action(async (flags: LoopFlags & Record<string, unknown>) => {
    const fields = scenarioFields(flags, io.env)
    const statsEvery = wholeNumber('--stats-every', flags.statsEvery ?? '10')
    const owner = fields.owner ?? defaultOwner(io.env)
    const cloud = await scenarioCloud(fields, io.env, io.cwd)
    const { config } = await loadSettings(flags, io)
    let store: Store | null = null
    const control = stopControl(io.untilStopped, { graceMs: fields.shutdownGrace, finishIteration: flags.finishIteration ?? false, say: io.stderr })
    try {
      store = await openStore({ dataDir: config.storage.dataDir, ...(config.storage.databaseUrl ? { databaseUrl: config.storage.databaseUrl } : {}) })
      await store.migrate()
      const loop = { fields, owner, cloud, store, control, flags, statsEvery }
      setExit(await iterations(loop, io))
    } finally {
      control.dispose()
      await store?.close()
      if (fields.simulated) await closeSimulatedClouds()
    }
  })
}

interface Loop {
  fields: ScenarioRunFields
  owner: string
  cloud: Awaited<ReturnType<typeof scenarioCloud>>
  store: Store
  control: StopControl
  flags: LoopFlags
  statsEvery: number
}

async function iterations(loop: Loop, io: CliIo): Promise<number> {
  const { fields, control, flags } = loop
  const log = createLogger({ level: 'warn' })
  const progress = progressPrinter(io.stderr, process.stderr.isTTY === true)
  const statistics = new ScenarioStatistics()
  let exit: number = EXIT.ok
  const { iterations: limit, exitOnError, routerReuse: reuseEvery, ...check } = fields
  const reuse: RouterReuse | null = reuseEvery > 1 ? { kept: null, keep: false } : null
  try {
    for (let count = 1; ; count++) {
      const begin = systemClock.monotonic()
      progress.start(`iteration ${count} on ${loop.cloud.name}${fields.simulated ? ' (simulated)' : ''}, owner ${loop.owner}`)
      if (reuse) reuse.keep = flags.once !== true && keepsRouter(count, reuseEvery, limit ?? null)
      const result = await runScenario({ cloud: loop.cloud, ledger: loop.store.ledger, owner: loop.owner, options: scenarioInput(check), stop: control.stop, teardownSignal: control.teardown, onStep: progress.step, log, ...(reuse ? { routerReuse: reuse } : {}) })
      io.stdout(flags.json ? `${JSON.stringify(result)}\n` : formatScenarioResult(result))
      statistics.add(result)
      exit = exitCode(result)
      const stopOnError = exitOnError && exit !== EXIT.ok
      if (stopOnError || count === limit) io.stderr(stopOnError ? `stopping after failed iteration ${count} (--exit-on-error)\n` : `stopping after ${count} iteration${count === 1 ? '' : 's'} (--iterations)\n`)
      const last = flags.once === true || control.finishing || stopOnError || count === limit
      if (!flags.json && ((count % loop.statsEvery === 0 && !last) || (last && count > 1))) io.stdout(formatStatistics(statistics.report()))
      if (flags.json && last && count > 1) io.stdout(`${JSON.stringify({ statistics: statistics.report() })}\n`)
      if (last || !(await pace(fields.interval - (systemClock.monotonic() - begin), control))) return exit
    }
  } finally {
    // The loop ended while an iteration kept the router for the next one (OSHM -r); after a
    // second stop request it stays in the ledger like everything else the teardown left.
    if (reuse?.kept && !control.teardown.aborted) await releaseKeptRouter(loop.cloud, loop.store.ledger, reuse)
  }
}

/** 0 for a passed or a deliberately stopped iteration, 1 for a failed one. */
function exitCode(result: ScenarioRunResult): number {
  return result.ok || (result.stopped && result.failure?.code === 'internal') ? EXIT.ok : EXIT.failed
}

/** Waits out the pacing; false when a stop request came meanwhile. */
function pace(ms: number, control: StopControl): Promise<boolean> {
  return new Promise((resolve) => {
    if (control.finishing) return resolve(false)
    const done = (): void => {
      clearTimeout(timer)
      clearInterval(watch)
      resolve(!control.finishing)
    }
    const timer = setTimeout(done, Math.max(0, ms))
    // `--finish-iteration`'s first request aborts nothing; look for it while pacing.
    const watch = setInterval(() => control.finishing && done(), 200)
    control.stop.addEventListener('abort', done, { once: true })
  })
}

function wholeNumber(flag: string, text: string): number {
  if (!/^[1-9]\d*$/.test(text)) throw new UsageError(`${flag} must be a positive whole number, not "${text}"`)
  return Number(text)
}
