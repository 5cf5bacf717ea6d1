/**
 * Maintenance windows: their derived status, and the writes (create, cancel) — each validated,
 * applied and audited in one declared transaction.
 *
 * @module
 */
import { newId } from '../core/index.js'
import type { MaintenanceRow, MaintenanceTarget } from '../store/index.js'
import { checkComponents, guardManaged, type ServiceContext } from './context.js'
import { NotFoundError, StateConflictError } from './errors.js'
import { NewMaintenanceSchema, parseInput, WriterSchema, type NewMaintenance, type Writer } from './inputs.js'
import { auditedRowWrite } from './row-writes.js'
import { queueEvent, windowEvent } from '../subscriptions/events.js'

/** The subscriber event of a window (defined with the other events in src/subscriptions). */
export { windowEvent }

/** Where a window is in its life, derived from the time (never stored). */
export type MaintenanceStatus = 'scheduled' | 'in_progress' | 'completed' | 'cancelled'

/** A window with its status at the time it was read. */
export interface MaintenanceView extends MaintenanceRow {
  status: MaintenanceStatus
}

/**
 * The status of a window at `now`: cancelled, else scheduled before its start, in progress until
 * its end, completed after.
 *
 * @example
 * maintenanceStatus({ start: 10, end: 20, cancelledAt: null }, 15) // 'in_progress'
 */
export function maintenanceStatus(window: Pick<MaintenanceRow, 'start' | 'end' | 'cancelledAt'>, now: number): MaintenanceStatus {
  if (window.cancelledAt !== null) return 'cancelled'
  if (now < window.start) return 'scheduled'
  return now < window.end ? 'in_progress' : 'completed'
}

/** Turns config- or API-shaped components (`locations` optional) into stored targets. */
export function toTargets(components: readonly { component: string; locations?: readonly string[] | undefined }[]): MaintenanceTarget[] {
  return components.map((target) => ({ component: target.component, locations: target.locations === undefined ? null : [...new Set(target.locations)].sort() }))
}

/** The maintenance writes of the service. */
export interface MaintenanceWriteService {
  /** Creates a window (`managed: api`); it may lie in the future. */
  createMaintenance(input: NewMaintenance, writer: Writer): Promise<MaintenanceView>
  /** Cancels a window that has not completed; subscribers are told unless `notify: false`. */
  cancelMaintenance(id: string, writer: Writer, options?: { notify?: boolean }): Promise<MaintenanceView>
}

/** Builds the maintenance writes over `context`. */
export function maintenanceWriteService(context: ServiceContext): MaintenanceWriteService {
  const { store, clock } = context
  const view = async (id: string): Promise<MaintenanceView> => {
    const row = (await store.maintenance.get(id))!
    return { ...row, status: maintenanceStatus(row, clock.now()) }
  }
  const audited = auditedRowWrite(context, 'maintenance', (tx, id) => tx.maintenance.get(id))
  return {
    async createMaintenance(raw, rawWriter) {
      const writer = parseInput(WriterSchema, rawWriter)
      const input = parseInput(NewMaintenanceSchema, raw)
      await checkComponents(context, input.components, 'components')
      const created = await audited(writer, 'maintenance.create', async (tx, now) => {
        const row: MaintenanceRow = {
          id: newId(), name: null, title: input.title, description: input.description ?? null, targets: toTargets(input.components),
          start: input.start, end: input.end, cancelledAt: null, managed: 'api', source: null, createdAt: now, updatedAt: now, archivedAt: null,
        }
        await tx.maintenance.insert(row)
        if (input.notify) await queueEvent(tx, windowEvent(row, 'announced', now), now)
        return { id: row.id, before: null }
      })
      return view(created.id)
    },
    async cancelMaintenance(id, rawWriter, options = {}) {
      await audited(rawWriter, 'maintenance.cancel', async (tx, now, writer) => {
        const before = await tx.maintenance.get(id)
        if (before === null) throw new NotFoundError('maintenance', id)
        guardManaged(before, 'maintenance', writer)
        const status = maintenanceStatus(before, now)
        if (status === 'cancelled' || status === 'completed') throw new StateConflictError(`the window is already ${status}`)
        await tx.maintenance.update(id, { cancelledAt: now, updatedAt: now })
        if (options.notify ?? true) await queueEvent(tx, windowEvent(before, 'cancelled', now), now)
        return { id, before }
      })
      return view(id)
    },
  }
}
