/**
 * Reconciling the recurring maintenance series declared in config (`maintenance:` entries with
 * `recurrence:`) with the store, inside the config sync's transaction: new → created, changed →
 * updated, removed → archived (its windows that have not started are cancelled). Each config
 * series is then materialized, so a reload shows its windows at once.
 *
 * @module
 */
import type { MaintenanceConfig } from '../config/index.js'
import { newId } from '../core/index.js'
import type { DeclaredTransaction, MaintenanceSeriesRow, MaintenanceTarget, SeriesSchedule } from '../store/index.js'
import { toTargets } from './maintenance-writes.js'
import { materializeSeries } from './series-materialize.js'
import type { SyncSummary } from './sync.js'

/** A series as config declares it, with the `file:line` declaring it. */
export interface DeclaredSeries {
  name: string
  title: string
  description: string | null
  targets: MaintenanceTarget[]
  durationMs: number
  schedule: SeriesSchedule
  source: string
  /** Tell subscribers of its windows (config `notify`); default true. */
  notify?: boolean
}

const CONFIG_WRITER = { actor: 'config', door: 'config' } as const

/**
 * The declared series of config `maintenance:` entries that have a `recurrence:`.
 *
 * @example
 * declaredSeries(config.maintenance, (name) => sites.get(`maintenance/${name}`) ?? 'the configuration')
 */
export function declaredSeries(entries: readonly MaintenanceConfig[], sourceOf: (name: string) => string): DeclaredSeries[] {
  return entries.flatMap((entry) => {
    const recurrence = entry.recurrence
    if (recurrence === undefined) return []
    const schedule: SeriesSchedule = recurrence.cron !== undefined
      ? { cron: recurrence.cron, timeZone: recurrence.timeZone }
      : { weekdays: [...recurrence.weekdays!], at: recurrence.at!, timeZone: recurrence.timeZone }
    return [{
      name: entry.name, title: entry.title, description: entry.description ?? null, targets: toTargets(entry.components),
      durationMs: recurrence.duration, schedule, source: sourceOf(entry.name), notify: entry.notify,
    }]
  })
}

function fingerprint(series: Pick<MaintenanceSeriesRow, 'title' | 'description' | 'targets' | 'durationMs' | 'schedule' | 'source'>): string {
  return JSON.stringify([series.title, series.description, series.targets, series.durationMs, series.schedule, series.source])
}

/**
 * Reconciles the config series in `tx` and materializes each up to `horizonMs`.
 *
 * @example
 * await syncSeries(tx, declared.series, now, declared.seriesHorizonMs, summary)
 */
export async function syncSeries(tx: DeclaredTransaction, declared: readonly DeclaredSeries[], now: number, horizonMs: number, summary: SyncSummary): Promise<void> {
  const existing = new Map((await tx.maintenanceSeries.configManaged()).map((row) => [row.name!, row]))
  const audit = async (action: string, id: string, before: unknown) =>
    tx.audit.append({ at: now, ...CONFIG_WRITER, action, objectType: 'maintenance-series', objectId: id, before, after: await tx.maintenanceSeries.get(id) })
  // Each touched series with whether its windows are announced; a removed series' cancellations
  // reach only subscribers who were told of the window (the fan-out checks).
  const touched: [string, boolean][] = []
  for (const item of declared) {
    const row = existing.get(item.name)
    existing.delete(item.name)
    const { name, notify = true, ...fields } = item
    if (row === undefined) {
      const id = newId()
      await tx.maintenanceSeries.insert({ id, name, ...fields, managed: 'config', createdAt: now, updatedAt: now, cancelledAt: null, archivedAt: null })
      await audit('maintenance-series.create', id, null)
      summary.created.push(`maintenance/${name}`)
      touched.push([id, notify])
    } else {
      if (fingerprint(row) !== fingerprint(fields)) {
        await tx.maintenanceSeries.update(row.id, { ...fields, updatedAt: now })
        await audit('maintenance-series.update', row.id, row)
        summary.updated.push(`maintenance/${name}`)
      }
      touched.push([row.id, notify])
    }
  }
  for (const row of existing.values()) {
    await tx.maintenanceSeries.update(row.id, { cancelledAt: now, archivedAt: now, updatedAt: now })
    await audit('maintenance-series.archive', row.id, row)
    summary.archived.push(`maintenance/${row.name}`)
    touched.push([row.id, true])
  }
  for (const [id, notify] of touched) await materializeSeries(tx, (await tx.maintenanceSeries.get(id))!, now, horizonMs, CONFIG_WRITER, notify)
}
