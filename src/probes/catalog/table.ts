/**
 * The catalog check's one cheap list call per service type, chosen so a member-role user may
 * make it (docs/catalog-check.md has the same table). A service without such a call
 * (placement: its lists are admin-only) gets only its version document.
 *
 * @module
 */
import { z } from 'zod'

/** One list call relative to a service's endpoint. */
export interface ListCall {
  operation: string
  /** Path and query relative to the versioned endpoint (`/flavors?limit=1`). */
  path: string
  /** The API version segment the path needs when the catalog endpoint lacks it (Neutron's is unversioned). */
  versionPrefix?: string
  /** The array the answer must hold (`flavors`), or null for a JSON array answer (Swift). */
  itemsKey: string | null
}

/** Official service type → its list call, or null for version document only. */
export const CATALOG_LIST_CALLS: Readonly<Record<string, ListCall | null>> = {
  compute: { operation: 'compute.flavors.list', path: '/flavors?limit=1', itemsKey: 'flavors' },
  network: { operation: 'network.networks.list', path: '/networks?limit=1', versionPrefix: 'v2.0', itemsKey: 'networks' },
  image: { operation: 'image.images.list', path: '/images?limit=1', versionPrefix: 'v2', itemsKey: 'images' },
  'block-storage': { operation: 'block-storage.volumes.list', path: '/volumes?limit=1', itemsKey: 'volumes' },
  'load-balancer': { operation: 'load-balancer.loadbalancers.list', path: '/lbaas/loadbalancers?limit=1', versionPrefix: 'v2', itemsKey: 'loadbalancers' },
  identity: { operation: 'identity.projects.list', path: '/auth/projects', versionPrefix: 'v3', itemsKey: 'projects' },
  'object-store': { operation: 'object-store.containers.list', path: '?limit=1&format=json', itemsKey: null },
  dns: { operation: 'dns.zones.list', path: '/zones?limit=1', versionPrefix: 'v2', itemsKey: 'zones' },
  placement: null,
  'key-manager': { operation: 'key-manager.secrets.list', path: '/secrets?limit=1', versionPrefix: 'v1', itemsKey: 'secrets' },
  orchestration: { operation: 'orchestration.stacks.list', path: '/stacks?limit=1', itemsKey: 'stacks' },
  'shared-file-system': { operation: 'shared-file-system.shares.list', path: '/shares?limit=1', itemsKey: 'shares' },
  baremetal: { operation: 'baremetal.nodes.list', path: '/nodes?limit=1', versionPrefix: 'v1', itemsKey: 'nodes' },
  'container-infrastructure-management': { operation: 'container-infrastructure-management.clusters.list', path: '/clusters?limit=1', versionPrefix: 'v1', itemsKey: 'clusters' },
  clustering: { operation: 'clustering.clusters.list', path: '/clusters?limit=1', versionPrefix: 'v1', itemsKey: 'clusters' },
  workflow: { operation: 'workflow.workflows.list', path: '/workflows?limit=1', versionPrefix: 'v2', itemsKey: 'workflows' },
  alarming: { operation: 'alarming.alarms.list', path: '/alarms?limit=1', versionPrefix: 'v2', itemsKey: null },
}

/**
 * The path template and query of a list call relative to a catalog endpoint: the version
 * segment is added when the endpoint lacks it.
 *
 * @example
 * listCallRequest('http://h:9696', CATALOG_LIST_CALLS.network!) // { pathTemplate: '/v2.0/networks', query: { limit: '1' } }
 */
export function listCallRequest(endpoint: string, call: Pick<ListCall, 'path' | 'versionPrefix'>): { pathTemplate: string; query: Record<string, string> } {
  const segments = new URL(endpoint).pathname.split('/')
  const prefix = call.versionPrefix !== undefined && !segments.includes(call.versionPrefix) ? `/${call.versionPrefix}` : ''
  const queryAt = call.path.indexOf('?')
  const path = queryAt < 0 ? call.path : call.path.slice(0, queryAt)
  const query = queryAt < 0 ? {} : Object.fromEntries(new URLSearchParams(call.path.slice(queryAt + 1)))
  return { pathTemplate: `${prefix}${path}`, query }
}

/**
 * The operation name of a configured URL: the service type and the path's words, versions and
 * the query left out (`/v2/lbaas/loadbalancers?limit=1` → `load-balancer.lbaas.loadbalancers.get`).
 *
 * @example
 * operationForPath('compute', '/servers?limit=1') // 'compute.servers.get'
 */
export function operationForPath(type: string, path: string): string {
  const words = (path.split('?')[0] ?? '')
    .split('/')
    .filter((segment) => segment !== '' && !/^v\d+(\.\d+)?$/.test(segment))
    .map((segment) => segment.replace(/[^A-Za-z0-9_-]/g, '_'))
  return `${type}.${words.length > 0 ? words.join('.') : 'root'}.get`
}

/**
 * The schema a list answer must satisfy: an object holding the items array, or a JSON array.
 *
 * @example
 * listSchema('flavors').safeParse({ flavors: [] }).success // true
 */
export function listSchema(itemsKey: string | null): z.ZodType<unknown> {
  // Swift answers an empty account with 204 and no body.
  if (itemsKey === null) return z.union([z.array(z.unknown()), z.record(z.string(), z.unknown())]).optional()
  return z.looseObject({ [itemsKey]: z.array(z.unknown()) })
}
