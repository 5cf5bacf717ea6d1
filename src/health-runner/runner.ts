/**
 * The health runner: on a timer, evaluates the health rules of every (component, location)
 * series from the stored results and records each evaluation and the series' state.
 *
 * @module
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import type { Clock } from '../core/clock.js'
import type { MeasuredState, SeriesKey } from '../core/series.js'
import { resolveWindow, type CompiledRuleSet } from '../health/index.js'
import { createFeedsReader, type SeriesFeeds } from '../records-job/index.js'
import type { SeriesCurrent, Store } from '../store/index.js'
import { createPeriodicJob } from '../scheduler/index.js'
import { evaluateSeries } from './evaluate-series.js'

/** The part of a logger the runner needs (pino fits). */
export interface HealthRunnerLog {
  warn(object: object, message?: string): void
  error(object: object, message?: string): void
}

/** What {@link createHealthRunner} needs. */
export interface HealthRunnerOptions {
  store: Store
  clock: Clock
  log: HealthRunnerLog
  /** Compiled rule sets by name (`compileHealth(config.health).ruleSets`). */
  ruleSets: ReadonlyMap<string, CompiledRuleSet>
  /** The rule set of a series whose component names none (or an unknown one). */
  defaultRuleSet: string
  /** The rule set a component (by name) uses; undefined for the default. */
  ruleSetOf?: (component: string) => string | undefined
  /** How often a pass runs, from the end of one to the start of the next; default 10 s. */
  everyMs?: number
  /** Forwarded to `store.evaluations.record`: how often an unchanged evaluation is still stored. */
  keepAliveMs?: number
}

/** A series whose published state changed in a pass. */
export interface PublishedChange {
  series: SeriesKey
  from: MeasuredState | null
  to: MeasuredState
  at: number
}

/** What one pass did. */
export interface HealthPass {
  /** Series looked at. */
  series: number
  /** Evaluations recorded (the others had nothing new to say). */
  recorded: number
  /** Evaluations stored as rows. */
  stored: number
  changes: PublishedChange[]
  /** Series whose evaluation failed (logged, retried next pass). */
  failed: number
}

/** Evaluates series on a timer; start, stop, or run a pass now. */
export interface HealthRunner {
  /** Runs a pass now and then every `everyMs`; a second call does nothing. */
  start(): void
  /** Stops the timer and waits for a running pass. */
  stop(): Promise<void>
  /** Runs one pass after any running one (passes never overlap). */
  evaluateNow(): Promise<HealthPass>
  /**
   * Says new results are stored: while started, a pass runs within {@link NUDGE_DELAY_MS}
   * instead of waiting for the timer. Nudges in between are gathered into that one pass.
   */
  nudge(): void
  /** Called after each pass in which a published state changed (e.g. to refresh the status page). */
  onPublished(listener: (changes: readonly PublishedChange[]) => void): void
  /** Replaces the rule sets from the next pass on (a config reload); hysteresis states are kept. */
  configure(rules: RuleSelection): void
}

/** Which rule sets there are and which series uses which. */
export type RuleSelection = Pick<HealthRunnerOptions, 'ruleSets' | 'defaultRuleSet' | 'ruleSetOf'>

/** The default time between passes. */
export const DEFAULT_HEALTH_EVERY_MS = 10_000

/** How long a nudge waits, so results written together are evaluated in one pass. */
export const NUDGE_DELAY_MS = 200

function ruleSetFor(options: RuleSelection, log: HealthRunnerLog, component: string, warned: Set<string>): CompiledRuleSet | undefined {
  const wanted = options.ruleSetOf?.(component) ?? options.defaultRuleSet
  const found = options.ruleSets.get(wanted)
  if (found !== undefined) return found
  if (!warned.has(wanted)) {
    warned.add(wanted)
    log.warn({ component, ruleSet: wanted, fallback: options.defaultRuleSet }, 'unknown health rule set; using the default')
  }
  return options.ruleSets.get(options.defaultRuleSet)
}

/**
 * Whether a series can be skipped this pass without loading its samples: no check feeding it has
 * a result newer than the one its last evaluation saw, the rule set is the same, and its noData
 * window has not run out since (so the state cannot have changed). Skipping is what keeps a pass
 * over thousands of series cheap.
 */
