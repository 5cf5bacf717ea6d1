/**
 * The settings, numbers and printed table of the time-to-publish benchmark. The settings are read
 * from the schemas Glasshouse itself uses (the built-in health rule set, the health runner's pass
 * period, the check schema), so the printed targets follow the code.
 *
 * @module
 */
import { compileHealth, HealthSchema, HttpCheckSchema } from '../src/config/index.js'
import { DEFAULT_HEALTH_EVERY_MS } from '../src/health-runner/index.js'
import type { Published } from './time-to-publish-poll.js'

/** What decides how fast a change is published, and the targets that follow. */
export interface PublishSettings {
  intervalMs: number
  ruleSet: string
  /** The consecutiveFailures flag of the default rule set: the failure threshold that applies. */
  failureFlag: string
  failureThreshold: number
  /** Hysteresis: bad evaluations in a row to go down (N), good ones to come back (M). */
  down: number
  up: number
  healthEveryMs: number
  /** The check schema's own `failureThreshold` default (a field the health rules do not read). */
  checkFieldDefault: number
  /** (failureThreshold + N − 1) × interval + 5 s */
  outageTargetMs: number
  /** (1 + M − 1) × interval + 5 s: one passing run clears the failure flag. */
  recoveryTargetMs: number
}

/** One outage and its recovery. */
export interface PublishRun {
  outage: Published
  recovery: Published
}

/** Everything the benchmark measured. */
export interface TimeToPublishReport {
  settings: PublishSettings
  runs: PublishRun[]
  /** What the Glasshouse process logged (warn and above). */
  logLines: string[]
}

const SLACK_MS = 5_000

/**
 * The settings of the default rule set for a check every `intervalMs`.
 *
 * @example
 * publishSettings(10_000).outageTargetMs // 25_000 with the standard rule set (threshold 1, N 2)
 */
export function publishSettings(intervalMs: number): PublishSettings {
  const health = compileHealth(HealthSchema.parse({}))
  const ruleSet = health.ruleSets.get(health.defaultName)
  if (ruleSet === undefined) throw new Error(`the default rule set "${health.defaultName}" does not compile`)
  const flag = ruleSet.config.flags.find((candidate) => candidate.kind === 'consecutiveFailures')
  const failureThreshold = flag?.kind === 'consecutiveFailures' ? flag.threshold : 1
  const { down, up } = ruleSet.config.hysteresis
  const checkFieldDefault = HttpCheckSchema.parse({ name: 'x', kind: 'http', url: 'http://127.0.0.1/' }).failureThreshold
  return {
    intervalMs,
    ruleSet: ruleSet.config.name,
    failureFlag: flag?.name ?? '(none)',
    failureThreshold,
    down,
    up,
    healthEveryMs: DEFAULT_HEALTH_EVERY_MS,
    checkFieldDefault,
    outageTargetMs: (failureThreshold + down - 1) * intervalMs + SLACK_MS,
    recoveryTargetMs: (1 + up - 1) * intervalMs + SLACK_MS,
  }
}

function seconds(ms: number | null): string {
  return ms === null ? 'never' : `${(ms / 1000).toFixed(1)} s`
}

/** Median and max of the runs' times; a run that never published counts as infinitely late. */
function summary(values: readonly (number | null)[]): { median: number | null; max: number | null } {
  if (values.length === 0) return { median: null, max: null }
  const sorted = values.map((value) => value ?? Infinity).sort((a, b) => a - b)
  const finite = (value: number) => (Number.isFinite(value) ? value : null)
  return { median: finite(sorted[Math.floor((sorted.length - 1) / 2)]!), max: finite(sorted[sorted.length - 1]!) }
}

function verdict(label: string, values: readonly (number | null)[], targetMs: number, formula: string): string {
  const { median, max } = summary(values)
  const pass = max !== null && max <= targetMs
  return `${label.padEnd(9)} median ${seconds(median).padStart(7)}   max ${seconds(max).padStart(7)}   target ≤ ${formula} = ${seconds(targetMs)}: ${pass ? 'PASS' : 'FAIL'}`
}

/**
 * The printed table of a report: settings, every run, median and max, PASS/FAIL per target.
 *
 * @example
 * console.log(formatTimeToPublish(report))
 */
export function formatTimeToPublish(report: TimeToPublishReport): string {
  const s = report.settings
  const interval = `${s.intervalMs / 1000} s`
  const lines = [
    `1 HTTP check every ${interval} against a loopback target; the serve stack in its own process (SQLite, temp data dir)`,
    `settings read from the code: rule set "${s.ruleSet}", flag ${s.failureFlag} = consecutiveFailures ≥ ${s.failureThreshold} (the failure threshold),`,
    `  hysteresis N = ${s.down} down, M = ${s.up} up; health pass every ${s.healthEveryMs / 1000} s; the check field failureThreshold`,
    `  (default ${s.checkFieldDefault}, set to 1 here) is not read by the health rules`,
    `outage = the target answers 503; injected and lifted at a random phase (uniform 0–${interval}) of the check schedule;`,
    `page / and /api/v1/status polled every 100 ms; a time counts when BOTH show the change`,
    '',
    'run   outage: page      api     both   recovery: page      api     both',
  ]
  report.runs.forEach((run, index) => {
    const o = run.outage
    const r = run.recovery
    lines.push(
      `${String(index + 1).padEnd(5)} ${seconds(o.pageMs).padStart(12)} ${seconds(o.apiMs).padStart(8)} ${seconds(o.bothMs).padStart(8)}   ${seconds(r.pageMs).padStart(14)} ${seconds(r.apiMs).padStart(8)} ${seconds(r.bothMs).padStart(8)}`,
    )
  })
  report.runs.forEach((run, index) => {
    for (const [what, published] of [['outage', run.outage], ['recovery', run.recovery]] as const) {
      const last = published.last
      if (published.bothMs !== null || last === null) continue
      lines.push(`run ${index + 1} ${what} never seen: at the end the page showed ${last.page}, the API ${last.api} (decided by ${last.source}; measured ${last.measured})`)
    }
  })
  lines.push(
    '',
    verdict('outage', report.runs.map((run) => run.outage.bothMs), s.outageTargetMs, `(${s.failureThreshold} + ${s.down} − 1) × ${interval} + 5 s`),
    verdict('recovery', report.runs.map((run) => run.recovery.bothMs), s.recoveryTargetMs, `(1 + ${s.up} − 1) × ${interval} + 5 s`),
  )
  if (report.logLines.length > 0) lines.push(`glasshouse logged ${report.logLines.length} lines at warn or above; first: ${report.logLines[0]}`)
  return lines.join('\n')
}
