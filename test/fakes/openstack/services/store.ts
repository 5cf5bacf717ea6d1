/**
 * The stateful part of the fake OpenStack behind the service modules' tests: tables of
 * resources with delayed status changes (BUILD → ACTIVE after `settleMs`), Neutron-style
 * filters, each service's pagination style, and the route wrapper that honours the fake's
 * faults and tokens. Its routes answer only for a fake whose services were enabled with
 * `fakeServices` (services/index.ts); any other fake keeps its original minimal routes.
 *
 * @module
 */
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Context, Next } from 'hono'
import { validToken } from '../keystone.js'
import { takeFault } from '../state.js'
import type { FakeState } from '../state.js'

/** One stored resource; fields starting with `_` are the fake's own and never sent. */
export type Row = Record<string, unknown> & { id: string }

/** A delayed change: new fields, or removal (with a side effect such as deleting a root volume). */
interface Pending {
  at: number
  to: Record<string, unknown> | 'gone'
  then?: () => void
}

/** The fake cloud's resources; tests may seed and inspect them. */
export interface FakeCloud {
  state: FakeState
  /** How long BUILD, creating, PENDING_* and deleting states last. */
  settleMs: number
  tables: Map<string, Map<string, Row>>
  pending: Map<Row, Pending>
  /** Next host number handed out per subnet (`.10`, `.11`, …). */
  nextHost: Map<string, number>
}

const clouds = new WeakMap<FakeState, FakeCloud>()

/**
 * Enables the service routes for `state`'s fake (seeded on first use) and returns its store.
 *
 * @example
 * const cloud = enableServices(fake.state, seed)
 */
export function enableServices(state: FakeState, seed?: (cloud: FakeCloud) => void): FakeCloud {
  let cloud = clouds.get(state)
  if (!cloud) {
    cloud = { state, settleMs: 30, tables: new Map(), pending: new Map(), nextHost: new Map() }
    clouds.set(state, cloud)
    seed?.(cloud)
  }
  return cloud
}

/** The rows of a table, after every delayed change that is due was applied. */
export function table(cloud: FakeCloud, kind: string): Map<string, Row> {
  const now = Date.now()
  for (const [row, change] of cloud.pending) {
    if (change.at > now) continue
    cloud.pending.delete(row)
    if (change.to === 'gone') cloud.tables.get(String(row._kind))?.delete(row.id)
    else Object.assign(row, change.to)
    change.then?.()
  }
  let rows = cloud.tables.get(kind)
  if (!rows) cloud.tables.set(kind, (rows = new Map()))
  return rows
}

/** Stores a new row of `kind` with a fresh id, returning it. */
export function insert(cloud: FakeCloud, kind: string, fields: Record<string, unknown>): Row {
  const row: Row = { id: randomUUID(), created_at: new Date().toISOString(), ...fields, _kind: kind }
  table(cloud, kind).set(row.id, row)
  return row
}

/** Changes `row` to `to` (or removes it) once `settleMs` passed. */
export function later(cloud: FakeCloud, row: Row, to: Pending['to'], then?: () => void): void {
  cloud.pending.set(row, { at: Date.now() + cloud.settleMs, to, ...(then ? { then } : {}) })
}

/** What a row looks like on the wire. */
export function view(row: Row): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([key]) => !key.startsWith('_')))
}

/** An OpenStack-style error answer. */
export function fail(c: Context, status: number, message: string): Response {
  return c.json({ error: { code: status, message } }, status as 400)
}

type Handler = (c: Context, cloud: FakeCloud) => unknown

/**
 * A route of operation `name`: for enabled fakes it records the request, applies the fault,
 * checks the token and answers `respond`'s JSON with `status`; otherwise it passes the request
 * on to the fake's original routes.
 *
 * @example
 * app.get('/compute/v2.1/flavors/detail', route(state, 'compute.flavors.list', (c, cloud) => …))
 */
