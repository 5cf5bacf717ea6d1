/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The audit trail viewer `/operator/audit` (scope `admin`): entries in chain order filtered by
 * object, actor and time, a page at a time, each with its before/after as a readable diff; a
 * "Verify chain" button showing the verdict; and exports (JSON Lines, CSV) of what the filters
 * select. Reads only: nothing here edits or deletes an entry.
 *
 * @module
 */
import type { Context, Hono } from 'hono'
import { AUDIT_EXPORT_FORMATS, auditExportStream, auditExportType, verifyAuditChain, type AuditExportFormat } from '../../audit/index.js'
import type { AuditPageQuery } from '../../store/index.js'
import type { OperatorDeps } from '../deps.js'
import { takeFlash } from '../flash.js'
import { renderOperatorPage } from '../layout.js'
import { requireSession } from '../require-session.js'
import { EntryList, FilterForm, VerdictBox, type AuditFilterFields } from './views.js'

/** Entries per page. */
export const AUDIT_PAGE_SIZE = 50

type Filters = Omit<AuditPageQuery, 'limit' | 'afterSeq'>

const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/

function fieldsOf(c: Context): AuditFilterFields {
  const text = (name: string) => (c.req.query(name) ?? '').trim().slice(0, 200)
  return { objectType: text('objectType'), objectId: text('objectId'), actor: text('actor'), from: text('from'), to: text('to') }
}

/** The store filters of the form's fields, or the message saying which field is wrong. */
function filtersOf(fields: AuditFilterFields): Filters | string {
  const filters: Filters = {}
  if (fields.objectType !== '') filters.objectType = fields.objectType
  if (fields.objectId !== '') filters.objectId = fields.objectId
  if (fields.actor !== '') filters.actor = fields.actor
  for (const bound of ['from', 'to'] as const) {
    if (fields[bound] === '') continue
    const ms = LOCAL_TIME.test(fields[bound]) ? Date.parse(`${fields[bound]}Z`) : Number.NaN
    if (Number.isNaN(ms)) return `${bound}: expected a date and time such as 2026-12-07T10:30 (UTC), not "${fields[bound]}"`
    filters[bound] = ms
  }
  return filters
}

function query(fields: AuditFilterFields, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries({ ...fields, ...extra })) if (value !== '') params.set(name, value)
  const text = params.toString()
  return text === '' ? '' : `?${text}`
}

async function trailPage(c: Context, deps: OperatorDeps): Promise<Response> {
  const session = c.get('operatorSession')
  const fields = fieldsOf(c)
  const filters = filtersOf(fields)
  const frame = { title: 'Audit trail', siteName: deps.title, session }
  if (typeof filters === 'string') return renderOperatorPage(c, { ...frame, flash: { kind: 'error', text: filters } }, <FilterForm fields={fields} />, 400)
  const after = Number(c.req.query('after') ?? '0')
  const rows = await deps.store.audit.page({ ...filters, limit: AUDIT_PAGE_SIZE + 1, ...(Number.isSafeInteger(after) && after > 0 ? { afterSeq: after } : {}) })
  const entries = rows.slice(0, AUDIT_PAGE_SIZE)
  const next = rows.length > AUDIT_PAGE_SIZE ? `/operator/audit${query(fields, { after: String(entries.at(-1)!.seq) })}` : null
  const newest = Math.max(0, (await deps.store.audit.head()).seq - AUDIT_PAGE_SIZE)
  return renderOperatorPage(
    c,
    { ...frame, flash: takeFlash(c) },
    <>
      <p>Every write, oldest first, as the hash chain holds it. No one can edit or delete an entry here or through the API.</p>
      <form method="get" action="/operator/audit/verify" class="inline">
        <button type="submit">Verify chain</button>
      </form>{' '}
      <span>
        Export what the filters select: <a href={`/operator/audit/export${query(fields, { format: 'jsonl' })}`}>JSON Lines</a> ·{' '}
        <a href={`/operator/audit/export${query(fields, { format: 'csv' })}`}>CSV</a>
      </span>
      <FilterForm fields={fields} />
      <p>
        <a href={`/operator/audit${query(fields, { after: String(newest) })}`}>Jump to the newest {AUDIT_PAGE_SIZE} positions of the chain</a>
      </p>
      <EntryList entries={entries} />
      {next === null ? '' : (
        <p>
          <a href={next} rel="next">
            Next {AUDIT_PAGE_SIZE} entries
          </a>
        </p>
      )}
    </>,
  )
}

/**
 * Registers `GET /audit`, `GET /audit/verify` and `GET /audit/export` on the operator router.
 *
 * @example
 * registerAuditViewer(router, deps)
 */
export function registerAuditViewer(router: Hono, deps: OperatorDeps): void {
  const admin = requireSession(deps, 'admin')
  router.get('/audit', admin, (c) => trailPage(c, deps))
  router.get('/audit/verify', admin, async (c) => {
    const verdict = await verifyAuditChain(deps.store.audit)
    return renderOperatorPage(
      c,
      { title: 'Audit chain', siteName: deps.title, session: c.get('operatorSession') },
      <>
        <VerdictBox verdict={verdict} />
        <p>
          <a href="/operator/audit">Back to the audit trail</a>
        </p>
      </>,
      verdict.intact ? 200 : 409,
    )
  })
  router.get('/audit/export', admin, (c) => {
    const fields = fieldsOf(c)
    const filters = filtersOf(fields)
    const format = c.req.query('format') ?? 'jsonl'
    if (typeof filters === 'string' || !(AUDIT_EXPORT_FORMATS as readonly string[]).includes(format)) {
      const text = typeof filters === 'string' ? filters : `format: one of ${AUDIT_EXPORT_FORMATS.join(', ')}, not "${format}"`
      return renderOperatorPage(c, { title: 'Audit trail', siteName: deps.title, session: c.get('operatorSession'), flash: { kind: 'error', text } }, <FilterForm fields={fields} />, 400)
    }
    const chosen = format as AuditExportFormat
    return c.body(auditExportStream(deps.store.audit, chosen, filters), 200, {
      'content-type': auditExportType(chosen),
      'content-disposition': `attachment; filename="audit.${chosen}"`,
    })
  })
}
