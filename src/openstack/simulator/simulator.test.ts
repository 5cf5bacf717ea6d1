import assert from 'node:assert/strict'
import { setTimeout as sleep } from 'node:timers/promises'
import { after, before, describe, test } from 'node:test'
import { systemClock } from '../../core/clock.js'
import { OpenStackClient } from '../client/index.js'
import type { OpenStackSession } from '../client/index.js'
import * as os from '../services/index.js'
import { isSimulatedCloud, REAL_CLOUD_PROFILE, startSimulatedCloud } from './index.js'
import type { SimulatedCloud } from './index.js'

/** A 30 s boot takes 0.3 s: long enough that a state read right after a create sees the first state. */
const FAST = 0.01
/** Server and load-balancer deletes that take 1000 simulated hours: ten hours of real time at FAST. */
const SLOW_DELETES = { ...REAL_CLOUD_PROFILE, transitions: { ...REAL_CLOUD_PROFILE.transitions, serverDelete: 3_600_000_000, loadBalancerDelete: 3_600_000_000 } }

function sessionOn(sim: SimulatedCloud): OpenStackSession {
  const client = new OpenStackClient({ cloud: sim.cloud, clock: systemClock, retry: { backoffMs: [10, 20], conflictDelayMs: 10, maxRetryAfterMs: 1_000 } })
  return client.iteration({ signal: AbortSignal.timeout(50_000) })
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let last: T | undefined
  for (let attempt = 0; attempt < 2_000; attempt++) {
    last = await read()
    if (done(last)) return last
    await sleep(5)
  }
  throw new Error(`condition not reached; last ${JSON.stringify(last).slice(0, 300)}`)
}

