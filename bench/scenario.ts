/**
 * Scenario benchmark (issue 4): the customer-eye iteration on the simulated cloud with a real
 * cloud's latency profile (server boot 30 s, volume 10 s, load balancer 60 s, calls 0.3–2 s),
 * time-scaled and reported in unscaled seconds.
 *
 * - ours, default limits: iteration wall time ÷ the critical path of the documented graph
 *   (each step's measured duration; target ≤ 1.15);
 * - an OSHM-order replay (`concurrency: 1`) and its ratio to ours;
 * - one iteration on the local OpenStack (cloud `demo`), skipped with the reason when it does
 *   not answer.
 *
 * Run: `node --import tsx bench/scenario.ts` (about 2–4 minutes), or via `npm run bench`.
 * `BENCH_RUNS` (default 3) simulated runs of each; `BENCH_TIME_SCALE` (default 0.05);
 * `BENCH_SCENARIO_LOCAL=0` skips the local cloud. Numbers go to `$BENCH_OUT/scenario.json`.
 *
 * @module
 */
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { writeBenchJson } from './bench-output.js'
import { localIteration } from './scenario-local.js'
import type { LocalRun } from './scenario-local.js'
import { documentedGraph } from './scenario-paths.js'
import { formatScenario, summarizeScenario } from './scenario-report.js'
import type { ScenarioBenchReport } from './scenario-report.js'
import { simulatedIteration } from './scenario-sim.js'
import type { SimRun } from './scenario-sim.js'

/** Knobs of {@link benchScenario}; the defaults are the benchmark as published. */
export interface ScenarioBenchOptions {
  runs?: number
  timeScale?: number
  /** Run the local-cloud iteration; default unless `BENCH_SCENARIO_LOCAL=0`. */
  local?: boolean
  progress?: (line: string) => void
}

/**
 * Runs the scenario benchmark and returns its table and numbers (also written as JSON).
 *
 * @example
 * const { table } = await benchScenario({ runs: 1, local: false })
 * console.log(table)
 */
export async function benchScenario(options: ScenarioBenchOptions = {}): Promise<{ table: string; report: ScenarioBenchReport }> {
  const runs = Math.max(1, Math.floor(options.runs ?? Number(process.env.BENCH_RUNS ?? 3)))
  const timeScale = options.timeScale ?? Number(process.env.BENCH_TIME_SCALE ?? 0.05)
  const progress = options.progress ?? ((line: string) => void process.stderr.write(`${line}\n`))
  const graph = documentedGraph()
  const ours: SimRun[] = []
  const oshm: SimRun[] = []
  for (let run = 1; run <= runs; run++) {
    const mine = await simulatedIteration(graph, { timeScale, seed: run })
    ours.push(mine)
    progress(`run ${run}: ours ${(mine.wallMs / 1000).toFixed(1)} s (÷ critical path ${mine.ratio.toFixed(2)})`)
    const replay = await simulatedIteration(graph, { timeScale, seed: run, concurrency: 1 })
    oshm.push(replay)
    progress(`run ${run}: OSHM order ${(replay.wallMs / 1000).toFixed(1)} s`)
  }
  const wantLocal = options.local ?? process.env.BENCH_SCENARIO_LOCAL !== '0'
  let local: LocalRun = { ran: false, reason: 'BENCH_SCENARIO_LOCAL=0' }
  if (wantLocal) {
    progress('local cloud demo: one iteration …')
    local = await localIteration()
  }
  const report: ScenarioBenchReport = { timeScale, runs, ours, oshm, local }
  const file = await writeBenchJson('scenario', { ...report, summary: summarizeScenario(report) })
  progress(`numbers written to ${file}`)
  return { table: formatScenario(report), report }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  console.log((await benchScenario()).table)
}
