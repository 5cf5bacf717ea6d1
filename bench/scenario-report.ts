/**
 * The scenario benchmark's numbers and its printed table.
 *
 * @module
 */
import type { LocalRun } from './scenario-local.js'
import type { SimRun } from './scenario-sim.js'

/** The target: iteration wall time ÷ critical path (issue 4). */
export const PATH_RATIO_TARGET = 1.15

/** Everything the benchmark measured (simulated times unscaled, in ms). */
export interface ScenarioBenchReport {
  timeScale: number
  runs: number
  ours: SimRun[]
  oshm: SimRun[]
  local: LocalRun
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** Medians of one set of runs, and the OSHM replay's ratio to ours. */
export function summarizeScenario(report: ScenarioBenchReport) {
  const of = (runs: readonly SimRun[], pick: (run: SimRun) => number) => median(runs.map(pick))
  const side = (runs: readonly SimRun[]) => ({
    wallMs: of(runs, (run) => run.wallMs),
    creationWallMs: of(runs, (run) => run.creationWallMs),
    teardownWallMs: of(runs, (run) => run.teardownWallMs),
    pathMs: of(runs, (run) => run.creationPathMs + run.teardownPathMs),
    creationRatio: of(runs, (run) => run.creationWallMs / run.creationPathMs),
    teardownRatio: of(runs, (run) => run.teardownWallMs / run.teardownPathMs),
    ratio: of(runs, (run) => run.ratio),
    calls: of(runs, (run) => run.calls),
    leftovers: Math.max(...runs.map((run) => run.leftovers)),
  })
  const ours = side(report.ours)
  const oshm = side(report.oshm)
  return { ours, oshm, oshmOverOurs: oshm.wallMs / ours.wallMs, pass: ours.ratio <= PATH_RATIO_TARGET }
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`
const x = (ratio: number) => `${ratio.toFixed(2)}×`

/**
 * The table `npm run bench` prints.
 *
 * @example
 * console.log(formatScenario(report))
 */
export function formatScenario(report: ScenarioBenchReport): string {
  const { ours, oshm, oshmOverOurs, pass } = summarizeScenario(report)
  const path = report.ours[0]?.creationPath.join(' → ') ?? ''
  const rows: Array<[string, string, string]> = [
    ['iteration wall time', s(ours.wallMs), s(oshm.wallMs)],
    ['  creation (discovery + resources)', s(ours.creationWallMs), s(oshm.creationWallMs)],
    ['  teardown', s(ours.teardownWallMs), s(oshm.teardownWallMs)],
    ['critical path (creation + teardown)', s(ours.pathMs), '—'],
    ['wall ÷ critical path', x(ours.ratio), '—'],
    ['  creation only', x(ours.creationRatio), '—'],
    ['  teardown only', x(ours.teardownRatio), '—'],
    ['calls', String(ours.calls), String(oshm.calls)],
    ['resources left', String(ours.leftovers), String(oshm.leftovers)],
  ]
  const width = Math.max(...rows.map(([label]) => label.length))
  const lines = [
    `simulated cloud, REAL_CLOUD_PROFILE × ${report.timeScale} (times unscaled), documented shape: 2 AZs, 2 VM networks, 3 VMs from volumes, LB, reachability skipped; median of ${report.runs}`,
    `${''.padEnd(width)}  ${'ours (defaults)'.padEnd(16)}  OSHM order (concurrency 1)`,
    ...rows.map(([label, a, b]) => `${label.padEnd(width)}  ${a.padEnd(16)}  ${b}`),
    `OSHM replay ÷ ours: ${x(oshmOverOurs)}`,
    `${pass ? 'PASS' : 'FAIL'}: wall ÷ critical path ${ours.ratio.toFixed(2)} (target ≤ ${PATH_RATIO_TARGET})`,
    `critical path (creation): ${path}`,
    'The replay has no critical-path ratio: its waits start late, so its own step durations understate the boots.',
    localLine(report.local),
  ]
  return lines.join('\n')
}

function localLine(local: LocalRun): string {
  if (!local.ran) return `local cloud demo: SKIPPED — ${local.reason}`
  const outcome = local.ok ? 'ok' : `FAILED (${local.failure})`
  return `local cloud demo (documented shape, its own AZs, -t 2): ${s(local.wallMs)} (creation ${s(local.creationWallMs)}, teardown ${s(local.teardownWallMs)}), ${local.calls} calls, VMs ${local.vms}, ${outcome}; left after cleanup: ${local.leftAfterCleanup}`
}
