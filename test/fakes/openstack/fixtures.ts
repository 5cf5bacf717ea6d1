/**
 * The fake's fixture mode (before `fakeServices`): Keystone, the version documents and one
 * list per service, filled with stable items (`server-0000`, …) for the client's pagination
 * and catalog tests; and the catalog additions real clouds show (internal endpoints, a second
 * region, the `volumev2` alias) so endpoint selection is tested.
 *
 * @module
 */
import type { CatalogEntry, Seeder } from '../../../src/openstack/simulator/index.js'

const ROUTES = [
  'GET /identity/v3',
  'POST /identity/v3/auth/tokens',
  'GET /identity/v3/auth/projects',
  'GET /compute/v2.1',
  'GET /compute/v2.1/flavors',
  'GET /compute/v2.1/servers',
  'POST /compute/v2.1/servers',
  'GET /network',
  'GET /network/v2.0/networks',
  'GET /image',
  'GET /image/v2/images',
  'GET /volume/v3',
  'GET /volume/v3/[^/]+/volumes',
  'GET /load-balancer',
  'GET /load-balancer/v2/lbaas/loadbalancers',
  'GET /info',
  'GET /object-store/v1/[^/]+',
  'GET /dns',
  'GET /dns/v2/zones',
  'GET /placement',
].map((route) => new RegExp(`^${route}$`))

/**
 * Whether fixture mode answers `method` on `path`.
 *
 * @example
 * fixtureRoute('GET', '/compute/v2.1/flavors/detail') // false
 */
export function fixtureRoute(method: string, path: string): boolean {
  const line = `${method} ${path.replace(/\/+$/, '')}`
  return ROUTES.some((route) => route.test(line))
}

/**
 * Fills the simulator with the fixture collections: flavor `f1`, and `<kind>-NNNN` items.
 *
 * @example
 * startSimulatedCloud({ initial: fixtureSeed(collections) })
 */
export function fixtureSeed(collections: Record<string, Array<{ id: string; name: string }>>): Seeder {
  const extra: Record<string, Record<string, unknown>> = {
    servers: { status: 'ACTIVE', addresses: {}, metadata: {} },
    networks: { status: 'ACTIVE', 'router:external': false, subnets: [], tags: [] },
    images: { status: 'active', visibility: 'public', min_disk: 0, tags: [] },
    zones: { status: 'ACTIVE', email: 'hostmaster@example.com', ttl: 3600 },
  }
  return (add) => {
    add('flavors', { id: 'f1', name: 'SCS-1V-2', vcpus: 1, ram: 2048, disk: 0 })
    add('containers', { id: 'logs' })
    for (const [kind, list] of Object.entries(collections)) for (const item of list) add(kind, { ...extra[kind], ...item })
  }
}

/**
 * The fake's catalog: the simulator's plus internal endpoints, RegionTwo's compute and `volumev2`.
 *
 * @example
 * startSimulatedCloud({ hooks: { catalog: fixtureCatalog } })
 */
export function fixtureCatalog(entries: CatalogEntry[]): CatalogEntry[] {
  const withInternal = entries.map((entry) => {
    const publicUrl = entry.endpoints[0]?.url ?? ''
    const { origin } = new URL(publicUrl)
    const internal = { interface: 'internal', region: 'RegionOne', region_id: 'RegionOne', url: publicUrl.replace(origin, `${origin}/internal`), id: `ep-${entry.type}-internal` }
    const second = entry.type === 'compute' ? [{ interface: 'public', region: 'RegionTwo', region_id: 'RegionTwo', url: publicUrl.replace(origin, `${origin}/region-two`), id: 'ep-compute-r2' }] : []
    return { ...entry, endpoints: [...entry.endpoints, internal, ...second] }
  })
  const volume = withInternal.find((entry) => entry.type === 'volumev3')
  const at = withInternal.findIndex((entry) => entry.type === 'volumev3')
  if (volume) withInternal.splice(at, 0, { ...volume, type: 'volumev2', name: 'cinderv2', id: 'svc-volumev2' })
  return withInternal
}
