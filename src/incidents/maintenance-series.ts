/**
 * Recurring maintenance through the service layer: create, edit and cancel a series (each
 * validated, applied, materialized and audited in one transaction), list them, and the periodic
 * materialization that keeps every live series' windows a horizon ahead. Editing a series changes
 * its windows that have not started; cancelling cancels them; past ones stay.
 *
 * @module
 */
import { newId } from '../core/index.js'
import { compileSchedule, nextOccurrence, type Schedule } from '../maintenance-series/index.js'
import type { DeclaredTransaction, MaintenanceSeriesRow } from '../store/index.js'
import { checkComponents, guardManaged, type ServiceContext } from './context.js'
import { NotFoundError, StateConflictError } from './errors.js'
import { parseInput, WriterSchema, type Writer } from './inputs.js'
import { toTargets } from './maintenance-writes.js'
import { noticeWarnings } from './maintenance-notice.js'
import { addCounts, desiredStarts, materializeSeries, type MaterializeCounts } from './series-materialize.js'
import { NewSeriesSchema, SeriesPatchSchema, type NewSeries, type SeriesPatch } from './series-inputs.js'

/** A series with when its next window starts (null when cancelled or never again). */
export interface SeriesView extends MaintenanceSeriesRow {
  status: 'active' | 'cancelled'
  next: number | null
}

/** A written series, with the minimum-notice warnings about its first window. */
export interface SeriesWriteResult extends SeriesView {
  warnings: string[]
}

/** The policy values the series writes read at each call. */
export interface SeriesPolicy {
  /** How far ahead windows are materialized. */
  horizonMs(): number
  /** The minimum notice before a window starts; shorter notice warns. */
  minimumNoticeMs(): number
}

/** Whether subscribers are told about the windows a write creates or cancels (default true). */
export interface WriteOptions {
  notify?: boolean
}

/** The recurring-maintenance part of the service. */
export interface MaintenanceSeriesService {
  /** Creates a series (`managed: api`) and materializes its windows; subscribers hear of each unless `notify: false`. */
  createSeries(input: NewSeries, writer: Writer, options?: WriteOptions): Promise<SeriesWriteResult>
  /** Changes a series and its windows that have not started. */
  updateSeries(id: string, patch: SeriesPatch, writer: Writer, options?: WriteOptions): Promise<SeriesWriteResult>
  /** Cancels a series and its windows that have not started. */
  cancelSeries(id: string, writer: Writer, options?: WriteOptions): Promise<SeriesView>
  /** Series not archived, oldest first. */
  listSeries(): Promise<SeriesView[]>
  /** One series; throws NotFoundError. */
  getSeries(id: string): Promise<SeriesView>
  /** Materializes every live series up to the horizon (the periodic job); idempotent. */
  materializeAllSeries(writer?: Writer): Promise<MaterializeCounts>
}

const SYSTEM_WRITER: Writer = { actor: 'system', door: 'system' }

/** The view of a series at `now`. */
export function seriesView(row: MaintenanceSeriesRow, now: number): SeriesView {
  const live = row.cancelledAt === null && row.archivedAt === null
  return { ...row, status: live ? 'active' : 'cancelled', next: live ? nextOccurrence(compileSchedule(row.schedule as Schedule), now) : null }
}

/**
 * Materializes every live series in `tx` (also used by the config sync).
 *
 * @example
 * await store.writeDeclared((tx) => materializeLiveSeries(tx, now, horizonMs, writer))
 */
export async function materializeLiveSeries(tx: DeclaredTransaction, now: number, horizonMs: number, writer: Writer): Promise<MaterializeCounts> {
  let total: MaterializeCounts = { created: 0, updated: 0, cancelled: 0 }
  for (const series of await tx.maintenanceSeries.list()) total = addCounts(total, await materializeSeries(tx, series, now, horizonMs, writer))
  return total
}

