import assert from 'node:assert/strict'
import { gzipSync } from 'node:zlib'
import { createHash } from 'node:crypto'
import { after, before, beforeEach, describe, test } from 'node:test'
import type { OpenStackSession } from '../../../src/openstack/index.js'
import * as os from '../../../src/openstack/services/index.js'
import { startFakeOpenStack } from '../../fakes/openstack/index.js'
import type { FakeOpenStack } from '../../fakes/openstack/index.js'
import { fakeServices, table } from '../../fakes/openstack/services/index.js'
import type { FakeCloud } from '../../fakes/openstack/services/index.js'
import { fastClient } from '../support.js'
import { waitFor } from './support.js'

describe('service modules against the fake OpenStack: what the local cloud cannot show', { timeout: 60_000 }, () => {
  let fake: FakeOpenStack
  let cloud: FakeCloud
  let session: OpenStackSession
  let net: os.Network
  let subnet: os.Subnet
  let flavorId: string
  let imageId: string

  before(async () => {
    fake = await startFakeOpenStack()
    cloud = fakeServices(fake.state)
    session = fastClient(fake.cloud()).iteration({ signal: AbortSignal.timeout(55_000) })
    net = await os.createNetwork(session, { name: 'details-net' })
    subnet = await os.createSubnet(session, { network_id: net.id, cidr: '10.9.0.0/24', ip_version: 4 })
    flavorId = (await os.listFlavors(session)).find((flavor) => flavor.name === 'SCS-1V-2-10')?.id ?? ''
    imageId = (await os.listImages(session, { name: 'cirros-fake' }))[0]?.id ?? ''
  })
  after(async () => {
    await session.close()
    await fake.close()
  })
  beforeEach(() => {
    fake.clearFaults()
    cloud.settleMs = 30
  })
  const seen = (operation: string) => fake.requests(operation)

  test('lists walk every page in each service\'s style, keeping their filters', async () => {
    for (let index = 0; index < 5; index++) await os.createServer(session, { name: `page-${index}`, flavorRef: flavorId, imageRef: imageId })
    await os.createServer(session, { name: 'other', flavorRef: flavorId, imageRef: imageId })
    const servers = await os.listServers(session, { name: '^page-' }, { limit: 2 })
    assert.deepEqual(servers.map((server) => server.name).sort(), ['page-0', 'page-1', 'page-2', 'page-3', 'page-4'])
    const pages = seen('compute.servers.list').map((request) => new URLSearchParams(request.query))
    assert.equal(pages.length, 3)
    assert.ok(pages.every((query) => query.get('name') === '^page-' && query.get('limit') === '2'))
    assert.ok(pages.slice(1).every((query) => query.get('marker') !== null))
    assert.equal((await os.listImages(session, {}, { limit: 1 })).length, 2)
    assert.equal(seen('image.images.list').filter((request) => request.query.includes('marker=')).length, 2)
    assert.deepEqual((await os.listZones(session, {}, { limit: 1 })).map((zone) => zone.name), ['example.com.', 'example.org.'])
    await os.createVolume(session, { size: 1, name: 'a' })
    await os.createVolume(session, { size: 1, name: 'b' })
    assert.equal((await os.listVolumes(session, {}, { limit: 1 })).length, 2)
    assert.equal((await os.listNetworks(session, { 'router:external': false }, { limit: 1 })).length, 1)
    assert.match(seen('network.networks.list').at(-1)?.query ?? '', /router%3Aexternal=false/)
  })

  test('microversions only where a field needs them: keypair type 2.2, a volume type in a mapping 2.67', async () => {
    await os.createKeypair(session, { name: 'plain', public_key: 'ssh-ed25519 AAAA plain' })
    await os.createKeypair(session, { name: 'typed', public_key: 'ssh-ed25519 AAAA typed', type: 'ssh' })
    assert.deepEqual(seen('compute.keypairs.create').map((request) => request.microversion), [null, 'compute 2.2'])
    const mapping = { boot_index: 0, uuid: imageId, source_type: 'image', destination_type: 'volume', volume_size: 5, delete_on_termination: true } as const
    await os.createServer(session, { name: 'bfv', flavorRef: flavorId, block_device_mapping_v2: [mapping] })
    await os.createServer(session, { name: 'bfv-typed', flavorRef: flavorId, block_device_mapping_v2: [{ ...mapping, volume_type: 'ssd' }] })
    assert.deepEqual(seen('compute.servers.create').slice(-2).map((request) => request.microversion), [null, 'compute 2.67'])
    const generated = await os.createKeypair(session, { name: 'generated' })
    assert.match(generated.private_key ?? '', /PRIVATE KEY/)
    assert.deepEqual((await os.listKeypairs(session)).map((keypair) => keypair.name).sort(), ['generated', 'plain', 'typed'])
  })

  test('a server create sends user data base64-encoded and security groups by name', async () => {
    const created = await os.createServer(session, { name: 'ud', flavorRef: flavorId, imageRef: imageId, user_data: '#!/bin/sh\necho hi\n', security_groups: ['web'], networks: [{ uuid: net.id }] })
    assert.deepEqual(created.security_groups, [{ name: 'web' }])
    const stored = table(cloud, 'servers').get(created.id)
    assert.equal(Buffer.from(String(stored?._userData), 'base64').toString('utf8'), '#!/bin/sh\necho hi\n')
    const server = await waitFor('ACTIVE', () => os.getServer(session, created.id), (found) => found.status === 'ACTIVE', { timeoutMs: 5_000, intervalMs: 10 })
    assert.deepEqual(Object.keys(server.addresses), ['details-net'])
    assert.equal((await os.listPorts(session, { device_id: created.id }))[0]?.device_owner, 'compute:nova')
  })

  test('deletes tolerate a missing resource only when asked', async () => {
    assert.equal(await os.deleteServer(session, 'no-such-server', { missingOk: true }), false)
    const tolerated = session.calls.at(-1)
    assert.equal(tolerated?.status, 404)
    assert.equal(tolerated?.failure, null)
    await assert.rejects(os.deleteServer(session, 'no-such-server'), { code: 'not_found', operation: 'compute.servers.delete' })
    await assert.rejects(os.deleteVolume(session, 'no-such-volume'), { code: 'not_found' })
    assert.equal(await os.deleteKeypair(session, 'no-such-key', { missingOk: true }), false)
  })

  test('the fields the scenario needs are checked: a missing or mistyped one is malformed', async () => {
    fake.fault('compute.servers.get', { missingFields: true })
    await assert.rejects(os.getServer(session, 'any'), { code: 'malformed' })
    const row = table(cloud, 'networks').get(net.id)
    if (row) row.status = 7
    await assert.rejects(os.listNetworks(session, { name: 'details-net' }), (error: Error & { code?: string }) => error.code === 'malformed' && /status/.test(error.message))
    if (row) row.status = 'ACTIVE'
    const passthrough = await os.getNetwork(session, net.id)
    assert.equal(passthrough.mtu, 1450, 'fields the schema does not name are kept')
  })

  test('Octavia refuses a change while the load balancer is pending: conflict after one retry', async () => {
    cloud.settleMs = 10_000
    const lb = await os.createLoadBalancer(session, { vip_subnet_id: subnet.id, name: 'pending' })
    await assert.rejects(os.createPool(session, { loadbalancer_id: lb.id, protocol: 'HTTP', lb_algorithm: 'ROUND_ROBIN' }), { code: 'conflict', attempts: 2 })
    await assert.rejects(os.deleteLoadBalancer(session, lb.id, { cascade: true }), { code: 'conflict' })
    assert.equal((await os.getLoadBalancer(session, lb.id)).provisioning_status, 'PENDING_CREATE')
  })

  test('object store: containers created once, raw bytes uploaded with their type and ETag, the account listed by pages', async () => {
    assert.deepEqual(await os.listContainers(session), [], 'an empty account answers 204')
    await os.createContainer(session, 'glasshouse-logs')
    await os.createContainer(session, 'glasshouse-logs')
    assert.deepEqual(seen('object-store.containers.create').map((request) => request.path), [`/object-store/v1/AUTH_${fake.projectId}/glasshouse-logs`, `/object-store/v1/AUTH_${fake.projectId}/glasshouse-logs`])
    const log = gzipSync('step 1 ok\nstep 2 ok\n')
    const etag = await os.putObject(session, 'glasshouse-logs', 'runs/1a2b/log.gz', log, 'application/gzip')
    assert.equal(etag, createHash('md5').update(log).digest('hex'), 'the bytes arrived unchanged')
    const stored = table(cloud, 'objects').get('glasshouse-logs/runs/1a2b/log.gz')
    assert.equal(stored?.contentType, 'application/gzip')
    assert.equal(stored?.bytes, log.length)
    await os.createContainer(session, 'glasshouse-psv')
    const listed = await os.listContainers(session, { limit: 1 })
    assert.deepEqual(listed.map((container) => `${container.name}:${container.count}`), ['glasshouse-logs:1', 'glasshouse-psv:0'])
    await assert.rejects(os.putObject(session, 'missing', 'x.json', '{}', 'application/json'), { code: 'not_found' })
  })

  test('paths follow the catalog endpoint whether or not it names the API version', async () => {
    const versionedSession = fastClient(fake.cloud({ endpointOverrides: { network: `${fake.url}/network/v2.0` } })).iteration({ signal: AbortSignal.timeout(10_000) })
    try {
      assert.equal(await os.versioned(versionedSession, 'network', 'v2.0', '/networks'), '/networks')
      assert.ok((await os.listNetworks(versionedSession, { name: 'details-net' })).length === 1)
      assert.equal(versionedSession.calls.at(-1)?.urlTemplate, '/networks')
      assert.equal(await os.versioned(session, 'network', 'v2.0', '/networks'), '/v2.0/networks')
    } finally {
      await versionedSession.close()
    }
  })

  test('network details: availability-zone hints checked, ports filtered by subnet, floating IPs need a router', async () => {
    assert.deepEqual((await os.createNetwork(session, { name: 'hinted', availability_zone_hints: ['nova'] })).availability_zone_hints, ['nova'])
    await assert.rejects(os.createNetwork(session, { name: 'bad', availability_zone_hints: ['nope'] }), { code: 'not_found' })
    const port = await os.createPort(session, { network_id: net.id, name: 'vip', fixed_ips: [{ subnet_id: subnet.id }] })
    assert.ok((await os.listPorts(session, { fixed_ips: `subnet_id=${subnet.id}` })).some((found) => found.id === port.id))
    assert.match(seen('network.ports.list').at(-1)?.query ?? '', /fixed_ips=subnet_id%3D/)
    const [publicNet] = await os.listNetworks(session, { 'router:external': true })
    await assert.rejects(os.createFloatingIp(session, { floating_network_id: publicNet?.id ?? '', port_id: port.id }), { code: 'not_found' })
    assert.deepEqual((await os.listNetworkZones(session)).map((zone) => zone.resource), ['network', 'router'])
  })
})
