/**
 * Typed calls for every OpenStack API the health-monitor scenario uses: Nova, Neutron, Glance,
 * Cinder, Octavia, Swift, Designate and Keystone. Each function takes an iteration's session,
 * names its call by an operation template (`network.ports.update`, never an id) and a path
 * template (`/v2.0/ports/{port_id}`), and returns the answer validated by a Zod schema that is
 * strict about the fields the scenario reads and lets every other field through.
 *
 * @example
 * import { createNetwork, listNetworks } from '../openstack/services/index.js'
 * const [external] = await listNetworks(session, { 'router:external': true })
 * const network = await createNetwork(session, { name: 'glasshouse-1a2b-net' })
 *
 * @module
 */
export * from './compute.js'
export * from './compute-servers.js'
export * from './network.js'
export * from './network-ports.js'
export * from './network-security.js'
export * from './image.js'
export * from './block-storage.js'
export {
  createListener,
  createLoadBalancer,
  deleteListener,
  deleteLoadBalancer,
  getListener,
  getLoadBalancer,
  getLoadBalancerStatus,
  listLoadBalancers,
  ListenerSchema,
  LoadBalancerSchema,
  StatusTreeSchema,
} from './load-balancer.js'
export type { Listener, ListenerCreate, LoadBalancer, LoadBalancerCreate, StatusTree } from './load-balancer.js'
export * from './load-balancer-pools.js'
export * from './object-store.js'
export * from './dns.js'
export * from './identity.js'
export { versioned, ZoneInfoSchema } from './shared.js'
export type { DeleteOptions, Filters, ListOptions, ZoneInfo } from './shared.js'
