/**
 * Derived checks: a component fed by part of a check's results gets a check row of its own,
 * `<check>/<component>`, whose results are the parent's projected onto the part. The row keeps
 * the parent's stored definition, so kind, interval — and with them no-data windows and
 * time-weighted availability — are the parent's. The scheduler never runs a derived check; the
 * monitor writes its results after each run of the parent.
 *
 * @module
 */
import { storedDefinition, type Check, type EffectiveComponent } from '../config/index.js'
import { operationMatcher, type OperationMatcher } from '../probes/index.js'
import type { CheckInput } from '../store/index.js'

/** A part to project after each run of its parent check. */
export interface PartJob {
  /** The id of the derived check the projected results are written to. */
  checkId: string
  matches: OperationMatcher
}

interface PartFeed {
  name: string
  parent: Check
  component: EffectiveComponent
  operations: readonly string[]
}

function partFeeds(checks: readonly Check[], components: readonly EffectiveComponent[]): PartFeed[] {
  const byName = new Map(checks.map((check) => [check.name, check]))
  return components.flatMap((component) =>
    component.feeds.flatMap((feed) => {
      const parent = feed.part === undefined ? undefined : byName.get(feed.part.of)
      return parent === undefined || feed.part === undefined ? [] : [{ name: feed.check, parent, component, operations: feed.part.operations }]
    }),
  )
}

/**
 * The rows of the derived checks the components imply. The stored definition is the parent's
 * (secrets scrubbed the same way); the row's name and display name say which part it is.
 *
 * @example
 * derivedCheckRows(config.checks, components, [])
 * // [{ name: 'oshm/block-storage', kind: 'scenario', displayName: 'oshm: Block Storage part (block-storage.*)', definition: {…} }]
 */
export function derivedCheckRows(checks: readonly Check[], components: readonly EffectiveComponent[], secrets: readonly string[]): CheckInput[] {
  return partFeeds(checks, components).map(({ name, parent, component, operations }) => ({
    name,
    kind: parent.kind,
    displayName: `${parent.displayName ?? parent.name}: ${component.displayName} part (${operations.join(', ')})`,
    definition: storedDefinition(parent, secrets),
  }))
}

/**
 * The parts to project after each run, by parent check name, with the ids of their derived
 * check rows (`ids`: check ids by name after the sync).
 *
 * @example
 * partJobs(config.checks, components, ids).get('oshm') // [{ checkId: '…', matches: [Function] }]
 */
export function partJobs(checks: readonly Check[], components: readonly EffectiveComponent[], ids: ReadonlyMap<string, string>): Map<string, PartJob[]> {
  const jobs = new Map<string, PartJob[]>()
  for (const { name, parent, operations } of partFeeds(checks, components)) {
    const checkId = ids.get(name)
    if (checkId === undefined) continue
    jobs.set(parent.name, [...(jobs.get(parent.name) ?? []), { checkId, matches: operationMatcher(operations) }])
  }
  return jobs
}
