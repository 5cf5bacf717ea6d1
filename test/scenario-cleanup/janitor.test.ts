import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createFloatingIp, createKeypair, createNetwork, createPort, createSubnet, createVolume, listNetworks, setTags } from '../../src/openstack/index.js'
import type { PortCreate } from '../../src/openstack/index.js'
import { assertOwnerId, cleanupLeftovers, defaultOwner, isOwnersPrefix, leakedFailure, ownerPrefix, ownerTag, runPrefix } from '../../src/scenario/cleanup/index.js'
import { tempStore } from '../support/temp-store.js'
import { CrashSwitch, miniRun } from './mini-run.js'
import { FAST, testCloud } from './support.js'
import type { TestCloud } from './support.js'

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDx2Tm9uZQmNz9kCq3hJ0Vb0dYbWq3nS2a2Y6ytJvNq4 test'

describe('owner ids and prefixes', () => {
  test("no owner's prefix is the start of another's", () => {
    assert.equal(ownerPrefix('mon1'), 'gh-mon1-')
    assert.equal(runPrefix('mon1', 'k3x9'), 'gh-mon1-k3x9-')
    assert.equal(ownerTag('mon1'), 'glasshouse-owner-mon1')
    assert.ok(!ownerPrefix('mon10').startsWith(ownerPrefix('mon1')))
    for (const bad of ['', 'Mon1', 'mon-1', 'mon_1', 'a'.repeat(25)]) assert.throws(() => assertOwnerId(bad), /lowercase letters and digits/)
    assert.throws(() => runPrefix('mon1', 'x-1'), /run tag/)
    assert.equal(ownerPrefix('mon1', 'APIMonitor'), 'APIMonitor-mon1-')
    assert.ok(isOwnersPrefix('APIMonitor-mon1-k3-', 'mon1') && isOwnersPrefix('gh-mon1-', 'mon1'))
    assert.ok(!isOwnersPrefix('gh-', 'mon1') && !isOwnersPrefix('gh-mon10-', 'mon1') && !isOwnersPrefix('gh-x-mon1-', 'mon1'))
  })

  test('the default owner comes from GLASSHOUSE_OWNER, else the host name', () => {
    assert.equal(defaultOwner({ GLASSHOUSE_OWNER: 'mon7' }, 'host'), 'mon7')
    assert.equal(defaultOwner({}, 'Monitor-01.example.org'), 'monitor01exampleorg')
    assert.equal(defaultOwner({}, '---'), 'local')
  })
})

