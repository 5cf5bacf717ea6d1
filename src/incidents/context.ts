/**
 * What every part of the service needs: the store, the clock, the known components, and the
 * guard that keeps config-managed objects read-only for every door but config.
 *
 * @module
 */
import type { Clock } from '../core/index.js'
import type { Managed, Store } from '../store/index.js'
import { InvalidInputError, ManagedByConfigError, type ObjectType } from './errors.js'
import type { Writer } from './inputs.js'

/** The shared dependencies of the service's parts. */
export interface ServiceContext {
  store: Store
  clock: Clock
  /** Names of the components impacts and windows may name; null accepts any. */
  knownComponents(): Promise<ReadonlySet<string> | null>
}

/** Throws when a door other than config writes a config-managed object. */
export function guardManaged(
  object: { managed: Managed; name: string | null; source: string | null },
  objectType: ObjectType,
  writer: Writer,
): void {
  if (object.managed === 'config' && writer.door !== 'config') {
    throw new ManagedByConfigError(objectType, object.name ?? '(unnamed)', object.source ?? 'the configuration')
  }
}

/** Throws an {@link InvalidInputError} when a listed component is not known. */
export async function checkComponents(context: ServiceContext, names: readonly { component: string }[], path: string): Promise<void> {
  const known = await context.knownComponents()
  if (known === null) return
  const issues = names.flatMap((item, index) =>
    known.has(item.component) ? [] : [{ path: `${path}.${index}.component`, message: `no component named "${item.component}"` }],
  )
  if (issues.length > 0) throw new InvalidInputError(issues)
}
