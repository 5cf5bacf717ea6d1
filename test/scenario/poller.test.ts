import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { ResourcePoller } from '../../src/scenario/index.js'
import type { PollerSpec } from '../../src/scenario/index.js'
import { virtualTime, type VirtualTime } from './virtual-time.js'

interface FakeServer {
  id: string
  status: string
}

/**
 * A fake server list: each server turns to its final status at a virtual instant; list calls
 * can be made to fail (with an optional Retry-After) by a script.
 */
function fakeServers(time: VirtualTime) {
  const servers = new Map<string, { final: string; at: number; goneAt?: number }>()
  const failures: Array<{ retryAfterMs?: number } | null> = []
  let calls = 0
  return {
    get calls() {
      return calls
    },
    failures,
    add(id: string, final: string, at: number, goneAt?: number) {
      servers.set(id, { final, at, ...(goneAt === undefined ? {} : { goneAt }) })
    },
    async list(): Promise<FakeServer[]> {
      calls++
      const failure = failures.shift()
      if (failure) throw Object.assign(new Error('HTTP 503: busy'), failure)
      const now = time.clock.now()
      return [...servers.entries()]
        .filter(([, server]) => server.goneAt === undefined || now < server.goneAt)
        .map(([id, server]) => ({ id, status: now >= server.at ? server.final : 'BUILD' }))
    },
  }
}

function spec(time: VirtualTime, cloud: ReturnType<typeof fakeServers>, extra: Partial<PollerSpec<FakeServer>> = {}): PollerSpec<FakeServer> {
  return {
    kind: 'server',
    mode: 'create',
    list: () => cloud.list(),
    idOf: (server) => server.id,
    statusOf: (server) => server.status,
    observe: (server) => (server.status === 'ACTIVE' ? 'done' : server.status === 'ERROR' ? 'failed' : 'pending'),
    timeoutMs: 300_000,
    clock: time.clock,
    sleep: time.sleep,
    ...extra,
  }
}

describe('resource poller', () => {
  test('twelve servers cost one list call per poll; each gets its boot time at 1 s resolution', async () => {
    const time = virtualTime()
    const cloud = fakeServers(time)
    const t0 = time.clock.now()
    for (let i = 0; i < 12; i++) cloud.add(`vm-${i}`, i === 5 ? 'ERROR' : 'ACTIVE', t0 + 20_000 + i * 1_500)
    const poller = new ResourcePoller(spec(time, cloud))
    const records = await poller.waitAll(Array.from({ length: 12 }, (_, i) => `vm-${i}`), t0)
    const lastChange = 20_000 + 11 * 1_500
    assert.equal(cloud.calls, poller.listCalls)
    assert.ok(cloud.calls <= Math.ceil(lastChange / 1_000) + 1, `${cloud.calls} list calls for 12 servers`)
    for (const [i, record] of records.entries()) {
      assert.equal(record.outcome, i === 5 ? 'failed' : 'reached')
      const truth = 20_000 + i * 1_500
      assert.ok(record.elapsedMs >= truth && record.elapsedMs - truth <= 1_000, `vm-${i}: ${record.elapsedMs} vs ${truth}`)
      assert.ok(record.resolutionMs! <= 1_000)
    }
    assert.equal(records[5]!.status, 'ERROR')
    assert.match(records[5]!.reason!, /reached ERROR/)
  })

  test('waits joined later share the same polls', async () => {
    const time = virtualTime()
    const cloud = fakeServers(time)
    const t0 = time.clock.now()
    cloud.add('a', 'ACTIVE', t0 + 10_000)
    cloud.add('b', 'ACTIVE', t0 + 10_000)
    const poller = new ResourcePoller(spec(time, cloud))
    const first = poller.wait('a', t0)
    await time.sleep(0)
    const second = poller.wait('b', t0)
    await Promise.all([first, second])
    assert.equal(cloud.calls, 10)
  })

  test('5 list errors in a row are tolerated, the 6th gives up; 429/503 Retry-After is honoured', async () => {
    const time = virtualTime()
    const cloud = fakeServers(time)
    const t0 = time.clock.now()
    cloud.add('a', 'ACTIVE', t0 + 3_000)
    cloud.failures.push({ retryAfterMs: 7_000 }, {}, {}, {}, {})
    const tolerant = await new ResourcePoller(spec(time, cloud)).wait('a', t0)
    assert.equal(tolerant.outcome, 'reached')
    assert.ok(time.sleeps.some((ms) => ms >= 7_000), 'the Retry-After pause was taken')

    const other = fakeServers(time)
    other.add('b', 'ACTIVE', time.clock.now() + 60_000)
    other.failures.push({}, {}, {}, {}, {}, {})
    const gaveUp = await new ResourcePoller(spec(time, other)).wait('b')
    assert.equal(gaveUp.outcome, 'list_errors')
    assert.equal(other.calls, 6)
    assert.match(gaveUp.reason!, /6 list calls in a row failed; last: HTTP 503: busy/)
  })

  test('deletion waits tolerate 23 list errors and end when the resource is gone', async () => {
    const time = virtualTime()
    const cloud = fakeServers(time)
    const t0 = time.clock.now()
    cloud.add('a', 'ACTIVE', t0, t0 + 40_000)
    cloud.failures.push(...Array.from({ length: 23 }, () => ({})))
    const record = await new ResourcePoller(spec(time, cloud, { mode: 'delete', observe: (server) => (server.status === 'DELETED' ? 'done' : 'pending') })).wait('a', t0)
    assert.equal(record.outcome, 'reached')
    assert.ok(record.elapsedMs >= 40_000)
    assert.equal(cloud.calls, 23 + 17)
  })

  test('a resource that vanishes while being created fails; a slow one times out', async () => {
    const time = virtualTime()
    const cloud = fakeServers(time)
    const t0 = time.clock.now()
    cloud.add('vanishes', 'ACTIVE', t0 + 60_000, t0 + 2_500)
    cloud.add('slow', 'ACTIVE', t0 + 60_000)
    const poller = new ResourcePoller(spec(time, cloud, { timeoutMs: 10_000 }))
    const [vanished, slow] = await poller.waitAll(['vanishes', 'slow'], t0)
    assert.equal(vanished!.outcome, 'gone')
    assert.equal(slow!.outcome, 'timeout')
    assert.equal(slow!.resolutionMs, null)
  })

  test('an abort ends every wait as aborted', async () => {
    const time = virtualTime()
    const cloud = fakeServers(time)
    cloud.add('a', 'ACTIVE', time.clock.now() + 60_000)
    const stop = new AbortController()
    const poller = new ResourcePoller(spec(time, cloud, { signal: stop.signal, list: async () => {
      if (cloud.calls === 3) stop.abort()
      return cloud.list()
    } }))
    const record = await poller.wait('a')
    assert.equal(record.outcome, 'aborted')
    assert.equal(cloud.calls, 4)
  })
})
