/**
 * The step graph: steps with the service they call, the limit classes they occupy, and `needs`
 * edges that each name the API field forcing the order. A graph is checked once, when it is
 * built: an edge without a reason, an unknown step or a cycle is a bug and throws.
 *
 * @module
 */
import type { StepContext } from './step-context.js'

/** One edge: this step needs `step` done first, because of the API field `field` (e.g. `port.network_id`). */
export interface Need {
  step: string
  field: string
}

/** What a step is, without what it does: enough to schedule it and to document the graph. */
export interface StepShape {
  /** Unique within the graph; kebab-case by convention (`jh-port-1`). */
  id: string
  /** The service the step calls (`compute`, `network`, …); its in-flight limit class by default. */
  service: string
  /** Limit classes the step holds one slot of while it runs; default `[service]`, `[]` for none. */
  limits?: readonly string[]
  needs?: readonly Need[]
}

/**
 * A step: its shape plus `run`, whose value dependents read with `ctx.need(id)`. A step fails by
 * throwing; an error with a failure `code` (like `OpenStackError`) keeps that code.
 */
export interface StepDefinition<T = unknown> extends StepShape {
  run(ctx: StepContext): Promise<T>
}

/** A checked graph: steps by id, a topological order, and who depends on whom. */
export interface StepGraph {
  readonly steps: readonly StepDefinition[]
  readonly byId: ReadonlyMap<string, StepDefinition>
  /** A topological order that keeps declaration order where the edges allow. */
  readonly topological: readonly string[]
  /** Step id → ids of the steps that need it directly. */
  readonly dependents: ReadonlyMap<string, readonly string[]>
}

/** A graph that cannot be built; the message names the step and what is wrong. */
export class GraphError extends Error {
  override readonly name = 'GraphError'
}

/**
 * Checks `steps` and builds the graph. Throws {@link GraphError} on a duplicate or empty id, an
 * empty service, an edge to an unknown step, an edge without a field, or a cycle (named in order).
 *
 * @example
 * const graph = defineGraph([
 *   { id: 'network', service: 'network', run: async () => (await createNetwork(session, { name })).id },
 *   { id: 'port', service: 'network', needs: [{ step: 'network', field: 'port.network_id' }],
 *     run: async (ctx) => createPort(session, { network_id: ctx.need<string>('network') }) },
 * ])
 */
export function defineGraph(steps: readonly StepDefinition[]): StepGraph {
  const byId = new Map<string, StepDefinition>()
  for (const step of steps) {
    if (step.id.trim() === '') throw new GraphError('a step has an empty id')
    if (byId.has(step.id)) throw new GraphError(`step ${step.id} is defined twice`)
    if (step.service.trim() === '') throw new GraphError(`step ${step.id} names no service`)
    byId.set(step.id, step)
  }
  const dependents = new Map<string, string[]>(steps.map((step) => [step.id, []]))
  for (const step of steps) {
    for (const need of step.needs ?? []) {
      checkEdge(step.id, need, byId)
      const list = dependents.get(need.step)!
      if (!list.includes(step.id)) list.push(step.id)
    }
  }
  const cycle = findCycle(steps)
  if (cycle) throw new GraphError(`the graph has a cycle (each step needs the next): ${cycle.join(' → ')}`)
  return { steps, byId, topological: topologicalOrder(steps), dependents }
}

/**
 * The ids a step needs directly (each once).
 *
 * @example
 * needIds({ id: 'port', service: 'network', needs: [{ step: 'network', field: 'port.network_id' }] }) // ['network']
 */
export function needIds(step: StepShape): string[] {
  return [...new Set((step.needs ?? []).map((need) => need.step))]
}

function checkEdge(from: string, need: Need, byId: ReadonlyMap<string, StepShape>): void {
  const field = typeof need.field === 'string' ? need.field.trim() : ''
  if (field === '') throw new GraphError(`edge ${from} → ${need.step} has no reason: name the API field that forces it`)
  if (need.step === from) throw new GraphError(`step ${from} needs itself (${field})`)
  if (!byId.has(need.step)) throw new GraphError(`step ${from} needs unknown step ${need.step} (${field})`)
}

function findCycle(steps: readonly StepShape[]): string[] | null {
  const byId = new Map(steps.map((step) => [step.id, step]))
  const state = new Map<string, 'open' | 'done'>()
  const path: string[] = []
  const visit = (id: string): string[] | null => {
    if (state.get(id) === 'done') return null
    if (state.get(id) === 'open') return [...path.slice(path.indexOf(id)), id]
    state.set(id, 'open')
    path.push(id)
    for (const next of needIds(byId.get(id)!)) {
      const found = visit(next)
      if (found) return found
    }
    path.pop()
    state.set(id, 'done')
    return null
  }
  for (const step of steps) {
    const found = visit(step.id)
    if (found) return found
  }
  return null
}

function topologicalOrder(steps: readonly StepShape[]): string[] {
  const done = new Set<string>()
  const order: string[] = []
  while (order.length < steps.length) {
    for (const step of steps) {
      if (done.has(step.id) || !needIds(step).every((id) => done.has(id))) continue
      done.add(step.id)
      order.push(step.id)
      break
    }
  }
  return order
}
