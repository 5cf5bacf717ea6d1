/**
 * The version documents of every simulated service (no token needed), with the microversion
 * ranges the client negotiates from: Nova 2.1–2.93, Cinder 3.0–3.70, Placement 1.0–1.39.
 *
 * @module
 */
import type { Hono } from 'hono'
import { route } from './http.js'
import type { Sim } from './state.js'

/**
 * Registers the version documents.
 *
 * @example
 * registerVersions(app, sim)
 */
export function registerVersions(app: Hono, sim: Sim): void {
  const link = (path: string) => [{ rel: 'self', href: `${sim.baseUrl}${path}` }]
  const versions = (path: string, list: Array<Record<string, unknown>>) => ({ versions: list.map((version) => ({ links: link(path), ...version })) })
  const open = { auth: false }
  app.get('/compute/v2.1', route(sim, 'compute.version.get', () => ({ version: { id: 'v2.1', status: 'CURRENT', version: '2.93', min_version: '2.1', updated: '2013-07-23T11:33:21Z', links: link('/compute/v2.1/') } }), open))
  app.get('/network', route(sim, 'network.version.get', () => versions('/network/v2.0/', [{ id: 'v2.0', status: 'CURRENT' }]), open))
  app.get('/image', route(sim, 'image.version.get', () => versions('/image/v2/', [{ id: 'v2.16', status: 'CURRENT' }]), { auth: false, status: 300 }))
  app.get('/volume/v3', route(sim, 'block-storage.version.get', () => versions('/volume/v3/', [{ id: 'v3.0', status: 'CURRENT', version: '3.70', min_version: '3.0', updated: '2023-08-31T00:00:00Z' }]), open))
  app.get('/load-balancer', route(sim, 'load-balancer.version.get', () => versions('/load-balancer/v2', [{ id: 'v2.27', status: 'CURRENT', updated: '2023-05-11T00:00:00Z' }]), open))
  app.get('/info', route(sim, 'object-store.version.get', () => ({ swift: { version: '2.30.0', max_file_size: 5368709122, account_listing_limit: 10000, container_listing_limit: 10000 } }), open))
  app.get('/dns', route(sim, 'dns.version.get', () => versions('/dns/v2', [{ id: 'v2', status: 'CURRENT' }]), open))
  app.get('/placement', route(sim, 'placement.version.get', () => versions('/placement/', [{ id: 'v1.0', status: 'CURRENT', max_version: '1.39', min_version: '1.0' }]), open))
}