describe('the janitor (simulated cloud)', () => {
  let cloud: TestCloud
  before(async () => {
    cloud = await testCloud()
  })
  after(() => cloud.close())

  test('finds what escaped the ledger (prefix, tag, FIP description, Octavia ports on our networks) and nothing of anyone else', async () => {
    const { store, dispose } = await tempStore()
    try {
      const session = cloud.session()
      const scope = { owner: 'mon1', runId: 'r1', cloud: 'sim', region: 'RegionOne', project: 'demo', prefix: runPrefix('mon1', 'r1') }
      await miniRun({ session, loadBalancer: false, server: false }, store.ledger, scope, new CrashSwitch(), false)
      const [ours] = await listNetworks(session, { name: 'gh-mon1-r1-NET' })
      const [external] = await listNetworks(session, { 'router:external': true })
      const stray = await createNetwork(session, { name: 'gh-mon1-stray-NET' })
      await createSubnet(session, { network_id: stray.id, name: 'gh-mon1-stray-SUBNET', cidr: '10.9.0.0/24', ip_version: 4 })
      await createPort(session, { network_id: ours!.id, name: 'octavia-lb-vrrp-0001', device_owner: 'Octavia' } as PortCreate)
      await createFloatingIp(session, { floating_network_id: external!.id, description: 'gh-mon1-stray-FIP' })
      await createKeypair(session, { name: 'gh-mon1-stray-KEY', public_key: KEY })
      await createVolume(session, { size: 1, name: 'gh-mon1-stray-VOL' })
      const tagged = await createNetwork(session, { name: 'tagged-by-mon1' })
      await setTags(session, 'networks', tagged.id, [ownerTag('mon1')])
      const foreign = await createNetwork(session, { name: 'customer-net' })
      await createPort(session, { network_id: foreign.id, name: 'octavia-lb-vrrp-0002', device_owner: 'Octavia' } as PortCreate)
      await createNetwork(session, { name: 'gh-mon10-x-NET' })
      await createNetwork(session, { name: 'gh-mon2-stray-NET' })
      await createKeypair(session, { name: 'gh-mon2-KEY', public_key: KEY })
      const before = cloud.extra()
      const rows = (await store.ledger.leftovers('sim', { owner: 'mon1' })).length

      const dry = await cleanupLeftovers({ store, session, cloud: 'sim', owner: 'mon1', dryRun: true, ...FAST })
      assert.deepEqual(cloud.extra(), before, 'a dry run deletes nothing')
      assert.ok(dry.remaining > 0 && dry.items.every((item) => item.outcome === 'found' || item.outcome === 'absent'))
      assert.equal((await store.ledger.leftovers('sim', { owner: 'mon1' })).length, rows, 'a dry run writes nothing')

      const report = await cleanupLeftovers({ store, session, cloud: 'sim', owner: 'mon1', ...FAST })
      const janitor = report.items.filter((item) => item.source === 'janitor').map((item) => `${item.kind} ${item.name} ${item.outcome}`)
      assert.deepEqual(janitor.sort(), [
        'floatingip gh-mon1-stray-FIP deleted',
        'keypair gh-mon1-stray-KEY deleted',
        'network gh-mon1-stray-NET deleted',
        'network tagged-by-mon1 deleted',
        'port octavia-lb-vrrp-0001 deleted',
        'subnet gh-mon1-stray-SUBNET deleted',
        'volume gh-mon1-stray-VOL deleted',
      ])
      assert.equal(report.remaining, 0)
      assert.equal(report.leaked, true)
      const failure = leakedFailure(report)
      assert.equal(failure?.code, 'leaked')
      assert.match(failure!.message, /^\d+ leftovers of gh-mon1- found: .*\(ledger\)/)
      assert.deepEqual(cloud.extra().sort(), ['keypairs: gh-mon2-KEY', 'networks: customer-net', 'networks: gh-mon10-x-NET', 'networks: gh-mon2-stray-NET', 'ports: octavia-lb-vrrp-0002'])
      assert.deepEqual(await store.ledger.leftovers('sim', { owner: 'mon1' }), [])

      const again = await cleanupLeftovers({ store, session, cloud: 'sim', owner: 'mon1', ...FAST })
      assert.deepEqual([again.found, again.remaining, again.leaked, leakedFailure(again)], [0, 0, false, null])
    } finally {
      await dispose()
    }
  })

  test('without the janitor only ledger rows go; rows of another region or run are left alone', async () => {
    cloud.reset()
    const { store, dispose } = await tempStore()
    try {
      const session = cloud.session()
      await createKeypair(session, { name: 'gh-mon1-stray-KEY', public_key: KEY })
      const mine = await store.ledger.intent({ owner: 'mon1', runId: 'r2', cloud: 'sim', region: 'RegionOne', project: 'demo', kind: 'keypair', name: 'gh-mon1-r2-KEY', prefix: 'gh-mon1-r2-' }, 1)
      await createKeypair(session, { name: 'gh-mon1-r2-KEY', public_key: KEY })
      await store.ledger.intent({ owner: 'mon1', runId: 'r3', cloud: 'sim', region: 'RegionTwo', project: 'demo', kind: 'keypair', name: 'gh-mon1-r3-KEY', prefix: 'gh-mon1-r3-' }, 2)
      await store.ledger.intent({ owner: 'mon1', runId: 'live', cloud: 'sim', region: 'RegionOne', project: 'demo', kind: 'network', name: 'gh-mon1-live-NET', prefix: 'gh-mon1-live-' }, 3)
      await store.ledger.intent({ owner: 'mon1', runId: 'r4', cloud: 'sim', region: '', project: 'demo', kind: 'dns-zone', name: 'gh-mon1-r4-ZONE', prefix: 'gh-mon1-r4-' }, 4)
      const report = await cleanupLeftovers({ store, session, cloud: 'sim', owner: 'mon1', region: 'RegionOne', excludeRunId: 'live', janitor: false, ...FAST })
      assert.deepEqual(report.items.map((item) => `${item.outcome} ${item.kind} ${item.name}`), ['failed dns-zone gh-mon1-r4-ZONE', 'skipped keypair gh-mon1-r3-KEY', 'deleted keypair gh-mon1-r2-KEY'])
      assert.equal(report.remaining, 1, 'a kind cleanup does not know stays a leftover')
      assert.deepEqual(cloud.extra(), ['keypairs: gh-mon1-stray-KEY'])
      assert.equal((await store.ledger.get(mine))?.deletedAt !== null, true)
      await assert.rejects(cleanupLeftovers({ store, session, cloud: 'sim', owner: 'mon1', prefix: 'gh-' }), /would touch other owners/)
    } finally {
      await dispose()
    }
  })
})
