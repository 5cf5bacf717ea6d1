/**
 * The critical path of a graph: the longest chain of step durations along the `needs` edges,
 * the lower bound of any run's wall time with unlimited concurrency (the benchmark's baseline).
 *
 * @module
 */
import { needIds } from './graph.js'
import type { StepGraph } from './graph.js'

/**
 * The length (ms) and the steps of the longest dependency chain, given each step's duration.
 *
 * @example
 * criticalPath(graph, (id) => expected[id] ?? 0) // { durationMs: 95_300, steps: ['router', 'network', …] }
 */
export function criticalPath(graph: StepGraph, durationOf: (id: string) => number): { durationMs: number; steps: string[] } {
  const best = new Map<string, { durationMs: number; steps: string[] }>()
  for (const id of graph.topological) {
    let before = { durationMs: 0, steps: [] as string[] }
    for (const dep of needIds(graph.byId.get(id)!)) {
      const candidate = best.get(dep)!
      if (candidate.durationMs > before.durationMs) before = candidate
    }
    best.set(id, { durationMs: before.durationMs + durationOf(id), steps: [...before.steps, id] })
  }
  let longest = { durationMs: 0, steps: [] as string[] }
  for (const path of best.values()) if (path.durationMs > longest.durationMs) longest = path
  return longest
}