/** Builds the series part over `context`. */
export function maintenanceSeriesService(context: ServiceContext, policy: SeriesPolicy): MaintenanceSeriesService {
  const { store, clock } = context
  const warningsOf = (row: MaintenanceSeriesRow, now: number) => {
    const [first] = desiredStarts(row, now, policy.horizonMs())
    return first === undefined ? [] : noticeWarnings(first, now, policy.minimumNoticeMs())
  }
  const write = async (rawWriter: Writer, options: WriteOptions, action: string, apply: (tx: DeclaredTransaction, now: number, writer: Writer) => Promise<{ id: string; before: MaintenanceSeriesRow | null }>) => {
    const writer = parseInput(WriterSchema, rawWriter)
    return store.writeDeclared(async (tx) => {
      const now = clock.now()
      const { id, before } = await apply(tx, now, writer)
      const after = (await tx.maintenanceSeries.get(id))!
      await tx.audit.append({ at: now, ...writer, action, objectType: 'maintenance-series', objectId: id, before, after })
      await materializeSeries(tx, after, now, policy.horizonMs(), writer, options.notify ?? true)
      return { now, after }
    })
  }
  const existing = async (tx: DeclaredTransaction, id: string, writer: Writer) => {
    const row = await tx.maintenanceSeries.get(id)
    if (row === null || row.archivedAt !== null) throw new NotFoundError('maintenance-series', id)
    guardManaged(row, 'maintenance-series', writer)
    return row
  }
  return {
    async createSeries(raw, writer, options = {}) {
      const input = parseInput(NewSeriesSchema, raw)
      await checkComponents(context, input.components, 'components')
      const { now, after } = await write(writer, options, 'maintenance-series.create', async (tx, at) => {
        const row: MaintenanceSeriesRow = {
          id: newId(), name: null, title: input.title, description: input.description ?? null, targets: toTargets(input.components), durationMs: input.durationMs,
          schedule: input.schedule, managed: 'api', source: null, createdAt: at, updatedAt: at, cancelledAt: null, archivedAt: null,
        }
        await tx.maintenanceSeries.insert(row)
        return { id: row.id, before: null }
      })
      return { ...seriesView(after, now), warnings: warningsOf(after, now) }
    },
    async updateSeries(id, raw, writer, options = {}) {
      const patch = parseInput(SeriesPatchSchema, raw)
      if (patch.components !== undefined) await checkComponents(context, patch.components, 'components')
      const { now, after } = await write(writer, options, 'maintenance-series.update', async (tx, at, parsed) => {
        const before = await existing(tx, id, parsed)
        if (before.cancelledAt !== null) throw new StateConflictError('the series is cancelled')
        const { components, ...fields } = patch
        await tx.maintenanceSeries.update(id, { ...fields, ...(components === undefined ? {} : { targets: toTargets(components) }), updatedAt: at })
        return { id, before }
      })
      return { ...seriesView(after, now), warnings: warningsOf(after, now) }
    },
    async cancelSeries(id, writer, options = {}) {
      const { now, after } = await write(writer, options, 'maintenance-series.cancel', async (tx, at, parsed) => {
        const before = await existing(tx, id, parsed)
        if (before.cancelledAt !== null) throw new StateConflictError('the series is already cancelled')
        await tx.maintenanceSeries.update(id, { cancelledAt: at, updatedAt: at })
        return { id, before }
      })
      return seriesView(after, now)
    },
    async listSeries() {
      const now = clock.now()
      return (await store.maintenanceSeries.list()).map((row) => seriesView(row, now))
    },
    async getSeries(id) {
      const row = await store.maintenanceSeries.get(id)
      if (row === null || row.archivedAt !== null) throw new NotFoundError('maintenance-series', id)
      return seriesView(row, clock.now())
    },
    materializeAllSeries: (writer = SYSTEM_WRITER) => store.writeDeclared((tx) => materializeLiveSeries(tx, clock.now(), policy.horizonMs(), writer)),
  }
}
