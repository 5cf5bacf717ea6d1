/**
 * Reconciling the templates and notices declared in config, and the `file:line` of each
 * config-managed component, inside the config sync's transaction: new → created, changed →
 * updated, removed → archived. API-created objects are never touched (except that a template
 * config declares under an API template's name becomes config-managed, like components); every change is audited
 * with door `config`.
 *
 * @module
 */
import { newId } from '../core/index.js'
import type { DeclaredTransaction, NoticeRow, TemplateImpact, TemplateRow } from '../store/index.js'
import type { IncidentPhase } from '../core/index.js'

/** A template as config declares it; impacts already expanded to locations. */
export interface DeclaredTemplate {
  name: string
  title: string
  description: string | null
  text: string
  phase: IncidentPhase
  impacts: TemplateImpact[]
  source: string
}

/** A notice as config declares it. */
export interface DeclaredNotice {
  name: string
  title: string
  text: string
  start: number | null
  end: number | null
  source: string
}

/** What a reconcile did, as `templates/<name>` and `notices/<name>`. */
export interface SyncLog {
  created: string[]
  updated: string[]
  archived: string[]
}

const CONFIG_WRITER = { actor: 'config', door: 'config' } as const

const templateFields = (row: Omit<TemplateRow, 'id' | 'managed' | 'createdAt' | 'updatedAt' | 'archivedAt'>) =>
  JSON.stringify([row.name, row.title, row.description, row.text, row.phase, row.impacts, row.source])
const noticeFields = (row: Omit<DeclaredNotice, 'name'> | NoticeRow) => JSON.stringify([row.title, row.text, row.start, row.end, row.source])

/** Reconciles config-managed templates. */
export async function syncTemplates(tx: DeclaredTransaction, declared: readonly DeclaredTemplate[], now: number, log: SyncLog): Promise<void> {
  const existing = new Map((await tx.templates.configManaged()).map((row) => [row.name, row]))
  const audit = async (action: string, id: string, before: unknown) =>
    tx.audit.append({ at: now, ...CONFIG_WRITER, action, objectType: 'template', objectId: id, before, after: await tx.templates.get(id) })
  for (const item of declared) {
    const row = existing.get(item.name)
    existing.delete(item.name)
    const api = row === undefined ? await tx.templates.byName(item.name) : null
    if (api !== null) {
      await tx.templates.update(api.id, { ...item, managed: 'config', updatedAt: now })
      await audit('template.update', api.id, api)
      log.updated.push(`templates/${item.name}`)
    } else if (row === undefined) {
      const id = newId()
      await tx.templates.insert({ id, ...item, managed: 'config', createdAt: now, updatedAt: now, archivedAt: null })
      await audit('template.create', id, null)
      log.created.push(`templates/${item.name}`)
    } else if (templateFields(row) !== templateFields(item)) {
      await tx.templates.update(row.id, { ...item, updatedAt: now })
      await audit('template.update', row.id, row)
      log.updated.push(`templates/${item.name}`)
    }
  }
  for (const row of existing.values()) {
    await tx.templates.update(row.id, { archivedAt: now, updatedAt: now })
    await audit('template.archive', row.id, row)
    log.archived.push(`templates/${row.name}`)
  }
}

/** Reconciles config-managed notices. */
export async function syncNotices(tx: DeclaredTransaction, declared: readonly DeclaredNotice[], now: number, log: SyncLog): Promise<void> {
  const existing = new Map((await tx.notices.configManaged()).map((row) => [row.name!, row]))
  const audit = async (action: string, id: string, before: unknown) =>
    tx.audit.append({ at: now, ...CONFIG_WRITER, action, objectType: 'notice', objectId: id, before, after: await tx.notices.get(id) })
  for (const item of declared) {
    const row = existing.get(item.name)
    existing.delete(item.name)
    if (row === undefined) {
      const id = newId()
      await tx.notices.insert({ id, ...item, managed: 'config', createdAt: now, updatedAt: now, archivedAt: null })
      await audit('notice.create', id, null)
      log.created.push(`notices/${item.name}`)
    } else if (noticeFields(row) !== noticeFields(item)) {
      await tx.notices.update(row.id, { ...item, updatedAt: now })
      await audit('notice.update', row.id, row)
      log.updated.push(`notices/${item.name}`)
    }
  }
  for (const row of existing.values()) {
    await tx.notices.update(row.id, { archivedAt: now, updatedAt: now })
    await audit('notice.archive', row.id, row)
    log.archived.push(`notices/${row.name}`)
  }
}
