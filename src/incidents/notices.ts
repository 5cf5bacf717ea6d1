/**
 * Info notices: a short public notice without impact ("the support hotline moves on Monday"),
 * shown between an optional start and end. From config (read-only for the API: 409 naming
 * `file:line`) or the API; every write is audited.
 *
 * @module
 */
import { z } from 'zod'
import { newId } from '../core/index.js'
import type { DeclaredTransaction, NoticeRow } from '../store/index.js'
import { guardManaged, type ServiceContext } from './context.js'
import { InvalidInputError, NotFoundError } from './errors.js'
import { parseInput, type Writer } from './inputs.js'
import { auditedRowWrite } from './row-writes.js'

const instant = z.number().int().min(0).nullable().optional()

/** A new notice; without `start` it shows now, without `end` until deleted. */
export const NoticeInputSchema = z.strictObject({
  title: z.string().trim().min(1).max(200),
  text: z.string().trim().min(1).max(2000),
  start: instant,
  end: instant,
})
export type NoticeInput = z.input<typeof NoticeInputSchema>

/** A change of a notice; absent fields stay, `null` opens a bound. */
export const NoticePatchSchema = NoticeInputSchema.partial()
export type NoticePatch = z.input<typeof NoticePatchSchema>

/** The notice writes and reads of the service. */
export interface NoticeService {
  /** Notices that show now or later (not ended, not deleted), newest first. */
  notices(): Promise<NoticeRow[]>
  /** A notice that is not deleted; null otherwise. */
  notice(id: string): Promise<NoticeRow | null>
  createNotice(input: NoticeInput, writer: Writer): Promise<NoticeRow>
  updateNotice(id: string, patch: NoticePatch, writer: Writer): Promise<NoticeRow>
  /** Archives a notice (kept in the store and the audit trail). */
  deleteNotice(id: string, writer: Writer): Promise<void>
}

function checkBounds(notice: { start: number | null; end: number | null }): void {
  if (notice.start !== null && notice.end !== null && notice.end <= notice.start) throw new InvalidInputError([{ path: 'end', message: 'must be after start' }])
}

async function writable(tx: DeclaredTransaction, id: string, writer: Writer): Promise<NoticeRow> {
  const row = await tx.notices.get(id)
  if (row === null || row.archivedAt !== null) throw new NotFoundError('notice', id)
  guardManaged({ ...row, name: row.name ?? row.title }, 'notice', writer)
  return row
}

/** Builds the notice service over `context`. */
export function noticeService(context: ServiceContext): NoticeService {
  const { store, clock } = context
  const audited = auditedRowWrite(context, 'notice', (tx, id) => tx.notices.get(id))
  return {
    notices: () => store.notices.list({ notEndedAt: clock.now() }),
    async notice(id) {
      const row = await store.notices.get(id)
      return row === null || row.archivedAt !== null ? null : row
    },
    async createNotice(raw, writer) {
      const input = parseInput(NoticeInputSchema, raw)
      const bounds = { start: input.start ?? null, end: input.end ?? null }
      checkBounds(bounds)
      return audited(writer, 'notice.create', async (tx, now) => {
        const row: NoticeRow = { id: newId(), name: null, title: input.title, text: input.text, ...bounds, managed: 'api', source: null, createdAt: now, updatedAt: now, archivedAt: null }
        await tx.notices.insert(row)
        return { id: row.id, before: null }
      })
    },
    async updateNotice(id, raw, writer) {
      const patch = parseInput(NoticePatchSchema, raw)
      return audited(writer, 'notice.update', async (tx, now, parsed) => {
        const before = await writable(tx, id, parsed)
        checkBounds({ start: patch.start === undefined ? before.start : patch.start, end: patch.end === undefined ? before.end : patch.end })
        await tx.notices.update(id, { ...patch, updatedAt: now })
        return { id, before }
      })
    },
    async deleteNotice(id, writer) {
      await audited(writer, 'notice.archive', async (tx, now, parsed) => {
        const before = await writable(tx, id, parsed)
        await tx.notices.update(id, { archivedAt: now, updatedAt: now })
        return { id, before }
      })
    },
  }
}
