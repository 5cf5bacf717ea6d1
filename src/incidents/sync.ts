/**
 * Reconciling the incidents, windows, templates and notices declared in config with the store, in one transaction:
 * new → created, changed → updated, removed → archived (history kept: an open incident is
 * resolved, a scheduled window cancelled, a running one cut short). API-created objects are never
 * touched. Every change is audited with door `config`.
 *
 * @module
 */
import { effectiveComponents, type Check, type ComponentConfig, type IncidentConfig, type MaintenanceConfig, type NoticeConfig, type TemplateConfig } from '../config/index.js'
import { newId, seriesId, type IncidentPhase } from '../core/index.js'
import type { DeclaredTransaction, DeclaredWrite, ImpactRow, IncidentRow, MaintenanceRow, MaintenanceTarget } from '../store/index.js'
import { InvalidInputError } from './errors.js'
import { appendUpdate, insertIncident } from './incident-writes.js'
import { maintenanceStatus, toTargets } from './maintenance-writes.js'
import { queueEvent, windowEvent } from '../subscriptions/events.js'
import { syncNotices, syncTemplates, type DeclaredNotice, type DeclaredTemplate } from './sync-templates.js'
import { declaredSeries, syncSeries, type DeclaredSeries } from './sync-series.js'
import { DEFAULT_SERIES_HORIZON_MS } from './series-materialize.js'

/** A window as config declares it, with the `file:line` declaring it. */
export interface DeclaredMaintenance {
  name: string
  title: string
  description: string | null
  targets: MaintenanceTarget[]
  start: number
  end: number
  source: string
  /** Tell subscribers (config `notify`); default true. */
  notify?: boolean
}

/** An incident as config declares it; impacts already expanded to locations. */
export interface DeclaredIncident {
  name: string
  title: string
  description: string | null
  beganAt: number
  impacts: { component: string; location: string; type: string; severity: number }[]
  updates: { at: number; phase: IncidentPhase; text: string }[]
  source: string
}

/** Everything config declares. */
export interface DeclaredObjects {
  incidents: DeclaredIncident[]
  maintenance: DeclaredMaintenance[]
  /** Absent: config templates are left as they are. */
  templates?: DeclaredTemplate[]
  /** Absent: config notices are left as they are. */
  notices?: DeclaredNotice[]
  /** `file:line` of each config-managed component, by name. */
  componentSources?: Record<string, string>
  /** Recurring series (`maintenance:` with `recurrence:`). Absent: config series are left as they are. */
  series?: DeclaredSeries[]
  /** How far ahead series are materialized (default 30 days). */
  seriesHorizonMs?: number
}

/** What a reconcile did, as `incidents/<name>`, `maintenance/<name>`, `templates/<name>`, `notices/<name>`. */
export interface SyncSummary {
  created: string[]
  updated: string[]
  archived: string[]
}

const CONFIG_WRITER = { actor: 'config', door: 'config' } as const

/**
 * The declared objects of a loaded config. `sites` comes from `declarationSites(loaded.files)`;
 * an impact without locations covers every location of its component.
 *
 * @example
 * const declared = declaredFromConfig(loaded.config, await declarationSites(loaded.files))
 */
export function declaredFromConfig(
  config: {
    checks: readonly Check[]
    components: readonly ComponentConfig[]
    maintenance: readonly MaintenanceConfig[]
    incidents: readonly IncidentConfig[]
    templates?: readonly TemplateConfig[]
    notices?: readonly NoticeConfig[]
    maintenanceSeries?: { horizon: number }
  },
  sites: ReadonlyMap<string, string>,
): DeclaredObjects {
  const locations = new Map(effectiveComponents(config).map((component) => [component.name, [...new Set(component.feeds.map((feed) => feed.location))].sort()]))
  const sourceOf = (key: string) => sites.get(key) ?? 'the configuration'
  const expand = (impacts: readonly { component: string; locations?: string[] | undefined; type: string; severity: number }[]) =>
    impacts.flatMap((impact) =>
      (impact.locations ?? locations.get(impact.component) ?? []).map((location) => ({ component: impact.component, location, type: impact.type, severity: impact.severity })),
    )
  return {
    templates: (config.templates ?? []).map((template) => ({
      name: template.name, title: template.title, description: template.description ?? null, text: template.text, phase: template.phase,
      impacts: expand(template.impacts), source: sourceOf(`templates/${template.name}`),
    })),
    notices: (config.notices ?? []).map((notice) => ({
      name: notice.name, title: notice.title, text: notice.text, start: notice.start ?? null, end: notice.end ?? null, source: sourceOf(`notices/${notice.name}`),
    })),
    componentSources: Object.fromEntries(config.components.map((component) => [component.name, sourceOf(`components/${component.name}`)])),
    maintenance: config.maintenance.flatMap((window) => (window.start === undefined || window.end === undefined ? [] : [{
      name: window.name, title: window.title, description: window.description ?? null, targets: toTargets(window.components),
      start: window.start, end: window.end, source: sourceOf(`maintenance/${window.name}`), notify: window.notify,
    }])),
    series: declaredSeries(config.maintenance, (name) => sourceOf(`maintenance/${name}`)),
    ...(config.maintenanceSeries === undefined ? {} : { seriesHorizonMs: config.maintenanceSeries.horizon }),
    incidents: config.incidents.map((incident) => {
      let phase: IncidentPhase = 'investigating'
      return {
        name: incident.name, title: incident.title, description: incident.description ?? null, beganAt: incident.began,
        impacts: expand(incident.impacts),
        updates: incident.updates.map((update) => ({ at: update.at, phase: (phase = update.phase ?? phase), text: update.text })),
        source: sourceOf(`incidents/${incident.name}`),
      }
    }),
  }
}

