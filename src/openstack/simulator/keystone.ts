/**
 * The simulator's Keystone v3: `POST /v3/auth/tokens` for password, application-credential
 * and token auth, checked against the one user; tokens carry the catalog and expire after the
 * configured lifetime. Tokens are random (never from the seed): they are secrets.
 *
 * @module
 */
import { randomBytes } from 'node:crypto'
import type { Context, Hono } from 'hono'
import { fail, route } from './http.js'
import type { CatalogEntry, Sim } from './state.js'

type Json = Record<string, unknown>

/**
 * Registers Keystone's version document, token issuance and project list.
 *
 * @example
 * registerIdentity(app, sim)
 */
export function registerIdentity(app: Hono, sim: Sim): void {
  app.get('/identity/v3', route(sim, 'identity.version.get', () => ({ version: { id: 'v3.14', status: 'stable', updated: '2020-04-07T00:00:00Z', links: [{ rel: 'self', href: `${sim.baseUrl}/identity/v3/` }], 'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.identity-v3+json' }] } }), { auth: false }))
  app.post('/identity/v3/auth/tokens', route(sim, 'identity.tokens.create', (c) => tokenAnswer(c, sim), { auth: false, status: 201 }))
  app.get(
    '/identity/v3/auth/projects',
    route(sim, 'identity.projects.list', (c) => ({
      projects: [{ id: sim.identity.projectId, name: sim.identity.projectName, domain_id: 'default', enabled: true, is_domain: false, parent_id: 'default', description: '', tags: [], links: { self: `${sim.baseUrl}/identity/v3/projects/${sim.identity.projectId}` } }],
      links: { self: c.req.url, next: null, previous: null },
    })),
  )
}

/**
 * Whether an `X-Auth-Token` is one the simulator issued and has not expired or been revoked.
 *
 * @example
 * validToken(sim, c.req.header('x-auth-token'))
 */
export function validToken(sim: Sim, token: string | undefined): boolean {
  if (token === undefined) return false
  const found = sim.tokens.get(token)
  return found !== undefined && found.expiresAt > Date.now()
}

async function tokenAnswer(c: Context, sim: Sim): Promise<Json | Response> {
  const identity = ((await c.req.json().catch(() => null)) as { auth?: { identity?: Json } } | null)?.auth?.identity
  const methods = identity?.methods
  if (!identity || !Array.isArray(methods) || methods.length !== 1) return fail(c, 400, 'Expecting to find identity in auth')
  const method = String(methods[0])
  const accepted = method === 'password' ? passwordOk(sim, identity.password) : method === 'application_credential' ? appCredentialOk(sim, identity.application_credential) : method === 'token' ? tokenOk(sim, identity.token) : false
  if (!accepted) return fail(c, 401, 'The request you have made requires authentication.')
  const token = `gAAAAA${randomBytes(24).toString('base64url')}`
  const issuedAt = Date.now()
  const expiresAt = issuedAt + sim.tokenTtlMs
  const { projectId, projectName, userId, username } = sim.identity
  sim.tokens.set(token, { userId, projectId, expiresAt })
  c.header('x-subject-token', token)
  const catalog = simulatorCatalog(sim)
  return {
    token: {
      methods: [method],
      expires_at: new Date(expiresAt).toISOString(),
      issued_at: new Date(issuedAt).toISOString(),
      audit_ids: [randomBytes(16).toString('base64url')],
      user: { id: userId, name: username, domain: { id: 'default', name: 'Default' }, password_expires_at: null },
      project: { id: projectId, name: projectName, domain: { id: 'default', name: 'Default' } },
      is_domain: false,
      roles: [{ id: 'r1', name: 'member' }, { id: 'r2', name: 'reader' }],
      catalog: sim.hooks.catalog ? sim.hooks.catalog(catalog) : catalog,
    },
  }
}

/**
 * The catalog of the simulator's tokens: every service under a path prefix of its one server,
 * public interface, region `RegionOne`, with the aliases real clouds advertise (`volumev3` and
 * `block-storage` for one Cinder).
 *
 * @example
 * simulatorCatalog(sim).map((entry) => entry.type)
 */
export function simulatorCatalog(sim: Sim): CatalogEntry[] {
  const base = sim.baseUrl
  const entry = (type: string, name: string, path: string): CatalogEntry => ({
    type,
    name,
    id: `svc-${type}`,
    endpoints: [{ interface: 'public', region: 'RegionOne', region_id: 'RegionOne', url: `${base}${path}`, id: `ep-${type}-public` }],
  })
  const volume = `/volume/v3/${sim.identity.projectId}`
  return [
    entry('identity', 'keystone', '/identity/v3/'),
    entry('compute', 'nova', '/compute/v2.1'),
    entry('network', 'neutron', '/network'),
    entry('image', 'glance', '/image'),
    entry('volumev3', 'cinderv3', volume),
    entry('block-storage', 'cinder', volume),
    entry('load-balancer', 'octavia', '/load-balancer'),
    entry('object-store', 'swift', `/object-store/v1/AUTH_${sim.identity.projectId}`),
    entry('dns', 'designate', '/dns/'),
    entry('placement', 'placement', '/placement'),
  ]
}

function passwordOk(sim: Sim, password: unknown): boolean {
  const user = (password as { user?: Json } | undefined)?.user
  if (!user || user.password !== sim.identity.password) return false
  if (user.id !== undefined) return user.id === sim.identity.userId
  const domain = user.domain as Json | undefined
  return user.name === sim.identity.username && (domain?.name === 'Default' || domain?.id === 'default')
}

function appCredentialOk(sim: Sim, credential: unknown): boolean {
  const given = credential as Json | undefined
  const expected = sim.identity.applicationCredential
  if (!given || given.secret !== expected.secret) return false
  if (given.id !== undefined) return given.id === expected.id
  const user = given.user as Json | undefined
  return given.name === expected.name && (user?.id === sim.identity.userId || user?.name === sim.identity.username)
}

function tokenOk(sim: Sim, token: unknown): boolean {
  const id = (token as { id?: unknown } | undefined)?.id
  return typeof id === 'string' && validToken(sim, id)
}
