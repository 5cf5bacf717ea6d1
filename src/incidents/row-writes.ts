/**
 * The audited writes shared by the objects stored as one row (templates, notices, maintenance
 * windows): each write parses its writer, runs in one declared transaction and appends its audit
 * event there, with the row as it read before and as it reads after.
 *
 * @module
 */
import type { DeclaredTransaction } from '../store/index.js'
import type { ServiceContext } from './context.js'
import type { ObjectType } from './errors.js'
import { parseInput, WriterSchema, type Writer } from './inputs.js'

/** What one write touched: the row's id and how it read before (null when created). */
export interface RowChange {
  id: string
  before: unknown
}

/** Applies one write inside the transaction, with the time of the write and the parsed writer. */
export type ApplyRowWrite = (tx: DeclaredTransaction, now: number, writer: Writer) => Promise<RowChange>

/** Runs an {@link ApplyRowWrite} audited as `action`; resolves to the row as it reads after. */
export type AuditedRowWrite<Row> = (rawWriter: Writer, action: string, apply: ApplyRowWrite) => Promise<Row>

/**
 * Builds the audited write of one kind of row; `read` reads a row of that kind inside the
 * transaction.
 *
 * @example
 * const audited = auditedRowWrite(context, 'notice', (tx, id) => tx.notices.get(id))
 * await audited(writer, 'notice.archive', async (tx, now) => ({ id, before: await tx.notices.get(id) }))
 */
export function auditedRowWrite<Row>(
  context: ServiceContext,
  objectType: ObjectType,
  read: (tx: DeclaredTransaction, id: string) => Promise<Row | null>,
): AuditedRowWrite<Row> {
  const { store, clock } = context
  return async (rawWriter, action, apply) => {
    const writer = parseInput(WriterSchema, rawWriter)
    return store.writeDeclared(async (tx) => {
      const now = clock.now()
      const { id, before } = await apply(tx, now, writer)
      const after = await read(tx, id)
      await tx.audit.append({ at: now, actor: writer.actor, action, objectType, objectId: id, before, after, door: writer.door })
      return after!
    })
  }
}
