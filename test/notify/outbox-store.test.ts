/**
 * The outbox and alert tables on both dialects: claims are exclusive and leased, nothing is sent
 * twice once acknowledged, dead letters and the backlog are counted, groups and their messages
 * commit together, silences expire.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS, dialectParts, withStore } from '../store/harness.js'
import type { AlertGroup } from '../../src/store/index.js'

const parts = dialectParts()

function group(key: string, at: number): AlertGroup {
  return {
    key,
    status: 'firing',
    labels: { alertname: 'ComponentState', component: 'compute', location: 'R1' },
    annotations: { summary: 'Compute in R1: Major outage' },
    fingerprint: 'major_outage',
    startsAt: at,
    clearSince: null,
    endsAt: null,
    notified: { oncall: { at, fingerprint: 'major_outage', labels: { alertname: 'ComponentState' } } },
    notifications: 1,
    updatedAt: at,
  }
}

for (const dialect of DIALECTS) {
  const part = parts[dialect]
  describe(`outbox and alerts store on ${dialect}`, { skip: part.available ? false : part.skip }, () => {
    test('claims are leased and exclusive; sent messages are never claimed again', () =>
      withStore(dialect, async (store) => {
        const ids = await store.outbox.enqueue(
          [
            { receiver: 'oncall', topic: 'alert', payload: { n: 1 } },
            { receiver: 'mail', topic: 'alert', payload: { n: 2 } },
          ],
          1_000,
        )
        assert.equal(ids.length, 2)
        const [first, second] = await Promise.all([store.outbox.claimDue(1_000, 10, 30_000), store.outbox.claimDue(1_000, 10, 30_000)])
        assert.equal(first.length + second.length, 2, 'each row claimed once')
        const claimed = [...first, ...second]
        assert.deepEqual(claimed.map((message) => message.attempts), [1, 1])
        assert.deepEqual(await store.outbox.claimDue(20_000, 10, 30_000), [], 'leased until 31 000')
        await store.outbox.markSent(ids[0]!, 2_000)
        const again = await store.outbox.claimDue(31_000, 10, 30_000)
        assert.deepEqual(again.map((message) => [message.id, message.attempts, message.payload]), [[ids[1], 2, { n: 2 }]], 'a crashed send is due again after the lease')
        const sent = await store.outbox.get(ids[0]!)
        assert.equal(sent?.status, 'sent')
        assert.equal(sent?.sentAt, 2_000)
      }))

    test('retries wait; dead letters and the backlog are counted; an id queued twice is kept once', () =>
      withStore(dialect, async (store) => {
        const [id] = await store.outbox.enqueue([{ id: 'fixed-id', receiver: 'oncall', topic: 'alert', payload: {} }], 1_000)
        await store.outbox.enqueue([{ id: 'fixed-id', receiver: 'other', topic: 'alert', payload: { changed: true } }], 1_500)
        assert.equal(id, 'fixed-id')
        assert.equal((await store.outbox.get('fixed-id'))?.receiver, 'oncall')
        await store.outbox.enqueue([{ receiver: 'oncall', topic: 'alert', payload: {} }], 3_000)
        assert.deepEqual(await store.outbox.stats(), { pending: 2, oldestPendingAt: 1_000, dead: 0 })
        await store.outbox.claimDue(3_000, 1, 10_000)
        await store.outbox.retryAt('fixed-id', 50_000, 'HTTP 503')
        assert.deepEqual((await store.outbox.claimDue(49_999, 10, 10_000)).map((message) => message.createdAt), [3_000])
        const retried = await store.outbox.claimDue(50_000, 10, 10_000)
        assert.deepEqual(retried.map((message) => [message.id, message.attempts, message.lastError]), [['fixed-id', 2, 'HTTP 503']])
        await store.outbox.markDead('fixed-id', 'gave up')
        const stats = await store.outbox.stats()
        assert.equal(stats.dead, 1)
        assert.equal(stats.pending, 1)
        assert.deepEqual((await store.outbox.list({ status: 'dead', limit: 10 })).map((message) => message.lastError), ['gave up'])
      }))

    test('a group and its messages commit together; groups read back as written', () =>
      withStore(dialect, async (store) => {
        await store.alerts.save([group('series:compute@R1', 1_000)], [{ receiver: 'oncall', topic: 'alert', payload: { a: 1 } }], 1_000)
        assert.deepEqual(await store.alerts.groups(), [group('series:compute@R1', 1_000)])
        assert.equal((await store.outbox.stats()).pending, 1)
        const resolved = { ...group('series:compute@R1', 1_000), status: 'resolved' as const, endsAt: 5_000, notified: {}, updatedAt: 6_000 }
        await store.alerts.save([resolved], [], 6_000)
        assert.deepEqual(await store.alerts.groups(), [resolved])
        assert.equal(await store.alerts.pruneResolved(5_001), 1)
        assert.deepEqual(await store.alerts.groups(), [])
      }))

    test('silences list until they end and can be expired', () =>
      withStore(dialect, async (store) => {
        const silence = await store.alerts.addSilence({ matchers: { component: 'compute' }, startsAt: 1_000, endsAt: 10_000, createdBy: 'ops', comment: 'upgrade' }, 900)
        assert.deepEqual(await store.alerts.silences(5_000), [silence])
        assert.deepEqual(await store.alerts.silences(10_000), [])
        assert.equal(await store.alerts.expireSilence(silence.id, 6_000), true)
        assert.equal(await store.alerts.expireSilence(silence.id, 7_000), false)
        assert.deepEqual(await store.alerts.silences(6_000), [])
      }))
  })
}
