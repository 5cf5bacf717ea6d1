/**
 * The scenario benchmark's baseline: the critical path of the documented graph, with every
 * step's duration as one iteration measured it. Creation: the longest chain along the `needs`
 * edges (`criticalPath` of the engine). Teardown: the longest chain in reverse dependency order,
 * a step's deletions one after the other (the teardown chains a step's undos). Their sum is the
 * wall time the iteration would take with unlimited concurrency and no overhead between steps.
 *
 * @module
 */
import { criticalPath, defineGraph } from '../src/scenario/engine/index.js'
import type { StepGraph } from '../src/scenario/engine/index.js'
import { documentationSteps } from '../src/scenario/oshm/index.js'
import type { ScenarioResult } from '../src/scenario/oshm/index.js'

/** One iteration against its critical path (ms of the run, as measured). */
export interface PathMeasure {
  wallMs: number
  creationWallMs: number
  teardownWallMs: number
  creationPathMs: number
  teardownPathMs: number
  /** Step ids of the creation's critical path. */
  creationPath: string[]
  /** `wallMs ÷ (creationPathMs + teardownPathMs)`. */
  ratio: number
  calls: number
}

/** The graph `docs/scenario-graph.md` documents (`DOCUMENTED_SHAPE`). */
export function documentedGraph(): StepGraph {
  return defineGraph(documentationSteps())
}

/**
 * Measures `result` (an iteration of the documented shape) against the documented graph's
 * critical path. Throws when the result's steps are not the documented graph's (another shape).
 *
 * @example
 * measureAgainstPath(documentedGraph(), result).ratio // 1.04
 */
export function measureAgainstPath(graph: StepGraph, result: ScenarioResult): PathMeasure {
  const durations = new Map(result.steps.map((step) => [step.name, step.durationMs]))
  const missing = graph.topological.filter((id) => !durations.has(id))
  if (missing.length > 0) throw new Error(`the iteration is not the documented shape: no step ${missing.slice(0, 5).join(', ')}`)
  const failed = result.steps.filter((step) => step.status === 'failed')
  if (failed.length > 0) throw new Error(`the iteration failed (${failed.map((step) => `${step.name}: ${step.reason}`).join('; ')}): no critical path to compare`)
  const creation = criticalPath(graph, (id) => durations.get(id) ?? 0)
  const teardownPathMs = reverseCriticalPath(graph, result.deletions)
  const teardownWallMs = durations.get('teardown') ?? 0
  return {
    wallMs: result.durationMs,
    creationWallMs: result.durationMs - teardownWallMs,
    teardownWallMs,
    creationPathMs: creation.durationMs,
    teardownPathMs,
    creationPath: creation.steps,
    ratio: result.durationMs / (creation.durationMs + teardownPathMs),
    calls: result.summary.calls,
  }
}

/** The longest chain of deletions: a step's own deletions after those of every step that needs it. */
function reverseCriticalPath(graph: StepGraph, deletions: ScenarioResult['deletions']): number {
  const own = new Map<string, number>()
  for (const deletion of deletions) own.set(deletion.step, (own.get(deletion.step) ?? 0) + deletion.durationMs)
  const best = new Map<string, number>()
  for (const id of [...graph.topological].reverse()) {
    const after = Math.max(0, ...(graph.dependents.get(id) ?? []).map((dependent) => best.get(dependent) ?? 0))
    best.set(id, after + (own.get(id) ?? 0))
  }
  return Math.max(0, ...best.values())
}
