/**
 * What a new simulated cloud holds before anyone calls it, like a small public cloud: SCS
 * flavors (diskless ones need boot from volume), an Ubuntu image with `min_disk` and
 * `image_original_user` and a small CirrOS, the project's default security group, the external
 * network `public` (203.0.113.0/24, TEST-NET-3) and two DNS zones.
 *
 * @module
 */

/** Adds one row of a kind (a table name such as `networks`) and returns it, live. */
export type AddRow = (kind: string, fields: Record<string, unknown>) => Record<string, unknown> & { id: string }

/** Fills a fresh simulated cloud. */
export type Seeder = (add: AddRow) => void

/**
 * The default contents of a simulated cloud.
 *
 * @example
 * startSimulatedCloud({ initial: (add) => { seedDefaultCloud(add); add('images', { name: 'extra' }) } })
 */
export function seedDefaultCloud(add: AddRow): void {
  const flavor = (name: string, vcpus: number, ram: number, disk: number) =>
    add('flavors', { name, vcpus, ram, disk, description: null, 'OS-FLV-EXT-DATA:ephemeral': 0, 'OS-FLV-DISABLED:disabled': false, 'os-flavor-access:is_public': true, swap: '', rxtx_factor: 1.0, extra_specs: { 'scs:name-v2': name } })
  flavor('SCS-1V-2', 1, 2048, 0)
  flavor('SCS-1L-1', 1, 1024, 0)
  flavor('SCS-1V-2-10', 1, 2048, 10)
  flavor('m1.tiny', 1, 512, 1)
  const image = (name: string, fields: Record<string, unknown>) =>
    add('images', { name, status: 'active', visibility: 'public', os_hidden: false, disk_format: 'qcow2', container_format: 'bare', min_ram: 0, protected: false, tags: [], owner: 'admin', checksum: null, os_hash_algo: 'sha512', ...fields })
  image('Ubuntu 24.04', { min_disk: 5, size: 196688, virtual_size: 5368709120, image_original_user: 'ubuntu', os_distro: 'ubuntu', os_version: '24.04', architecture: 'x86_64', hw_disk_bus: 'scsi' })
  image('cirros-0.6.2', { min_disk: 0, size: 1048576, virtual_size: 117440512, image_original_user: 'cirros', os_distro: 'cirros', os_version: '0.6.2' })
  add('security_groups', { name: 'default', description: 'Default security group', stateful: true, security_group_rules: [], tags: [] })
  const external = add('networks', { name: 'public', description: '', status: 'ACTIVE', admin_state_up: true, 'router:external': true, shared: false, mtu: 1500, subnets: [], availability_zone_hints: [], availability_zones: [], tags: [] })
  const pool = add('subnets', { name: 'public-subnet', network_id: external.id, cidr: '203.0.113.0/24', ip_version: 4, gateway_ip: '203.0.113.1', enable_dhcp: false, allocation_pools: [{ start: '203.0.113.2', end: '203.0.113.254' }], dns_nameservers: [], host_routes: [], tags: [] })
  ;(external.subnets as string[]).push(pool.id)
  for (const name of ['example.com.', 'example.org.']) add('zones', { name, status: 'ACTIVE', action: 'NONE', type: 'PRIMARY', email: 'hostmaster@example.com', ttl: 3600, serial: 1, version: 1, pool_id: 'pool-1', description: null, masters: [], attributes: {} })
}