export function route(state: FakeState, name: string, respond: Handler, status = 200) {
  return async (c: Context, next: Next): Promise<Response | void> => {
    const cloud = clouds.get(state)
    if (!cloud) return next()
    const url = new URL(c.req.url)
    state.seen.push({ operation: name, method: c.req.method, path: url.pathname, microversion: c.req.header('openstack-api-version') ?? null, query: url.search })
    const fault = takeFault(state, name)
    if (fault?.latencyMs) await sleep(fault.latencyMs)
    if (fault?.hang) await new Promise(() => {})
    c.header('x-openstack-request-id', `req-${randomUUID()}`)
    if (!validToken(state, c.req.header('x-auth-token'))) return fail(c, 401, 'The request you have made requires authentication.')
    if (fault?.status) {
      if (fault.retryAfter !== undefined) c.header('retry-after', fault.retryAfter)
      return fail(c, fault.status, fault.message ?? 'fake fault')
    }
    if (fault?.garbage) return c.body('{"truncated": [', 200, { 'content-type': 'application/json' })
    if (fault?.missingFields) return c.json({}, 200)
    const body = await respond(c, cloud)
    if (body instanceof Response) return body
    if (body === null) return c.body(null, (status === 200 ? 204 : status) as 204)
    return c.json(body as object, status as 200)
  }
}

/** Request body as an object (`{}` when absent or not JSON). */
export async function bodyOf(c: Context): Promise<Record<string, unknown>> {
  const parsed: unknown = await c.req.json().catch(() => ({}))
  return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {}
}

/** Whether the call asked for at least microversion `wanted` of its service. */
export function atLeast(c: Context, wanted: string): boolean {
  const asked = (c.req.header('openstack-api-version') ?? '').split(' ').at(-1) ?? ''
  const [major = 0, minor = 0] = asked.split('.').map(Number)
  const [wantMajor = 0, wantMinor = 0] = wanted.split('.').map(Number)
  return major > wantMajor || (major === wantMajor && minor >= wantMinor)
}

const NOT_FILTERS = new Set(['limit', 'marker', 'sort_key', 'sort_dir', 'fields', 'format', 'cascade', 'page_reverse'])

/**
 * Applies Neutron-style filters: equality on fields, `tags` (all present), `fixed_ips`
 * (`subnet_id=…` / `ip_address=…`); with `regexName`, Nova's regular-expression `name`.
 *
 * @example
 * filterRows(rows, { network_id: id }, {})
 */
export function filterRows(rows: Row[], query: Record<string, string>, options: { regexName?: boolean }): Row[] {
  return rows.filter((row) =>
    Object.entries(query).every(([key, value]) => {
      if (NOT_FILTERS.has(key)) return true
      if (key === 'tags') return value.split(',').every((tag) => (row.tags as string[] | undefined)?.includes(tag))
      if (key === 'fixed_ips') {
        const [field = '', wanted] = value.split('=')
        return ((row.fixed_ips as Array<Record<string, string>> | undefined) ?? []).some((ip) => ip[field] === wanted)
      }
      if (key === 'name' && options.regexName) return new RegExp(value).test(String(row.name))
      return String(row[key]) === value
    }),
  )
}

/** How a service links to its next page. */
export type PageStyle = 'links' | 'glance' | 'designate'

/**
 * One page of `rows` (`limit` and `marker` from the query) in the service's style; next links
 * carry the whole query, as real services' do.
 *
 * @example
 * return page(c, rows, 'networks', 'links')
 */
export function page(c: Context, rows: Row[], key: string, style: PageStyle): Record<string, unknown> {
  const query = c.req.query()
  const limit = query.limit === undefined ? rows.length : Number(query.limit)
  const start = query.marker === undefined ? 0 : rows.findIndex((row) => row.id === query.marker) + 1
  const batch = rows.slice(start, start + limit)
  const items = batch.map(view)
  const last = batch.at(-1)
  const more = query.limit !== undefined && batch.length === limit && last !== undefined
  const url = new URL(c.req.url)
  const nextQuery = new URLSearchParams({ ...query, ...(last ? { marker: last.id } : {}) }).toString()
  if (style === 'glance') return { [key]: items, first: `/v2/${key}`, schema: `/v2/schemas/${key}`, ...(more ? { next: `/v2/${key}?${nextQuery}` } : {}) }
  if (style === 'designate') return { [key]: items, links: { self: url.href, ...(more ? { next: `http://dns.internal${url.pathname}?${nextQuery}` } : {}) }, metadata: { total_count: rows.length } }
  return { [key]: items, [`${key}_links`]: more ? [{ rel: 'next', href: `http://controller.internal:9999${url.pathname}?${nextQuery}` }] : [] }
}
