/**
 * Materializing a recurring series: its occurrences a horizon ahead become ordinary maintenance
 * windows (deterministic ids, linked to the series), so the page, feeds, iCal, the SCS and
 * Statuspage APIs and subscribers' reminders see them without knowing about series. Idempotent:
 * a second run, a restart or a second server changes nothing. Only windows that have not started
 * are touched; past and running ones stay as they are. A window cancelled or edited on its own
 * stays so.
 *
 * @module
 */
import { compileSchedule, occurrenceId, occurrencesBetween, type Schedule } from '../maintenance-series/index.js'
import type { DeclaredTransaction, MaintenanceRow, MaintenanceSeriesRow } from '../store/index.js'
import type { Writer } from './inputs.js'
import { queueEvent, windowEvent } from '../subscriptions/events.js'

/** How far ahead windows exist unless config says otherwise: 30 days. */
export const DEFAULT_SERIES_HORIZON_MS = 30 * 86_400_000

/** How many windows a run created, changed and cancelled. */
export interface MaterializeCounts {
  created: number
  updated: number
  cancelled: number
}

/** Adds `more` into `total`. */
export function addCounts(total: MaterializeCounts, more: MaterializeCounts): MaterializeCounts {
  return { created: total.created + more.created, updated: total.updated + more.updated, cancelled: total.cancelled + more.cancelled }
}

type OccurrenceFields = Pick<MaintenanceRow, 'name' | 'title' | 'description' | 'targets' | 'start' | 'end' | 'managed' | 'source'>

function occurrenceFields(series: MaintenanceSeriesRow, start: number): OccurrenceFields {
  return { name: series.name, title: series.title, description: series.description, targets: series.targets, start, end: start + series.durationMs, managed: series.managed, source: series.source }
}

function differs(row: MaintenanceRow, fields: OccurrenceFields): boolean {
  const keys = Object.keys(fields) as (keyof OccurrenceFields)[]
  return keys.some((key) => JSON.stringify(row[key]) !== JSON.stringify(fields[key]))
}

/** The occurrence starts of a live series in (now, now + horizon]; none for a cancelled or archived one. */
export function desiredStarts(series: MaintenanceSeriesRow, now: number, horizonMs: number): number[] {
  if (series.cancelledAt !== null || series.archivedAt !== null) return []
  return occurrencesBetween(compileSchedule(series.schedule as Schedule), now + 1, now + horizonMs + 1)
}

/**
 * Brings the not-yet-started windows of `series` in line with its schedule, inside `tx`, auditing
 * each window written as `writer`. With `notify`, subscribers hear of each new window
 * (announced) and each cancelled one.
 *
 * @example
 * await store.writeDeclared((tx) => materializeSeries(tx, series, Date.now(), 30 * 86_400_000, { actor: 'system', door: 'system' }))
 */
export async function materializeSeries(tx: DeclaredTransaction, series: MaintenanceSeriesRow, now: number, horizonMs: number, writer: Writer, notify = true): Promise<MaterializeCounts> {
  const counts: MaterializeCounts = { created: 0, updated: 0, cancelled: 0 }
  const audit = async (action: string, id: string, before: unknown) =>
    tx.audit.append({ at: now, ...writer, action, objectType: 'maintenance', objectId: id, before, after: await tx.maintenance.get(id) })
  const linked = new Set(await tx.maintenanceSeries.windowIds(series.id, now))
  const wanted = new Set<string>()
  for (const start of desiredStarts(series, now, horizonMs)) {
    const id = occurrenceId(series.id, start)
    wanted.add(id)
    const fields = occurrenceFields(series, start)
    const existing = await tx.maintenance.get(id)
    if (existing === null) {
      await tx.maintenance.insert({ id, ...fields, cancelledAt: null, createdAt: now, updatedAt: now, archivedAt: null })
      await tx.maintenanceSeries.link(id, series.id)
      await audit('maintenance.create', id, null)
      if (notify) await queueEvent(tx, windowEvent((await tx.maintenance.get(id))!, 'announced', now), now)
      counts.created++
    } else if (linked.has(id) && existing.cancelledAt === null && differs(existing, fields)) {
      await tx.maintenance.update(id, { ...fields, updatedAt: now })
      await audit('maintenance.update', id, existing)
      counts.updated++
    }
  }
  for (const id of linked) {
    if (wanted.has(id)) continue
    const existing = (await tx.maintenance.get(id))!
    if (existing.cancelledAt !== null) continue
    await tx.maintenance.update(id, { cancelledAt: now, updatedAt: now })
    await audit('maintenance.cancel', id, existing)
    if (notify) await queueEvent(tx, windowEvent(existing, 'cancelled', now), now)
    counts.cancelled++
  }
  return counts
}
