/**
 * The fake OpenStack's routes: Keystone, and version documents plus minimal lists of Nova,
 * Neutron, Glance, Cinder, Octavia, Swift, Designate and Placement. Every route is an
 * operation (named like the client's: `compute.flavors.list`) that faults can target.
 *
 * @module
 */
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { Hono } from 'hono'
import type { Context } from 'hono'
import { issueFakeToken, validToken } from './keystone.js'
import { registerFakeServices } from './services/index.js'
import { takeFault } from './state.js'
import type { FakeState } from './state.js'

type Json = unknown
type Respond = (c: Context) => Json | Response | Promise<Json | Response>

interface OperationOptions {
  /** Whether the route needs a valid X-Auth-Token; default true. */
  auth?: boolean
  status?: number
}

/**
 * Builds the Hono app serving `state`.
 *
 * @example
 * const app = fakeOpenStackApp(state)
 */
export function fakeOpenStackApp(state: FakeState): Hono {
  const app = new Hono({ strict: false })
  registerFakeServices(app, state)
  const op = (name: string, respond: Respond, options: OperationOptions = {}) => operation(state, name, respond, options)
  const versions = (list: Json[]) => ({ versions: list })

  app.get('/identity/v3', op('identity.version.get', () => ({ version: { id: 'v3.14', status: 'stable' } }), { auth: false }))
  app.post('/identity/v3/auth/tokens', op('identity.tokens.create', tokenRoute(state), { auth: false, status: 201 }))
  app.get('/identity/v3/auth/projects', op('identity.projects.list', () => ({ projects: [{ id: state.projectId, name: 'demo' }] })))

  app.get('/compute/v2.1', op('compute.version.get', () => ({ version: { id: 'v2.1', status: 'CURRENT', version: '2.93', min_version: '2.1' } }), { auth: false }))
  app.get('/compute/v2.1/flavors', op('compute.flavors.list', () => ({ flavors: [{ id: 'f1', name: 'SCS-1V-2' }] })))
  app.get('/compute/v2.1/servers', op('compute.servers.list', (c) => page(c, state, 'servers', 'links')))
  app.post('/compute/v2.1/servers', op('compute.servers.create', () => ({ server: { id: randomUUID() } }), { status: 202 }))

  app.get('/network', op('network.version.get', () => versions([{ id: 'v2.0', status: 'CURRENT' }]), { auth: false }))
  app.get('/network/v2.0/networks', op('network.networks.list', (c) => page(c, state, 'networks', 'links')))

  app.get('/image', op('image.version.get', () => versions([{ id: 'v2.16', status: 'CURRENT' }]), { auth: false, status: 300 }))
  app.get('/image/v2/images', op('image.images.list', (c) => page(c, state, 'images', 'next')))

  app.get('/volume/v3', op('block-storage.version.get', () => versions([{ id: 'v3.0', status: 'CURRENT', version: '3.70', min_version: '3.0' }]), { auth: false }))
  app.get('/volume/v3/:project/volumes', op('block-storage.volumes.list', () => ({ volumes: [] })))

  app.get('/load-balancer', op('load-balancer.version.get', () => versions([{ id: 'v2.27', status: 'CURRENT' }]), { auth: false }))
  app.get('/load-balancer/v2/lbaas/loadbalancers', op('load-balancer.loadbalancers.list', () => ({ loadbalancers: [] })))

  app.get('/info', op('object-store.version.get', () => ({ swift: { version: '2.30.0' } }), { auth: false }))
  app.get('/object-store/v1/:account', op('object-store.containers.list', () => [{ name: 'logs', count: 0, bytes: 0 }]))

  app.get('/dns', op('dns.version.get', () => versions([{ id: 'v2', status: 'CURRENT' }]), { auth: false }))
  app.get('/dns/v2/zones', op('dns.zones.list', (c) => page(c, state, 'zones', 'designate')))

  app.get('/placement', op('placement.version.get', () => versions([{ id: 'v1.0', status: 'CURRENT', max_version: '1.39', min_version: '1.0' }]), { auth: false }))
  return app
}

function operation(state: FakeState, name: string, respond: Respond, options: OperationOptions) {
  return async (c: Context): Promise<Response> => {
    const url = new URL(c.req.url)
    state.seen.push({ operation: name, method: c.req.method, path: url.pathname, microversion: c.req.header('openstack-api-version') ?? null, query: url.search })
    const fault = takeFault(state, name)
    if (fault?.latencyMs) await sleep(fault.latencyMs)
    if (fault?.hang) await new Promise(() => {})
    c.header('x-openstack-request-id', `req-${randomUUID()}`)
    if (options.auth !== false && !validToken(state, c.req.header('x-auth-token'))) {
      return c.json({ error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' } }, 401)
    }
    if (fault?.status) {
      if (fault.retryAfter !== undefined) c.header('retry-after', fault.retryAfter)
      return c.json({ error: { code: fault.status, message: fault.message ?? 'fake fault' } }, fault.status as 500)
    }
    if (fault?.garbage) return c.body('{"truncated": [', 200, { 'content-type': 'application/json' })
    if (fault?.missingFields) return c.json({}, 200)
    const body = await respond(c)
    return body instanceof Response ? body : c.json(body as object, (options.status ?? 200) as 200)
  }
}

function tokenRoute(state: FakeState): Respond {
  return async (c) => {
    const answer = issueFakeToken(state, await c.req.json().catch(() => null))
    if (!answer.ok) return c.json({ error: { code: answer.status, message: answer.message } }, answer.status as 401)
    c.header('x-subject-token', answer.token)
    return answer.body
  }
}

type PageStyle = 'links' | 'next' | 'designate'

function page(c: Context, state: FakeState, key: string, style: PageStyle): Json {
  const all = state.collections[key] ?? []
  const limit = Number(c.req.query('limit') ?? all.length) || all.length
  const marker = c.req.query('marker')
  const start = marker === undefined ? 0 : all.findIndex((item) => item.id === marker) + 1
  const batch = all.slice(start, start + limit)
  const more = start + limit < all.length && batch.length > 0
  const next = `?limit=${limit}&marker=${batch.at(-1)?.id ?? ''}`
  const path = new URL(c.req.url).pathname
  if (style === 'links') {
    // Real clouds often put an internal host into next links; the client must use only the query.
    return { [key]: batch, [`${key}_links`]: more ? [{ rel: 'next', href: `http://controller.internal:9999${path}${next}` }] : [] }
  }
  if (style === 'next') return { [key]: batch, ...(more ? { next: `${path.replace(/^\/image/, '')}${next}` } : {}) }
  return { [key]: batch, links: { self: path, ...(more ? { next: `http://dns.internal${path}${next}` } : {}) } }
}
