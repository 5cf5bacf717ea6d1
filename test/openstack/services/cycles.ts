/**
 * The create/read/delete cycles of every service module, registered once for the fake
 * OpenStack and once for the real local one: the same calls, the same assertions.
 *
 * @module
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import type { OpenStackSession } from '../../../src/openstack/index.js'
import * as os from '../../../src/openstack/services/index.js'
import { Cleanup, runPrefix, sshPublicKey, sweepLeftovers, waitFor } from './support.js'

/** What the cycles run against, ready once the suite's `before` ran. */
export interface CycleEnv {
  session: OpenStackSession
  /** Name prefix of this run (`glasshouse-test-<random>-`). */
  prefix: string
  /** The external network `public`. */
  publicNet: os.Network
  /** A network and subnet (10.250.0.0/24) made for the run. */
  net: os.Network
  subnet: os.Subnet
  /** Pause between polls (each poll is one list or get call). */
  pollMs: number
}

const gone = { missingOk: true }

/**
 * Registers, in the enclosing suite, a `before` that sweeps earlier runs' leftovers and makes
 * the run's network and subnet, the cycles, and an `after` that removes what `before` made.
 * `open` gives the session (and its poll pause); `close` ends whatever `open` started.
 *
 * @example
 * describe('…', () => cycleSuite(async () => ({ session, pollMs: 500 }), async () => session.close()))
 */
export function cycleSuite(open: () => Promise<{ session: OpenStackSession; pollMs: number }>, close: () => Promise<void>): void {
  let env: CycleEnv | undefined
  const base = new Cleanup()
  before(async () => {
    const { session, pollMs } = await open()
    await sweepLeftovers(session)
    const [publicNet] = await os.listNetworks(session, { 'router:external': true, name: 'public' })
    assert.ok(publicNet, 'external network public')
    const prefix = runPrefix()
    const net = await os.createNetwork(session, { name: `${prefix}net` })
    base.add('network', () => os.deleteNetwork(session, net.id, gone))
    const subnet = await os.createSubnet(session, { network_id: net.id, cidr: '10.250.0.0/24', ip_version: 4, name: `${prefix}subnet`, dns_nameservers: ['192.0.2.53'] })
    base.add('subnet', () => os.deleteSubnet(session, subnet.id, gone))
    env = { session, prefix, publicNet, net, subnet, pollMs }
  })
  after(async () => {
    try {
      await base.run()
    } finally {
      await close()
    }
  })
  serviceCycles(() => {
    assert.ok(env, 'the suite set up its network')
    return env
  })
}

/**
 * Registers the cycles as tests of the enclosing suite.
 *
 * @example
 * describe('…', () => { before(…); serviceCycles(() => env) })
 */