function impactSet(impacts: readonly { component: string; location: string; type: string; severity: number }[]): string {
  return JSON.stringify(impacts.map((impact) => `${seriesId(impact)}#${impact.type}=${impact.severity}`).sort())
}

function latestImpacts(row: IncidentRow, impacts: readonly ImpactRow[]): ImpactRow[] {
  return impacts.filter((impact) => impact.to === null || (row.endedAt !== null && impact.to === row.endedAt))
}

function incidentFingerprint(fields: { title: string; description: string | null; beganAt: number; source: string | null }, impacts: string, updates: readonly { at: number; phase: string; text: string }[]): string {
  return JSON.stringify([fields.title, fields.description, fields.beganAt, fields.source, impacts, updates.map((u) => [u.at, u.phase, u.text])])
}

async function createIncident(tx: DeclaredTransaction, declared: DeclaredIncident, now: number): Promise<string> {
  const [first, ...rest] = declared.updates
  const input = { title: declared.title, phase: first!.phase, origin: 'human' as const, beganAt: declared.beganAt, impacts: declared.impacts, text: first!.text, at: first!.at, ...(declared.description === null ? {} : { description: declared.description }) }
  const id = await insertIncident(tx, { name: declared.name, source: declared.source, managed: 'config', now }, input, CONFIG_WRITER.actor)
  for (const update of rest) await appendUpdate(tx, (await tx.incidents.get(id))!, update, now, CONFIG_WRITER.actor)
  return id
}

async function rewriteIncident(tx: DeclaredTransaction, row: IncidentRow, declared: DeclaredIncident, latest: readonly ImpactRow[], now: number): Promise<void> {
  const stored = await tx.incidents.updates(row.id)
  const resolvedAt = declared.updates.find((update) => update.phase === 'resolved')?.at ?? null
  const last = declared.updates.at(-1)!
  if (last.at > now) throw new InvalidInputError([{ path: declared.source, message: 'an update must not be in the future' }])
  await tx.incidents.update(row.id, { title: declared.title, description: declared.description, beganAt: declared.beganAt, phase: last.phase, endedAt: resolvedAt, source: declared.source, updatedAt: now })
  await tx.incidents.deleteUpdates(row.id)
  for (const [index, update] of declared.updates.entries()) {
    const same = stored[index]
    const kept = same !== undefined && same.at === update.at && same.phase === update.phase && same.text === update.text
    await tx.incidents.insertUpdate({ incidentId: row.id, seq: index + 1, ...update, recordedAt: kept ? same.recordedAt : now, actor: CONFIG_WRITER.actor })
  }
  const open = await tx.incidents.openImpacts(row.id)
  if (impactSet(latest) === impactSet(declared.impacts)) {
    if (resolvedAt !== null) for (const impact of open) await tx.incidents.closeImpact(impact, resolvedAt)
    return
  }
  for (const impact of open) await tx.incidents.closeImpact(impact, resolvedAt ?? now)
  const from = resolvedAt === null ? Math.max(now, declared.beganAt) : declared.beganAt
  for (const impact of declared.impacts) await tx.incidents.insertImpact({ id: newId(), incidentId: row.id, ...impact, from, to: resolvedAt })
}

async function snapshotIncident(tx: DeclaredTransaction, id: string): Promise<Record<string, unknown>> {
  return { ...(await tx.incidents.get(id)), impacts: await tx.incidents.openImpacts(id), updates: await tx.incidents.updates(id) }
}

