/**
 * The fake OpenStack's stateful services for the service modules' tests: Nova, Neutron, Glance,
 * Cinder, Octavia, Swift, Designate and Keystone projects, seeded like the local cloud
 * (`Ubuntu 24.04` with `min_disk` 5, diskless `SCS-1V-2`, external network `public`).
 *
 * @example
 * const fake = await startFakeOpenStack()
 * const cloud = fakeServices(fake.state)   // enables the routes below for this fake
 *
 * @module
 */
import type { Hono } from 'hono'
import type { FakeState } from '../state.js'
import { registerCompute } from './compute.js'
import { registerLoadBalancer } from './load-balancer.js'
import { registerNetwork } from './network.js'
import { registerStorage } from './storage.js'
import { enableServices, insert, table } from './store.js'
import type { FakeCloud } from './store.js'

export type { FakeCloud, Row } from './store.js'
export { table } from './store.js'

/**
 * Registers the stateful routes on the fake's app, ahead of its minimal ones; they answer only
 * once {@link fakeServices} enabled them for the fake.
 *
 * @example
 * registerFakeServices(app, state)
 */
export function registerFakeServices(app: Hono, state: FakeState): void {
  registerCompute(app, state)
  registerNetwork(app, state)
  registerStorage(app, state)
  registerLoadBalancer(app, state)
}

/**
 * Enables the stateful services of a fake (seeding them the first time) and returns its store.
 *
 * @example
 * const cloud = fakeServices(fake.state)
 */
export function fakeServices(state: FakeState): FakeCloud {
  return enableServices(state, seed)
}

function seed(cloud: FakeCloud): void {
  const flavor = (name: string, vcpus: number, ram: number, disk: number) => insert(cloud, 'flavors', { name, vcpus, ram, disk, 'OS-FLV-EXT-DATA:ephemeral': 0, 'os-flavor-access:is_public': true, swap: '' })
  flavor('SCS-1V-2', 1, 2048, 0)
  flavor('SCS-1L-1', 1, 1024, 0)
  flavor('SCS-1V-2-10', 1, 2048, 10)
  flavor('m1.tiny', 1, 512, 1)
  const image = (name: string, fields: Record<string, unknown>) => insert(cloud, 'images', { name, status: 'active', visibility: 'public', disk_format: 'qcow2', container_format: 'bare', min_ram: 0, protected: false, tags: [], ...fields })
  image('Ubuntu 24.04', { min_disk: 5, size: 196688, virtual_size: 5368709120, image_original_user: 'ubuntu', os_distro: 'ubuntu', os_version: '24.04' })
  image('cirros-fake', { min_disk: 0, size: 1048576, os_distro: 'cirros' })
  insert(cloud, 'security_groups', { name: 'default', description: 'Default security group', security_group_rules: [], tags: [] })
  const external = insert(cloud, 'networks', { name: 'public', status: 'ACTIVE', 'router:external': true, shared: false, subnets: [], availability_zone_hints: [], tags: [] })
  const pool = insert(cloud, 'subnets', { name: 'public-subnet', network_id: external.id, cidr: '203.0.113.0/24', ip_version: 4, gateway_ip: '203.0.113.1', dns_nameservers: [], tags: [] })
  ;(external.subnets as string[]).push(pool.id)
  for (const name of ['example.com.', 'example.org.']) insert(cloud, 'zones', { name, status: 'ACTIVE', email: 'hostmaster@example.com', ttl: 3600, serial: 1, pool_id: 'pool-1' })
  table(cloud, 'containers')
}