describe('the simulated cloud: lifecycles and deletions on a real cloud\'s profile, time-scaled', { timeout: 60_000 }, () => {
  let sim: SimulatedCloud
  let session: OpenStackSession
  let subnet: os.Subnet
  let net: os.Network
  let flavorId: string
  let imageId: string

  before(async () => {
    sim = await startSimulatedCloud({ profile: REAL_CLOUD_PROFILE, timeScale: FAST, seed: 3, zones: ['az1', 'az2'] })
    session = sessionOn(sim)
    net = await os.createNetwork(session, { name: 'sim-net', availability_zone_hints: ['az2'] })
    subnet = await os.createSubnet(session, { network_id: net.id, cidr: '10.1.0.0/24', ip_version: 4 })
    flavorId = (await os.listFlavors(session)).find((flavor) => flavor.disk === 0)?.id ?? ''
    imageId = (await os.listImages(session, { name: 'Ubuntu 24.04' }))[0]?.id ?? ''
  })
  after(async () => {
    await session.close()
    await sim.close()
  })

  test('the resolved cloud is marked simulated and names the simulator\'s zones', async () => {
    assert.equal(isSimulatedCloud(sim.cloud), true)
    assert.equal(isSimulatedCloud({ extra: {} }), false)
    assert.deepEqual((await os.listComputeZones(session)).map((zone) => zone.zoneName), ['az1', 'az2'])
    assert.deepEqual((await os.listVolumeZones(session)).map((zone) => zone.zoneName), ['az1', 'az2'])
    assert.deepEqual((await os.getNetwork(session, net.id)).availability_zone_hints, ['az2'])
  })

  test('a server booting from a block-device mapping goes BUILD → ACTIVE with its root volume and port', async () => {
    const mapping = { boot_index: 0, uuid: imageId, source_type: 'image', destination_type: 'volume', volume_size: 5, delete_on_termination: true } as const
    const created = await os.createServer(session, { name: 'sim-vm', flavorRef: flavorId, block_device_mapping_v2: [mapping], networks: [{ uuid: net.id }], metadata: { role: 'vm' }, availability_zone: 'az2' })
    assert.equal(sim.resources('servers').get(created.id)?.status, 'BUILD')
    const server = await until(() => os.getServer(session, created.id), (found) => found.status === 'ACTIVE')
    assert.equal(server['OS-EXT-AZ:availability_zone'], 'az2')
    assert.equal(server['OS-EXT-STS:task_state'], null)
    assert.deepEqual(server.metadata, { role: 'vm' })
    assert.deepEqual(Object.keys(server.addresses), ['sim-net'])
    const [root] = server['os-extended-volumes:volumes_attached'] ?? []
    assert.equal((await os.getVolume(session, root?.id ?? '')).status, 'in-use')
    assert.equal((await os.listPorts(session, { device_id: created.id }))[0]?.device_owner, 'compute:az2')
  })

  test('a volume goes creating → available; a load balancer PENDING_CREATE → ACTIVE, then takes its children', async () => {
    const volume = await os.createVolume(session, { size: 5, name: 'sim-vol', imageRef: imageId })
    assert.equal(volume.status, 'creating')
    await until(() => os.getVolume(session, volume.id), (found) => found.status === 'available')
    const lb = await os.createLoadBalancer(session, { vip_subnet_id: subnet.id, name: 'sim-lb' })
    assert.equal(lb.provisioning_status, 'PENDING_CREATE')
    await until(() => os.getLoadBalancer(session, lb.id), (found) => found.provisioning_status === 'ACTIVE')
    const listener = await os.createListener(session, { loadbalancer_id: lb.id, protocol: 'HTTP', protocol_port: 80 })
    await until(() => os.getLoadBalancer(session, lb.id), (found) => found.provisioning_status === 'ACTIVE')
    const pool = await os.createPool(session, { listener_id: listener.id, protocol: 'HTTP', lb_algorithm: 'ROUND_ROBIN' })
    await until(() => os.getLoadBalancer(session, lb.id), (found) => found.provisioning_status === 'ACTIVE')
    await os.createHealthMonitor(session, { pool_id: pool.id, type: 'HTTP', delay: 5, timeout: 3, max_retries: 2 })
    await until(() => os.getLoadBalancer(session, lb.id), (found) => found.provisioning_status === 'ACTIVE')
    await os.createMember(session, pool.id, { address: '10.1.0.50', protocol_port: 80, subnet_id: subnet.id })
    const status = await until(() => os.getLoadBalancerStatus(session, lb.id), (tree) => tree.loadbalancer.listeners[0]?.pools[0]?.members[0]?.provisioning_status === 'ACTIVE')
    assert.equal(status.loadbalancer.listeners[0]?.pools[0]?.members[0]?.operating_status, 'ONLINE', 'a monitored member is ONLINE')
  })

  test('deletions take their time: the resource stays (deleting) until the profile\'s delete time passed', async () => {
    const created = await os.createServer(session, { name: 'sim-doomed', flavorRef: flavorId, imageRef: imageId, networks: [{ uuid: net.id }] })
    await until(() => os.getServer(session, created.id), (found) => found.status === 'ACTIVE')
    sim.configure({ profile: SLOW_DELETES })
    await os.deleteServer(session, created.id)
    const deleting = await os.getServer(session, created.id)
    assert.equal(deleting['OS-EXT-STS:task_state'], 'deleting', 'an hour-long delete has not happened yet')
    assert.equal((await os.listPorts(session, { device_id: created.id })).length, 1)
    sim.configure({ profile: REAL_CLOUD_PROFILE })
    const volume = await os.createVolume(session, { size: 1, name: 'sim-doomed-vol' })
    await until(() => os.getVolume(session, volume.id), (found) => found.status === 'available')
    await os.deleteVolume(session, volume.id)
    await until(() => os.listVolumes(session, { name: 'sim-doomed-vol' }), (found) => found.length === 0)
    const [lb] = await os.listLoadBalancers(session, { name: 'sim-lb' })
    const slow = await os.createLoadBalancer(session, { vip_subnet_id: subnet.id, name: 'sim-slow-lb' })
    await until(() => os.getLoadBalancer(session, slow.id), (found) => found.provisioning_status === 'ACTIVE')
    sim.configure({ profile: SLOW_DELETES })
    await os.deleteLoadBalancer(session, slow.id)
    assert.equal((await os.getLoadBalancer(session, slow.id)).provisioning_status, 'PENDING_DELETE')
    await assert.rejects(os.createListener(session, { loadbalancer_id: slow.id, protocol: 'HTTP', protocol_port: 80 }), { code: 'conflict' })
    sim.configure({ profile: REAL_CLOUD_PROFILE })
    await os.deleteLoadBalancer(session, lb?.id ?? '', { cascade: true })
    await until(() => os.listLoadBalancers(session), (found) => found.every((one) => one.id === slow.id))
    assert.deepEqual((await os.listPorts(session, { device_owner: 'Octavia' })).map((port) => port.name), [`octavia-lb-${slow.id}`], 'the VIP port went with its load balancer')
    assert.equal(sim.resources('listeners').size + sim.resources('pools').size + sim.resources('members').size, 0)
  })

  test('a server delete releases its ports and delete-on-termination volumes once done', async () => {
    const [doomed] = await os.listServers(session, { name: '^sim-doomed$' })
    assert.ok(doomed, 'the slow delete is still under way')
    const vm = (await os.listServers(session, { name: '^sim-vm$' }))[0]
    await os.deleteServer(session, vm?.id ?? '')
    await until(() => os.listServers(session), (found) => !found.some((server) => server.name === 'sim-vm'))
    assert.ok(![...sim.resources('volumes').values()].some((volume) => volume.status === 'in-use'), 'the root volume was deleted on termination')
    assert.equal((await os.listPorts(session, { device_id: vm?.id ?? '' })).length, 0)
  })
})