async function syncIncidents(tx: DeclaredTransaction, declared: readonly DeclaredIncident[], now: number, summary: SyncSummary): Promise<void> {
  const existing = new Map((await tx.incidents.configManaged()).map((row) => [row.name!, row]))
  const audit = (action: string, id: string, before: unknown, after: unknown) =>
    tx.audit.append({ at: now, ...CONFIG_WRITER, action, objectType: 'incident', objectId: id, before, after })
  for (const item of declared) {
    const row = existing.get(item.name)
    existing.delete(item.name)
    if (row === undefined) {
      const id = await createIncident(tx, item, now)
      await audit('incident.create', id, null, await snapshotIncident(tx, id))
      summary.created.push(`incidents/${item.name}`)
      continue
    }
    const latest = latestImpacts(row, await tx.incidents.allImpacts(row.id))
    const storedUpdates = await tx.incidents.updates(row.id)
    if (incidentFingerprint(row, impactSet(latest), storedUpdates) === incidentFingerprint(item, impactSet(item.impacts), item.updates)) continue
    const before = await snapshotIncident(tx, row.id)
    await rewriteIncident(tx, row, item, latest, now)
    await audit('incident.update', row.id, before, await snapshotIncident(tx, row.id))
    summary.updated.push(`incidents/${item.name}`)
  }
  for (const row of existing.values()) {
    const before = await snapshotIncident(tx, row.id)
    if (row.endedAt === null) await appendUpdate(tx, row, { text: 'No longer declared; closed.', phase: 'resolved' }, now, CONFIG_WRITER.actor)
    await tx.incidents.update(row.id, { archivedAt: now, updatedAt: now })
    await audit('incident.archive', row.id, before, await snapshotIncident(tx, row.id))
    summary.archived.push(`incidents/${row.name}`)
  }
}

function windowFingerprint(window: Pick<MaintenanceRow, 'title' | 'description' | 'targets' | 'start' | 'end' | 'source'>): string {
  return JSON.stringify([window.title, window.description, window.targets, window.start, window.end, window.source])
}

/**
 * Announces the live config window `id` to subscribers. The event's id derives from the window
 * and its start, so every later sync (a reload, a restart) queues nothing new; a moved start is
 * announced again, as a moved API window is.
 */
async function announceWindow(tx: DeclaredTransaction, id: string, now: number): Promise<void> {
  const row = await tx.maintenance.get(id)
  if (row !== null && row.cancelledAt === null && row.end > now) await queueEvent(tx, windowEvent(row, 'announced', now), now)
}

async function syncMaintenance(tx: DeclaredTransaction, declared: readonly DeclaredMaintenance[], now: number, summary: SyncSummary): Promise<void> {
  const existing = new Map((await tx.maintenance.configManaged()).map((row) => [row.name!, row]))
  const audit = async (action: string, id: string, before: unknown) =>
    tx.audit.append({ at: now, ...CONFIG_WRITER, action, objectType: 'maintenance', objectId: id, before, after: await tx.maintenance.get(id) })
  for (const item of declared) {
    const row = existing.get(item.name)
    existing.delete(item.name)
    const fields = { title: item.title, description: item.description, targets: item.targets, start: item.start, end: item.end, source: item.source }
    const id = row?.id ?? newId()
    if (row === undefined) {
      await tx.maintenance.insert({ id, name: item.name, ...fields, cancelledAt: null, managed: 'config', createdAt: now, updatedAt: now, archivedAt: null })
      await audit('maintenance.create', id, null)
      summary.created.push(`maintenance/${item.name}`)
    } else if (windowFingerprint(row) !== windowFingerprint(fields)) {
      await tx.maintenance.update(row.id, { ...fields, updatedAt: now })
      await audit('maintenance.update', row.id, row)
      summary.updated.push(`maintenance/${item.name}`)
    }
    if (item.notify ?? true) await announceWindow(tx, id, now)
  }
  for (const row of existing.values()) {
    const status = maintenanceStatus(row, now)
    const ending = status === 'scheduled' ? { cancelledAt: now } : status === 'in_progress' ? { end: now } : {}
    await tx.maintenance.update(row.id, { ...ending, archivedAt: now, updatedAt: now })
    // Subscribers hear of the end only when the window was announced (the fan-out checks).
    if (status !== 'completed') await queueEvent(tx, windowEvent(status === 'scheduled' ? row : { ...row, end: now }, status === 'scheduled' ? 'cancelled' : 'completed', now), now)
    await audit('maintenance.archive', row.id, row)
    summary.archived.push(`maintenance/${row.name}`)
  }
}

/**
 * Reconciles in one declared transaction; on any invalid declaration nothing changes.
 *
 * @example
 * await syncDeclared(store.writeDeclared, declared, Date.now())
 */
export async function syncDeclared(writeDeclared: DeclaredWrite, declared: DeclaredObjects, now: number): Promise<SyncSummary> {
  return writeDeclared(async (tx) => {
    const summary: SyncSummary = { created: [], updated: [], archived: [] }
    await syncIncidents(tx, declared.incidents, now, summary)
    await syncMaintenance(tx, declared.maintenance, now, summary)
    if (declared.series !== undefined) await syncSeries(tx, declared.series, now, declared.seriesHorizonMs ?? DEFAULT_SERIES_HORIZON_MS, summary)
    if (declared.templates !== undefined) await syncTemplates(tx, declared.templates, now, summary)
    if (declared.notices !== undefined) await syncNotices(tx, declared.notices, now, summary)
    if (declared.componentSources !== undefined) await tx.componentSources.setSources(new Map(Object.entries(declared.componentSources)))
    return summary
  })
}
