/**
 * The filters of `/postmortems`, from its plain GET form: a component, a location, a range of
 * local days (`from`, `to`, `YYYY-MM-DD`, inclusive, both optional) and the paging cursor
 * (`before=<publishedAt>.<id>`, the last item of the previous page). Bad values come back as
 * issues the page prints beside the form (answered with 400).
 *
 * @module
 */
import { bucketOf, localDateStart } from '../../records/index.js'
import type { PublishedQuery } from '../ports.js'

/** A parsed list query: the form's values (to fill it again) and the service query. */
export interface ListQuery {
  component: string | null
  location: string | null
  fromDay: string
  toDay: string
  before: { publishedAt: number; id: string } | null
  /** What to ask the service for (one more than a page, to know whether an older page exists). */
  published: PublishedQuery
}

/** One bad form field. */
export interface QueryIssue {
  field: string
  message: string
}

/** Postmortems per page. */
export const PAGE_SIZE = 20

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/
const CURSOR = /^(\d{1,15})\.([0-9a-f-]{36})$/i

/**
 * Parses the query string of `/postmortems`.
 *
 * @example
 * parseListQuery({ component: 'compute', from: '2026-11-01' }, 'UTC').query.published // { component: 'compute', from: …, limit: 21 }
 */
export function parseListQuery(params: Record<string, string | undefined>, timeZone: string): { query: ListQuery; issues: QueryIssue[] } {
  const issues: QueryIssue[] = []
  const named = (field: 'component' | 'location'): string | null => {
    const value = params[field]
    if (value === undefined || value === '') return null
    if (NAME.test(value)) return value
    issues.push({ field, message: 'expected a name of letters, digits, . _ -' })
    return null
  }
  const day = (field: 'from' | 'to'): { text: string; start: number | null } => {
    const text = params[field] ?? ''
    if (text === '') return { text, start: null }
    try {
      return { text, start: localDateStart(text, timeZone) }
    } catch {
      issues.push({ field, message: 'expected a date such as 2026-01-31' })
      return { text, start: null }
    }
  }
  const component = named('component')
  const location = named('location')
  const from = day('from')
  const to = day('to')
  const toEnd = to.start === null ? null : bucketOf('day', to.start, timeZone).end
  if (from.start !== null && toEnd !== null && toEnd <= from.start) issues.push({ field: 'to', message: 'must not be before from' })
  const cursor = params.before === undefined || params.before === '' ? null : CURSOR.exec(params.before)
  if (cursor === null && params.before !== undefined && params.before !== '') issues.push({ field: 'before', message: 'expected a cursor from a page link' })
  const before = cursor === null ? null : { publishedAt: Number(cursor[1]), id: cursor[2]!.toLowerCase() }
  const published: PublishedQuery = {
    limit: PAGE_SIZE + 1,
    ...(component === null ? {} : { component }),
    ...(location === null ? {} : { location }),
    ...(from.start === null ? {} : { from: from.start }),
    ...(toEnd === null ? {} : { to: toEnd }),
    ...(before === null ? {} : { before }),
  }
  return { query: { component, location, fromDay: from.text, toDay: to.text, before, published }, issues }
}

/**
 * The link of a page of the list with the same filters: the newest (`last` null) or the one after
 * the item `last` (older).
 *
 * @example
 * listHref(query, { publishedAt: 1800000000000, id }) // '/postmortems?component=compute&before=1800000000000.…'
 */
export function listHref(query: ListQuery, last: { publishedAt: number; id: string } | null): string {
  const params = new URLSearchParams()
  if (query.component !== null) params.set('component', query.component)
  if (query.location !== null) params.set('location', query.location)
  if (query.fromDay !== '') params.set('from', query.fromDay)
  if (query.toDay !== '') params.set('to', query.toDay)
  if (last !== null) params.set('before', `${last.publishedAt}.${last.id}`)
  const search = params.toString()
  return search === '' ? '/postmortems' : `/postmortems?${search}`
}
