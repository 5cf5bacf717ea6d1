/**
 * A run's view of the ledger: creates a resource with its intent written before the call and
 * its id after it, and registers the undo that deletes it and marks the row deleted once the
 * deletion is confirmed.
 *
 * @module
 */
import type { Clock } from '../../core/clock.js'
import { systemClock } from '../../core/clock.js'
import type { LedgerRepository } from '../../store/index.js'
import type { StepContext, UndoAttempt } from '../engine/index.js'

/** Who and where a run creates: the fields every ledger row of the run shares. */
export interface RunScope {
  /** The monitor instance (stable across restarts); cleanup only touches its own rows. */
  owner: string
  runId: string
  cloud: string
  region: string
  project: string
  /** The run's name prefix or tag. */
  prefix: string
}

/** One resource to create. */
export interface CreateSpec<T> {
  kind: string
  name: string
  /** What deleting it needs besides its id. */
  detail?: Record<string, unknown>
  /** The create call. */
  create(): Promise<T>
  /** The resource id in the create call's answer. */
  idOf(created: T): string
  /**
   * Deletes the resource and resolves once the deletion is confirmed (a 404, or a wait until
   * gone); omit for resources deleted with their parent.
   */
  remove?(resourceId: string, attempt: UndoAttempt): Promise<void>
  /** The service `remove` calls; default the step's service. */
  service?: string
}

/** A created resource: the create call's answer, its id, its ledger row. */
export interface Created<T> {
  value: T
  id: string
  entryId: string
}

/**
 * Binds the ledger to one run.
 *
 * @example
 * const ledger = new RunLedger(store.ledger, { owner, runId, cloud: 'prod', region: 'RegionOne', project, prefix })
 * // inside a step:
 * const network = await ledger.create(ctx, { kind: 'network', name: `${prefix}NET_JH`,
 *   create: () => createNetwork(session, { name: `${prefix}NET_JH` }), idOf: (n) => n.id,
 *   remove: (id) => deleteNetwork(session, id, { missingOk: true }) })
 * return network.id
 */
export class RunLedger {
  readonly #repository: LedgerRepository
  readonly #scope: RunScope
  readonly #clock: Clock

  constructor(repository: LedgerRepository, scope: RunScope, clock: Clock = systemClock) {
    this.#repository = repository
    this.#scope = scope
    this.#clock = clock
  }

  /** The scope every row of this run carries. */
  get scope(): RunScope {
    return this.#scope
  }

  /**
   * Writes the intent, makes the create call, writes the id, and registers the undo with `ctx`.
   * A create call that fails leaves the row without an id (cleanup searches by name and prefix).
   */
  async create<T>(ctx: Pick<StepContext, 'undo'>, spec: CreateSpec<T>): Promise<Created<T>> {
    const entryId = await this.#repository.intent({ ...this.#scope, kind: spec.kind, name: spec.name, ...(spec.detail ? { detail: spec.detail } : {}) }, this.#clock.now())
    const value = await spec.create()
    const id = spec.idOf(value)
    await this.#repository.created(entryId, id, this.#clock.now())
    const remove = spec.remove
    if (remove) {
      ctx.undo({
        name: `${spec.kind} ${spec.name}`,
        ...(spec.service ? { service: spec.service } : {}),
        run: async (attempt) => {
          await remove(id, attempt)
          await this.#repository.deleted(entryId, this.#clock.now())
        },
      })
    }
    return { value, id, entryId }
  }

  /** Marks a row deleted (a resource deleted with its parent, or one cleanup found never existed). */
  async deleted(entryId: string): Promise<void> {
    await this.#repository.deleted(entryId, this.#clock.now())
  }
}
