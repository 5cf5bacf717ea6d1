/**
 * The simulator's request plumbing: the route wrapper (hooks, API latency, request id, token
 * check), error answers, request bodies, microversions, Neutron-style filters and each
 * service's pagination style.
 *
 * @module
 */
import { setTimeout as sleep } from 'node:timers/promises'
import type { Context } from 'hono'
import { validToken } from './keystone.js'
import { apiLatencyMs } from './profile.js'
import type { Row, Sim } from './state.js'
import { view } from './state.js'

type Handler = (c: Context, sim: Sim) => unknown

/** How a route answers: whether it needs a token (default true) and its success status. */
export interface RouteOptions {
  auth?: boolean
  status?: number
}

/**
 * A route of operation `name`: runs the request hook, waits the profile's API latency, sends a
 * request id, checks the token and answers `respond`'s JSON (`null`: no body) with the status.
 *
 * @example
 * app.get('/compute/v2.1/flavors/detail', route(sim, 'compute.flavors.list', (c, sim) => …))
 */
export function route(sim: Sim, name: string, respond: Handler, options: RouteOptions = {}) {
  return async (c: Context): Promise<Response> => {
    const override = await sim.hooks.request?.(name, c)
    const delay = apiLatencyMs(sim.profile, sim.timeScale, c.req.method, sim.random.fraction(name))
    if (delay > 0) await sleep(delay)
    c.header('x-openstack-request-id', `req-${sim.random.uuid()}`)
    if (options.auth !== false && !validToken(sim, c.req.header('x-auth-token'))) return fail(c, 401, 'The request you have made requires authentication.')
    if (override) return override(c)
    const status = options.status ?? 200
    const body = await respond(c, sim)
    if (body instanceof Response) return body
    if (body === null) return c.body(null, (status === 200 ? 204 : status) as 204)
    return c.json(body as object, status as 200)
  }
}

/**
 * An OpenStack-style error answer.
 *
 * @example
 * return fail(c, 404, 'Instance could not be found.')
 */
export function fail(c: Context, status: number, message: string): Response {
  return c.json({ error: { code: status, message } }, status as 400)
}

/**
 * Request body as an object (`{}` when absent or not JSON).
 *
 * @example
 * const fields = (await bodyOf(c)).server
 */
export async function bodyOf(c: Context): Promise<Record<string, unknown>> {
  const parsed: unknown = await c.req.json().catch(() => ({}))
  return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {}
}

/**
 * Whether the call asked for at least microversion `wanted` of its service.
 *
 * @example
 * if (fields.type !== undefined && !atLeast(c, '2.2')) return fail(c, 400, '…')
 */
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
 * carry the whole query, as real services' do (Nova and Neutron name an internal host).
 *
 * @example
 * return page(c, rows, 'networks', 'links')
 */
export function page(c: Context, rows: Row[], key: string, style: PageStyle, shape: (row: Row) => unknown = view): Record<string, unknown> {
  const query = c.req.query()
  const limit = query.limit === undefined ? rows.length : Number(query.limit)
  const start = query.marker === undefined ? 0 : rows.findIndex((row) => row.id === query.marker) + 1
  const batch = rows.slice(start, start + limit)
  const items = batch.map(shape)
  const last = batch.at(-1)
  const more = query.limit !== undefined && batch.length === limit && last !== undefined
  const url = new URL(c.req.url)
  const nextQuery = new URLSearchParams({ ...query, ...(last ? { marker: last.id } : {}) }).toString()
  if (style === 'glance') return { [key]: items, first: `/v2/${key}`, schema: `/v2/schemas/${key}`, ...(more ? { next: `/v2/${key}?${nextQuery}` } : {}) }
  if (style === 'designate') return { [key]: items, links: { self: url.href, ...(more ? { next: `http://dns.internal${url.pathname}?${nextQuery}` } : {}) }, metadata: { total_count: rows.length } }
  return { [key]: items, [`${key}_links`]: more ? [{ rel: 'next', href: `http://controller.internal:9999${url.pathname}?${nextQuery}` }] : [] }
}