function nothingToEvaluate(
  before: SeriesCurrent,
  feeds: SeriesFeeds,
  ruleSet: CompiledRuleSet,
  newest: ReadonlyMap<string, number>,
  now: number,
): boolean {
  const seen = before.evaluation.lastSampleAt
  if (seen === null || before.evaluation.ruleSet !== ruleSet.config.name) return false
  if (feeds.checkIds.some((id) => (newest.get(id) ?? -Infinity) > seen)) return false
  if (before.state === 'no_data') return true
  const window = resolveWindow(ruleSet.noData.window, now, feeds.intervalMs)
  return seen > window.from
}

/**
 * Creates a health runner. Each pass reads the series from `store.components.feeds()`, evaluates
 * them one at a time with a yield to the event loop between two, and records what changed.
 *
 * @example
 * const health = compileHealth(config.health)
 * const runner = createHealthRunner({ store, clock, log, ruleSets: health.ruleSets, defaultRuleSet: health.defaultName })
 * runner.onPublished(() => status.invalidate())
 * runner.start()
 * // on shutdown
 * await runner.stop()
 */
export function createHealthRunner(options: HealthRunnerOptions): HealthRunner {
  const { store, clock, log } = options
  const everyMs = options.everyMs ?? DEFAULT_HEALTH_EVERY_MS
  const feedsReader = createFeedsReader(store)
  const listeners: ((changes: readonly PublishedChange[]) => void)[] = []
  const warned = new Set<string>()
  let rules: RuleSelection = options

  async function evaluateOne(
    feeds: SeriesFeeds,
    previous: ReadonlyMap<string, SeriesCurrent>,
    newest: ReadonlyMap<string, number>,
    pass: HealthPass,
  ): Promise<void> {
    const ruleSet = ruleSetFor(rules, log, feeds.series.component, warned)
    if (ruleSet === undefined) return
    const before = previous.get(feeds.id)
    if (before && nothingToEvaluate(before, feeds, ruleSet, newest, clock.now())) return
    const evaluation = await evaluateSeries(store, clock, feeds, ruleSet, before)
    if (evaluation === null) return
    const { stored } = await store.evaluations.record(evaluation, feeds.series, options.keepAliveMs === undefined ? {} : { keepAliveMs: options.keepAliveMs })
    pass.recorded += 1
    if (stored) pass.stored += 1
    if (before?.state !== evaluation.measured) {
      pass.changes.push({ series: feeds.series, from: before?.state ?? null, to: evaluation.measured, at: evaluation.at })
    }
  }

  function notify(changes: readonly PublishedChange[]): void {
    for (const listener of listeners) {
      try {
        listener(changes)
      } catch (error) {
        log.error({ err: error }, 'a published-state listener failed')
      }
    }
  }

  async function runPass(): Promise<HealthPass> {
    const pass: HealthPass = { series: 0, recorded: 0, stored: 0, changes: [], failed: 0 }
    const [{ series }, previous, latest] = await Promise.all([feedsReader.read(), store.evaluations.current(), store.results.latestOutcomes(1)])
    const newest = new Map([...latest].flatMap(([checkId, [result]]) => (result ? [[checkId, result.startedAt] as const] : [])))
    for (const feeds of series) {
      if (pass.series > 0) await yieldToLoop()
      pass.series += 1
      try {
        await evaluateOne(feeds, previous, newest, pass)
      } catch (error) {
        pass.failed += 1
        log.error({ err: error, series: feeds.id }, 'health evaluation failed; retrying next pass')
      }
    }
    if (pass.changes.length > 0) notify(pass.changes)
    return pass
  }

  const onError = (error: unknown) => log.error({ err: error }, 'health pass failed; retrying')
  const job = createPeriodicJob(runPass, everyMs, onError)
  let started = false
  let nudged: NodeJS.Timeout | undefined

  return {
    start() {
      started = true
      job.start()
    },
    stop() {
      started = false
      clearTimeout(nudged)
      nudged = undefined
      return job.stop()
    },
    evaluateNow: () => job.runNow(),
    nudge() {
      if (!started || nudged !== undefined) return
      nudged = setTimeout(() => {
        nudged = undefined
        job.runNow().catch(onError)
      }, NUDGE_DELAY_MS)
      nudged.unref()
    },
    onPublished(listener) {
      listeners.push(listener)
    },
    configure(next) {
      rules = next
      warned.clear()
    },
  }
}
