/**
 * The measuring loop: keeps the scheduler's jobs equal to the configured checks, runs each
 * check's probe at its slot, and hands results to metrics and the result writer.
 *
 * @module
 */
import type { Clock } from '../core/clock.js'
import type { ProbeResult } from '../core/result.js'
import { checkHash, storedDefinition, type Check, type EffectiveComponent } from '../config/index.js'
import type { Logger } from '../log/index.js'
import type { GlasshouseMetrics } from '../metrics/index.js'
import { projectPart, runCheck } from '../probes/index.js'
import { createScheduler, type Job } from '../scheduler/index.js'
import type { Store } from '../store/index.js'
import { derivedCheckRows, partJobs, type PartJob } from './part-checks.js'
import type { ResultWriter } from './result-writer.js'

/** What changed when checks were applied. */
export interface ApplyReport {
  added: string[]
  removed: string[]
  changed: string[]
  unchanged: string[]
}

/** The running measurement loop. */
export interface Monitor {
  /**
   * Makes the measured checks exactly `checks` and the published components exactly
   * `components`; unchanged checks keep their schedule. A component fed by part of a check gets a
   * derived check row (`<check>/<component>`, never scheduled) whose results are the parent's
   * projected onto the part, written with the parent's. `secrets` (values substituted into the
   * config) are scrubbed from what is stored.
   */
  apply(config: MonitoredConfig, secrets?: readonly string[]): Promise<ApplyReport>
  /**
   * Stops scheduling and waits for running probes; their results are queued for the writer. A
   * running scenario is stopped gracefully (nothing new starts, it ends at its next step
   * boundary and is torn down within its `shutdownGrace`; the rest stays in the ledger); other
   * probes are short and run to their end, so no measurement is lost to a shutdown.
   */
  stop(): Promise<void>
}

/** The part of the config a monitor applies. */
export interface MonitoredConfig {
  checks: readonly Check[]
  components: readonly EffectiveComponent[]
}

/** What a monitor is built from. */
export interface MonitorDeps {
  store: Store
  writer: ResultWriter
  metrics: GlasshouseMetrics
  clock: Clock
  log: Logger
  /** Replaces the real probe runner in tests. */
  run?: (check: Check, deps: { clock: Clock; log: Logger; signal: AbortSignal }) => Promise<ProbeResult>
}

/**
 * Creates the monitor. Nothing runs until {@link Monitor.apply}.
 *
 * @example
 * const monitor = createMonitor({ store, writer, metrics, clock: systemClock, log })
 * await monitor.apply(config.checks)
 */
export function createMonitor(deps: MonitorDeps): Monitor {
  const { store, writer, metrics, clock, log } = deps
  const run = deps.run ?? runCheck
  const scheduler = createScheduler(clock, {
    started: (_key, driftMs) => metrics.observeDrift(driftMs),
    overrun: (key) => {
      metrics.countOverrun(key)
      log.warn({ check: key }, 'previous run still going; this slot is skipped')
    },
    failed: (key, error) => log.error({ check: key, err: error }, 'probe runner failed'),
  })
  let hashes = new Map<string, string>()
  // Read at each run, so a reload that changes only the parts takes effect without a restart.
  let parts = new Map<string, PartJob[]>()
  const shutdown = new AbortController()

  function job(check: Check, checkId: string): Job {
    const checkLog = log.child({ check: check.name })
    return {
      key: check.name,
      intervalMs: check.interval,
      async run(_plannedAt, signal) {
        const stoppable = check.kind === 'scenario' ? AbortSignal.any([signal, shutdown.signal]) : signal
        const result = await run(check, { clock, log: checkLog, signal: stoppable })
        metrics.observeResult(check, result)
        writer.push(checkId, result)
        for (const part of parts.get(check.name) ?? []) {
          const projected = projectPart(result, part.matches)
          if (projected !== null) writer.push(part.checkId, projected)
        }
      },
    }
  }

  return {
    async apply({ checks, components }, secrets = []) {
      // Heartbeat checks are pushed (POST /api/v1/heartbeats/<name>), never scheduled.
      const enabled = checks.filter((check) => check.enabled && check.kind !== 'heartbeat')
      const rows = await store.checks.sync(
        [
          ...checks.map((check) => ({ name: check.name, kind: check.kind, displayName: check.displayName ?? check.name, definition: storedDefinition(check, secrets) })),
          ...derivedCheckRows(checks, components, secrets),
        ],
        clock.now(),
      )
      const ids = new Map(rows.map((row) => [row.name, row.id]))
      parts = partJobs(checks, components, ids)
      await store.components.sync(
        components.map((component) => ({
          name: component.name,
          displayName: component.displayName,
          description: component.description,
          labels: component.labels,
          feeds: component.feeds.map((feed) => ({ checkId: ids.get(feed.check)!, location: feed.location })),
        })),
        clock.now(),
      )
      const next = new Map(enabled.map((check) => [check.name, checkHash(check)]))
      const report: ApplyReport = { added: [], removed: [], changed: [], unchanged: [] }
      for (const [name, hash] of next) {
        const before = hashes.get(name)
        const bucket = before === undefined ? report.added : before === hash ? report.unchanged : report.changed
        bucket.push(name)
      }
      for (const name of hashes.keys()) if (!next.has(name)) report.removed.push(name)
      scheduler.set(
        enabled.map((check) => job(check, ids.get(check.name)!)),
        new Set(report.changed),
      )
      for (const name of report.removed) metrics.forgetCheck(name)
      hashes = next
      return report
    },
    stop: () => {
      shutdown.abort(new Error('the monitor is shutting down'))
      return scheduler.stop()
    },
  }
}
