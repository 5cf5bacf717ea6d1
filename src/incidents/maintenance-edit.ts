/**
 * Editing one maintenance window (texts, targets, times) through the service layer. A window
 * that has started keeps its start; a completed or cancelled one is history and stays. An edited
 * occurrence of a recurring series is detached from it, so materializing the series later does
 * not undo the edit.
 *
 * @module
 */
import { z } from 'zod'
import { checkComponents, guardManaged, type ServiceContext } from './context.js'
import { InvalidInputError, NotFoundError, StateConflictError } from './errors.js'
import { MaintenanceTargetSchema, parseInput, type Writer } from './inputs.js'
import { noticeWarnings } from './maintenance-notice.js'
import { maintenanceStatus, toTargets, type MaintenanceView } from './maintenance-writes.js'
import { queueEvent, windowEvent } from '../subscriptions/events.js'
import { auditedRowWrite } from './row-writes.js'

const publicText = (max: number) => z.string().trim().min(1).max(max)

/** A change of a window; what is left out stays. */
export const MaintenancePatchSchema = z.strictObject({
  title: publicText(200).optional(),
  description: publicText(10_000).nullable().optional(),
  components: z.array(MaintenanceTargetSchema).min(1).max(500).optional(),
  start: z.number().int().min(0).optional(),
  end: z.number().int().min(0).optional(),
})
export type MaintenancePatch = z.input<typeof MaintenancePatchSchema>

/** A written window with the minimum-notice warnings about it (empty when the notice suffices). */
export interface MaintenanceWriteResult extends MaintenanceView {
  warnings: string[]
}

/** The window edit of the service. */
export interface MaintenanceEditService {
  /**
   * Changes a window that has not completed; warns when a moved start leaves too little notice.
   * A moved window is announced again to subscribers unless `notify: false`.
   */
  updateMaintenance(id: string, patch: MaintenancePatch, writer: Writer, options?: { notify?: boolean }): Promise<MaintenanceWriteResult>
}

/** Builds the window edit over `context`; `minimumNoticeMs` is read at each write. */
export function maintenanceEditService(context: ServiceContext, minimumNoticeMs: () => number): MaintenanceEditService {
  const audited = auditedRowWrite(context, 'maintenance', (tx, id) => tx.maintenance.get(id))
  return {
    async updateMaintenance(id, raw, writer, options = {}) {
      const patch = parseInput(MaintenancePatchSchema, raw)
      if (patch.components !== undefined) await checkComponents(context, patch.components, 'components')
      let moved = false
      const after = await audited(writer, 'maintenance.update', async (tx, now, parsed) => {
        const before = await tx.maintenance.get(id)
        if (before === null) throw new NotFoundError('maintenance', id)
        guardManaged(before, 'maintenance', parsed)
        const status = maintenanceStatus(before, now)
        if (status === 'cancelled' || status === 'completed') throw new StateConflictError(`the window is ${status}; it can no longer change`)
        const start = patch.start ?? before.start
        const end = patch.end ?? before.end
        moved = start !== before.start
        if (status === 'in_progress' && moved) throw new StateConflictError('the window has started; its start can no longer change')
        if (end <= start) throw new InvalidInputError([{ path: 'end', message: 'must be after start' }])
        const { components, ...fields } = patch
        await tx.maintenance.update(id, { ...fields, ...(components === undefined ? {} : { targets: toTargets(components) }), updatedAt: now })
        await tx.maintenanceSeries.unlink(id)
        if (moved && (options.notify ?? true)) await queueEvent(tx, windowEvent((await tx.maintenance.get(id))!, 'announced', now), now)
        return { id, before }
      })
      const now = context.clock.now()
      return { ...after, status: maintenanceStatus(after, now), warnings: moved ? noticeWarnings(after.start, now, minimumNoticeMs()) : [] }
    },
  }
}
