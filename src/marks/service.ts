/**
 * The service of measurement marks: every write (set, clear) validates its input, applies it and
 * records its audit event in one declared transaction, whichever door it came in by; and the
 * reads the status reader, the report and the CLI need.
 *
 * @module
 */
import { newId, type Clock } from '../core/index.js'
import { InvalidInputError, StateConflictError, type InputIssue, type Writer } from '../incidents/index.js'
import type { MarkRow, Store } from '../store/index.js'
import { MarkNotFoundError } from './errors.js'
import { MarkWriterSchema, NewMarkSchema, parseMarkInput, type NewMark } from './inputs.js'

/** What {@link createMarkService} needs. */
export interface MarkServiceOptions {
  store: Store
  clock: Clock
}

/** Every write and read of marks. */
export interface MarkService {
  /** Marks the measured state of a component (one location, or all) not representative. */
  setMark(input: NewMark, writer: Writer): Promise<MarkRow>
  /** Ends a mark now; a cleared mark stays in the store and the audit trail. */
  clearMark(id: string, writer: Writer): Promise<MarkRow>
  /** Marks, newest first; cleared ones too when asked. */
  listMarks(query?: { component?: string; includeCleared?: boolean }): Promise<MarkRow[]>
  /** Marks in effect at `at`. */
  activeMarks(at: number): Promise<MarkRow[]>
}

/** Refuses a component the store does not know, or a location none of its checks feeds. */
async function checkSeries(store: Store, component: string, location: string | undefined): Promise<void> {
  const found = (await store.components.list()).find((row) => row.name === component)
  const issues: InputIssue[] = []
  if (found === undefined) {
    issues.push({ path: 'component', message: `no component named "${component}"` })
  } else if (location !== undefined) {
    const locations = new Set((await store.components.feeds()).filter((feed) => feed.componentId === found.id).map((feed) => feed.location))
    if (!locations.has(location)) {
      const known = [...locations].sort().join(', ') || 'none'
      issues.push({ path: 'location', message: `component "${component}" has no location "${location}" (known: ${known})` })
    }
  }
  if (issues.length > 0) throw new InvalidInputError(issues)
}

/**
 * Builds the service.
 *
 * @example
 * const marks = createMarkService({ store, clock: systemClock })
 * await marks.setMark({ component: 'compute', location: 'R1', reason: 'Our probe host in R1 lost its uplink' }, { actor: 'alice', door: 'cli' })
 */
export function createMarkService(options: MarkServiceOptions): MarkService {
  const { store, clock } = options
  return {
    async setMark(raw, rawWriter) {
      const writer = parseMarkInput(MarkWriterSchema, rawWriter)
      const input = parseMarkInput(NewMarkSchema, raw)
      await checkSeries(store, input.component, input.location)
      return store.writeDeclared(async (tx) => {
        const now = clock.now()
        const from = input.from ?? now
        if (input.to != null && input.to <= from) throw new InvalidInputError([{ path: 'to', message: 'must be after from' }])
        const row: MarkRow = {
          id: newId(), component: input.component, location: input.location ?? null, reason: input.reason, from, to: input.to ?? null,
          actor: writer.actor, createdAt: now, clearedAt: null, clearedBy: null,
        }
        await tx.marks.insert(row)
        await tx.audit.append({ at: now, actor: writer.actor, action: 'mark.set', objectType: 'mark', objectId: row.id, before: null, after: row, door: writer.door })
        return row
      })
    },
    async clearMark(id, rawWriter) {
      const writer = parseMarkInput(MarkWriterSchema, rawWriter)
      return store.writeDeclared(async (tx) => {
        const now = clock.now()
        const before = await tx.marks.get(id)
        if (before === null) throw new MarkNotFoundError(id)
        if (before.clearedAt !== null) throw new StateConflictError(`mark ${id} was already cleared at ${new Date(before.clearedAt).toISOString()}`)
        await tx.marks.clear(id, now, writer.actor)
        const after = (await tx.marks.get(id))!
        await tx.audit.append({ at: now, actor: writer.actor, action: 'mark.clear', objectType: 'mark', objectId: id, before, after, door: writer.door })
        return after
      })
    },
    listMarks: (query = {}) => store.marks.list(query),
    activeMarks: (at) => store.marks.active(at),
  }
}