function serviceCycles(env: () => CycleEnv): void {
    test('discovery: zones, flavors, images, external network, projects', async () => {
      const { session, publicNet } = env()
      assert.deepEqual((await os.listComputeZones(session)).map((zone) => zone.zoneName), ['nova'])
      assert.deepEqual((await os.listVolumeZones(session)).map((zone) => zone.zoneName), ['nova'])
      assert.ok(Array.isArray(await os.listNetworkZones(session)))
      const flavors = await os.listFlavors(session, {}, { limit: 2 })
      const scs = flavors.find((flavor) => flavor.name === 'SCS-1V-2')
      assert.equal(scs?.disk, 0)
      assert.equal((await os.getFlavor(session, scs.id)).name, 'SCS-1V-2')
      assert.ok(session.calls.filter((call) => call.operation === 'compute.flavors.list').length >= 2, 'paged with limit 2')
      const [image] = await os.listImages(session, { name: 'Ubuntu 24.04' })
      assert.ok(image)
      const detail = await os.getImage(session, image.id)
      assert.equal(detail.min_disk, 5)
      assert.equal(detail.image_original_user, 'ubuntu')
      assert.ok((detail.size ?? 0) > 0)
      assert.deepEqual((await os.listImages(session, { os_distro: 'ubuntu' })).map((found) => found.id), [image.id])
      assert.equal(publicNet['router:external'], true)
      assert.deepEqual((await os.listAuthProjects(session)).map((project) => project.name), ['demo'])
      assert.ok(Array.isArray(await os.listLoadBalancers(session)))
    })

    test('network: router with gateway, routes and interface; security group; port; floating IP; tags', async () => {
      const { session, prefix, publicNet, net, subnet } = env()
      const cleanup = new Cleanup()
      try {
        const router = await os.createRouter(session, { name: `${prefix}router`, external_gateway_info: { network_id: publicNet.id } })
        cleanup.add('router', () => os.deleteRouter(session, router.id, gone))
        assert.equal((await os.getRouter(session, router.id)).external_gateway_info?.network_id, publicNet.id)
        const attached = await os.addRouterInterface(session, router.id, subnet.id)
        cleanup.add('interface', () => os.removeRouterInterface(session, router.id, subnet.id))
        const [routerPort] = await os.listPorts(session, { device_id: router.id, device_owner: 'network:router_interface' })
        assert.equal(routerPort?.id, attached.port_id)
        const routed = await os.updateRouter(session, router.id, { routes: [{ destination: '192.0.2.0/24', nexthop: '10.250.0.10' }] })
        assert.deepEqual(routed.routes.map((route) => route.destination), ['192.0.2.0/24'])
        assert.deepEqual((await os.updateRouter(session, router.id, { routes: [] })).routes, [])

        const group = await os.createSecurityGroup(session, { name: `${prefix}sg`, description: 'glasshouse test' })
        cleanup.add('security group', () => os.deleteSecurityGroup(session, group.id, gone))
        const ssh = await os.createSecurityGroupRule(session, { security_group_id: group.id, direction: 'ingress', ethertype: 'IPv4', protocol: 'tcp', port_range_min: 22, port_range_max: 22, remote_ip_prefix: '0.0.0.0/0' })
        await os.createSecurityGroupRule(session, { security_group_id: group.id, direction: 'ingress', ethertype: 'IPv6', remote_group_id: group.id })
        const rules = await os.listSecurityGroupRules(session, { security_group_id: group.id, direction: 'ingress' })
        assert.deepEqual(rules.map((rule) => rule.id).sort(), [ssh.id, rules.find((rule) => rule.remote_group_id === group.id)?.id].sort())
        assert.equal((await os.getSecurityGroup(session, group.id)).security_group_rules.length, 4, 'two egress defaults plus two')
        assert.equal(await os.deleteSecurityGroupRule(session, ssh.id), true)

        const port = await os.createPort(session, { network_id: net.id, name: `${prefix}port`, security_groups: [group.id], fixed_ips: [{ subnet_id: subnet.id }] })
        cleanup.add('port', () => os.deletePort(session, port.id, gone))
        const paired = await os.updatePort(session, port.id, { allowed_address_pairs: [{ ip_address: '10.250.0.200' }] })
        assert.deepEqual(paired.allowed_address_pairs.map((pair) => pair.ip_address), ['10.250.0.200'])
        const onSubnet = await os.listPorts(session, { fixed_ips: `subnet_id=${subnet.id}` })
        assert.ok(onSubnet.some((found) => found.id === port.id))
        assert.equal((await os.getPort(session, port.id)).fixed_ips[0]?.subnet_id, subnet.id)

        const ip = await os.createFloatingIp(session, { floating_network_id: publicNet.id, port_id: port.id, description: `${prefix}fip` })
        cleanup.add('floating ip', () => os.deleteFloatingIp(session, ip.id, gone))
        assert.equal(ip.port_id, port.id)
        assert.match(ip.floating_ip_address, /^203\.0\.113\./)
        assert.deepEqual((await os.listFloatingIps(session, { port_id: port.id })).map((found) => found.id), [ip.id])
        assert.equal((await os.updateFloatingIp(session, ip.id, { port_id: null })).port_id, null)

        assert.deepEqual(await os.setTags(session, 'networks', net.id, [`${prefix}tag`]), [`${prefix}tag`])
        assert.deepEqual((await os.listNetworks(session, { tags: `${prefix}tag` })).map((found) => found.id), [net.id])
        assert.equal(await os.deleteFloatingIp(session, ip.id), true)
        assert.equal(await os.deleteFloatingIp(session, ip.id, gone), false, 'already gone, as asked')
        await assert.rejects(os.deleteFloatingIp(session, ip.id), { code: 'not_found' })
      } finally {
        await cleanup.run()
      }
    })

    test('keypair: create with type (microversion 2.2), list, delete', async () => {
      const { session, prefix } = env()
      const name = `${prefix}key`
      try {
        const keypair = await os.createKeypair(session, { name, public_key: sshPublicKey(), type: 'ssh' })
        assert.equal(keypair.type, 'ssh')
        assert.match(keypair.fingerprint, /:/)
        assert.ok((await os.listKeypairs(session)).some((found) => found.name === name))
        assert.equal(await os.deleteKeypair(session, name), true)
      } finally {
        await os.deleteKeypair(session, name, gone)
      }
    })

    test('volume from image: create, poll the detail list, rename, delete', async () => {
      const { session, prefix, pollMs } = env()
      const [image] = (await os.listImages(session, { name: 'Ubuntu 24.04' })) as [os.Image]
      const volume = await os.createVolume(session, { size: 5, imageRef: image.id, name: `${prefix}vol`, availability_zone: 'nova' })
      try {
        const ready = await waitFor('volume available', () => os.listVolumes(session, { name: `${prefix}vol` }), (all) => all[0]?.status === 'available' || all[0]?.status === 'error', { timeoutMs: 60_000, intervalMs: pollMs })
        assert.equal(ready[0]?.status, 'available')
        assert.equal(ready[0]?.bootable, 'true')
        assert.equal((await os.updateVolume(session, volume.id, { name: `${prefix}vol2` })).name, `${prefix}vol2`)
        assert.equal((await os.getVolume(session, volume.id)).size, 5)
        assert.equal(await os.deleteVolume(session, volume.id), true)
        await waitFor('volume gone', () => os.listVolumes(session, { name: `${prefix}vol2` }), (all) => all.length === 0, { timeoutMs: 60_000, intervalMs: pollMs })
      } finally {
        await os.deleteVolume(session, volume.id, gone).catch(() => undefined)
      }
    })

    test('server: boot from volume, poll, metadata, console, interface attach and detach, delete', async () => {
      const { session, prefix, net, pollMs } = env()
      const [image] = (await os.listImages(session, { name: 'Ubuntu 24.04' })) as [os.Image]
      const [flavor] = (await os.listFlavors(session)).filter((found) => found.name === 'SCS-1V-2') as [os.Flavor]
      const cleanup = new Cleanup()
      try {
        const extra = await os.createPort(session, { network_id: net.id, name: `${prefix}nic2` })
        cleanup.add('extra port', () => os.deletePort(session, extra.id, gone))
        const created = await os.createServer(session, {
          name: `${prefix}vm`,
          flavorRef: flavor.id,
          block_device_mapping_v2: [{ boot_index: 0, uuid: image.id, source_type: 'image', destination_type: 'volume', volume_size: 5, delete_on_termination: true }],
          networks: [{ uuid: net.id }],
          user_data: '#cloud-config\n',
          metadata: { purpose: 'glasshouse-test' },
        })
        cleanup.add('server', () => os.deleteServer(session, created.id, gone))
        const [active] = await waitFor('server ACTIVE', () => os.listServers(session, { name: `^${prefix}vm$` }), (all) => all[0]?.status === 'ACTIVE' || all[0]?.status === 'ERROR', { timeoutMs: 60_000, intervalMs: pollMs })
        assert.equal(active?.status, 'ACTIVE', JSON.stringify(active?.fault))
        const server = await os.getServer(session, created.id)
        assert.equal(server.image, '')
        const [root] = server['os-extended-volumes:volumes_attached'] ?? []
        assert.ok(root)
        assert.deepEqual(await os.updateServerMetadata(session, created.id, { checked: 'yes' }), { purpose: 'glasshouse-test', checked: 'yes' })
        assert.equal(typeof (await os.getConsoleOutput(session, created.id, 10)), 'string')
        const attachment = await os.attachInterface(session, created.id, { port_id: extra.id })
        assert.equal(attachment.port_id, extra.id)
        assert.ok((await os.listInterfaces(session, created.id)).some((found) => found.port_id === extra.id))
        assert.equal(await os.detachInterface(session, created.id, extra.id), true)
        assert.equal(await os.deleteServer(session, created.id), true)
        await waitFor('server gone', () => os.listServers(session, { name: `^${prefix}vm$` }), (all) => all.length === 0, { timeoutMs: 60_000, intervalMs: pollMs })
        await waitFor('root volume deleted on termination', () => os.listVolumes(session), (all) => !all.some((volume) => volume.id === root.id), { timeoutMs: 60_000, intervalMs: pollMs })
      } finally {
        await cleanup.run()
      }
    })

    test('load balancer: ACTIVE, then pool, listener, health monitor, member, cascade delete', async () => {
      const { session, prefix, subnet, pollMs } = env()
      const lb = await os.createLoadBalancer(session, { vip_subnet_id: subnet.id, name: `${prefix}lb` })
      const whenActive = () => waitFor('load balancer ACTIVE', () => os.getLoadBalancer(session, lb.id), (found) => found.provisioning_status === 'ACTIVE' || found.provisioning_status === 'ERROR', { timeoutMs: 90_000, intervalMs: pollMs * 2 })
      try {
        assert.equal((await whenActive()).provisioning_status, 'ACTIVE')
        const pool = await os.createPool(session, { loadbalancer_id: lb.id, protocol: 'HTTP', lb_algorithm: 'ROUND_ROBIN', name: `${prefix}pool` })
        await whenActive()
        const listener = await os.createListener(session, { loadbalancer_id: lb.id, protocol: 'HTTP', protocol_port: 80, default_pool_id: pool.id, name: `${prefix}listener` })
        await whenActive()
        const monitor = await os.createHealthMonitor(session, { pool_id: pool.id, type: 'HTTP', delay: 3, timeout: 2, max_retries: 1, max_retries_down: 1, url_path: '/' })
        await whenActive()
        const member = await os.createMember(session, pool.id, { address: '10.250.0.11', protocol_port: 80, subnet_id: subnet.id })
        const active = await whenActive()
        assert.ok(active.vip_port_id)
        assert.deepEqual((await os.listMembers(session, pool.id)).map((found) => found.id), [member.id])
        assert.equal((await os.getPool(session, pool.id)).healthmonitor_id, monitor.id)
        assert.equal((await os.getListener(session, listener.id)).default_pool_id, pool.id)
        const tree = await os.getLoadBalancerStatus(session, lb.id)
        assert.equal(tree.loadbalancer.listeners[0]?.pools[0]?.members[0]?.id, member.id)
        assert.equal(await os.deleteMember(session, pool.id, member.id), true)
        await whenActive()
        assert.equal(await os.deleteLoadBalancer(session, lb.id, { cascade: true }), true)
        await waitFor('load balancer gone', () => os.listLoadBalancers(session, { name: `${prefix}lb` }), (all) => all.length === 0, { timeoutMs: 90_000, intervalMs: pollMs * 2 })
      } finally {
        await os.deleteLoadBalancer(session, lb.id, { cascade: true, ...gone }).catch(() => undefined)
      }
    })

  test('every call is named by templates, has a request id, and only the deliberate 404 failed', () => {
    const { session } = env()
    const uuid = /[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}/
    for (const call of session.calls) {
      assert.match(call.operation, /^[a-z-]+(\.[a-z_]+)+$/, call.operation)
      assert.doesNotMatch(call.urlTemplate, uuid, call.urlTemplate)
      assert.ok(call.requestId, `${call.operation} has a request id`)
    }
    const failed = session.calls.filter((call) => call.failure !== null).map((call) => `${call.operation} ${call.status}`)
    assert.deepEqual(failed, ['network.floatingips.delete 404'])
  })
}
