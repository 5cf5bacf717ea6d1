import assert from 'node:assert/strict'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, test } from 'node:test'
import { systemClock } from '../../core/clock.js'
import { OpenStackClient } from '../client/index.js'
import type { OpenStackSession } from '../client/index.js'
import * as os from '../services/index.js'
import { apiLatencyMs, LatencyProfileSchema, REAL_CLOUD_PROFILE, SimulatedCloudOptionsSchema, startSimulatedCloud, transitionMs, uniformProfile } from './index.js'
import type { SimulatedCloud } from './index.js'

async function withSession<T>(sim: SimulatedCloud, run: (session: OpenStackSession) => Promise<T>): Promise<T> {
  const session = new OpenStackClient({ cloud: sim.cloud, clock: systemClock }).iteration({ signal: AbortSignal.timeout(20_000) })
  try {
    return await run(session)
  } finally {
    await session.close()
    await sim.close()
  }
}

/** The same calls in the same order; what the simulator answered that could differ by seed. */
async function script(seed: number): Promise<string[]> {
  const sim = await startSimulatedCloud({ profile: uniformProfile(0), seed })
  return withSession(sim, async (session) => {
    const net = await os.createNetwork(session, { name: 'seeded' })
    const subnet = await os.createSubnet(session, { network_id: net.id, cidr: '10.3.0.0/24', ip_version: 4 })
    const port = await os.createPort(session, { network_id: net.id, fixed_ips: [{ subnet_id: subnet.id }] })
    const flavor = (await os.listFlavors(session))[0]?.id ?? ''
    const image = (await os.listImages(session))[0]?.id ?? ''
    const server = await os.createServer(session, { name: 'seeded-vm', flavorRef: flavor, imageRef: image, networks: [{ port: port.id }] })
    return [net.id, subnet.id, port.id, port.mac_address ?? '', flavor, image, server.id, session.calls.at(-1)?.requestId ?? '']
  })
}

describe('latency profile and time scale', () => {
  test('the real cloud\'s profile: boot 30 s, volume 10 s, load balancer 60 s, calls 0.3–2 s; scaled alike', () => {
    assert.equal(transitionMs(REAL_CLOUD_PROFILE, 1, 'serverBoot'), 30_000)
    assert.equal(transitionMs(REAL_CLOUD_PROFILE, 0.01, 'serverBoot'), 300)
    assert.equal(transitionMs(REAL_CLOUD_PROFILE, 0.01, 'volumeCreate'), 100)
    assert.equal(transitionMs(REAL_CLOUD_PROFILE, 0.01, 'loadBalancerCreate'), 600)
    assert.equal(apiLatencyMs(REAL_CLOUD_PROFILE, 1, 'GET', 0), 300)
    assert.equal(apiLatencyMs(REAL_CLOUD_PROFILE, 1, 'POST', 0.999999), 1_999.9985)
    assert.equal(apiLatencyMs(REAL_CLOUD_PROFILE, 0.01, 'DELETE', 0.5), 12.5)
    assert.equal(apiLatencyMs(uniformProfile(30), 1, 'POST', 0.7), 0)
    for (const ms of Object.values(REAL_CLOUD_PROFILE.transitions).filter((value) => value < 10_000)) assert.ok(ms >= 300 && ms <= 2_000)
  })

  test('options are validated: defaults, a negative time scale or an inverted range refused', () => {
    const parsed = SimulatedCloudOptionsSchema.parse({})
    assert.deepEqual(parsed.profile, REAL_CLOUD_PROFILE)
    assert.equal(parsed.timeScale, 1)
    assert.deepEqual(parsed.zones, ['nova'])
    assert.equal(SimulatedCloudOptionsSchema.safeParse({ timeScale: -1 }).success, false)
    assert.equal(LatencyProfileSchema.safeParse({ ...REAL_CLOUD_PROFILE, api: { read: { minMs: 5, maxMs: 1 }, write: { minMs: 0, maxMs: 0 } } }).success, false)
  })

  test('the time scale decides whether a boot is over: unscaled it is not, at 1/1000 it is', async () => {
    const sim = await startSimulatedCloud({ profile: { ...uniformProfile(0), transitions: { ...REAL_CLOUD_PROFILE.transitions } }, timeScale: 1 })
    await withSession(sim, async (session) => {
      const flavorRef = (await os.listFlavors(session))[0]?.id ?? ''
      const imageRef = (await os.listImages(session))[0]?.id ?? ''
      const slow = await os.createServer(session, { name: 'unscaled', flavorRef, imageRef })
      sim.configure({ timeScale: 0.001 })
      const fast = await os.createServer(session, { name: 'scaled', flavorRef, imageRef })
      for (let poll = 0; poll < 1_000 && (await os.getServer(session, fast.id)).status !== 'ACTIVE'; poll++) await sleep(5)
      assert.equal((await os.getServer(session, fast.id)).status, 'ACTIVE')
      assert.equal((await os.getServer(session, slow.id)).status, 'BUILD', 'a 30 s boot started unscaled keeps its time')
    })
  })

  test('the same seed and the same calls give the same ids, addresses and request ids; another seed does not', async () => {
    const first = await script(7)
    const again = await script(7)
    const other = await script(8)
    assert.deepEqual(again, first)
    assert.ok(first.every((value) => value !== ''))
    assert.ok(other.every((value, index) => value !== first[index]), `${JSON.stringify(other)} vs ${JSON.stringify(first)}`)
  })
})
