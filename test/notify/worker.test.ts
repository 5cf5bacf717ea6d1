/**
 * The outbox worker against real loopback receivers: acknowledged messages are sent once with a
 * stable id; a receiver that is down, slow or answers garbage is retried with backoff and then
 * kept as a dead letter; a signed webhook verifies; a canary secret never appears in any output.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createMetrics } from '../../src/metrics/index.js'
import { createOutboxWorker, createSender, registerNotifyMetrics, retryDelay, verifySignature, type AlertNotice } from '../../src/notify/index.js'
import { ReceiverSchema, type ReceiverConfig } from '../../src/config/index.js'
import type { Store } from '../../src/store/index.js'
import { freePort } from '../support/ports.js'
import { tempStore } from '../support/temp-store.js'
import { fakeClock, garbageReceiver, httpReceiver, recordingLog } from './receivers.js'

const CANARY = 'canary-s3cr3t-7f3a9c'
const SECRET = `whsec_${Buffer.from(`${CANARY}-and-some-more-bytes`).toString('base64')}`
const DELIVERY = { timeout: 300, maxAttempts: 3, backoff: 1_000, maxBackoff: 60_000 }

const notice: AlertNotice = {
  groupKey: 'glasshouse/series:compute@R1',
  status: 'firing',
  externalURL: 'http://status.example/',
  at: Date.UTC(2026, 11, 6, 9),
  alerts: [
    {
      status: 'firing',
      labels: { alertname: 'ComponentState', component: 'compute', location: 'R1', severity: 'critical' },
      annotations: { summary: 'Compute in R1: Major outage' },
      startsAt: '2026-12-06T09:00:00.000Z',
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL: 'http://status.example/',
      fingerprint: 'abc',
    },
  ],
}

function receiver(input: Record<string, unknown>): ReceiverConfig {
  return ReceiverSchema.parse(input)
}

let store: Store
let dispose: () => Promise<void>
before(async () => {
  const temp = await tempStore()
  store = temp.store
  dispose = temp.dispose
})
after(() => dispose())

async function runUntilSettled(worker: ReturnType<typeof createOutboxWorker>, clock: ReturnType<typeof fakeClock>, rounds: number) {
  for (let round = 0; round < rounds; round += 1) {
    await worker.drain()
    clock.advance(DELIVERY.maxBackoff + 10 * DELIVERY.timeout)
  }
}

describe('outbox worker', () => {
  test('retry delays grow exponentially with jitter in the upper half, capped', () => {
    assert.equal(retryDelay(1, DELIVERY, () => 0), 500)
    assert.equal(retryDelay(1, DELIVERY, () => 0.999999), 1_000)
    assert.equal(retryDelay(4, DELIVERY, () => 0), 4_000)
    assert.equal(retryDelay(20, DELIVERY, () => 1), 60_000)
  })

  test('a signed webhook is sent once, verifies, and keeps its id', async () => {
    const target = await httpReceiver()
    const clock = fakeClock()
    const log = recordingLog()
    const signed = receiver({ name: 'signed', kind: 'webhook', url: `${target.url}/hook?token=${CANARY}`, secret: SECRET, headers: { Authorization: `Bearer ${CANARY}` } })
    const worker = createOutboxWorker({ store, clock, log, senders: new Map([['signed', createSender(signed)]]), delivery: DELIVERY })
    const [id] = await store.outbox.enqueue([{ receiver: 'signed', topic: 'alert', payload: notice }], clock.now())
    await runUntilSettled(worker, clock, 2)
    assert.equal(target.received.length, 1)
    const [request] = target.received
    assert.equal(request!.headers['webhook-id'], id)
    assert.ok(verifySignature(SECRET, request!.headers as Record<string, string>, request!.body), 'signature verifies')
    assert.ok(!verifySignature(SECRET, request!.headers as Record<string, string>, `${request!.body} `), 'a changed body does not')
    assert.equal((await store.outbox.get(id!))?.status, 'sent')
    await target.close()
  })

  for (const kind of ['down', 'slow', 'garbage', 'http-500'] as const) {
    test(`a ${kind} receiver is retried with backoff, then the message is a dead letter (no secret anywhere)`, async () => {
      const slow = kind === 'slow' ? await httpReceiver({ hang: true }) : null
      const failing = kind === 'http-500' ? await httpReceiver({ status: 500 }) : null
      const garbage = kind === 'garbage' ? await garbageReceiver() : null
      const base = slow?.url ?? failing?.url ?? garbage?.url ?? `http://127.0.0.1:${await freePort()}`
      const clock = fakeClock()
      const log = recordingLog()
      const metrics = createMetrics()
      const counters = registerNotifyMetrics(metrics.registers, store, clock)
      const hook = receiver({ name: `hook-${kind}`, kind: 'alertmanager-webhook', url: `http://user:${CANARY}@${new URL(base).host}/x?apikey=${CANARY}`, headers: { 'X-Api-Key': CANARY } })
      const worker = createOutboxWorker({ store, clock, log, senders: new Map([[hook.name, createSender(hook)]]), delivery: DELIVERY, onFailed: counters.countFailed, onSent: counters.countSent })
      const [id] = await store.outbox.enqueue([{ receiver: hook.name, topic: 'alert', payload: notice }], clock.now())
      const started = performance.now()
      await worker.drain()
      assert.ok(performance.now() - started < DELIVERY.timeout + 1_500, 'one send never blocks longer than its timeout')
      const first = await store.outbox.get(id!)
      assert.equal(first?.status, 'pending')
      assert.ok(first!.nextAttemptAt > clock.now(), 'the retry waits')
      await runUntilSettled(worker, clock, DELIVERY.maxAttempts + 1)
      const dead = await store.outbox.get(id!)
      assert.equal(dead?.status, 'dead')
      assert.equal(dead?.attempts, DELIVERY.maxAttempts)
      assert.ok(dead?.lastError, 'the reason is kept')
      const { body } = await metrics.render(false)
      assert.match(body, /^glasshouse_outbox_dead_letters [1-9]/m)
      assert.match(body, new RegExp(`^glasshouse_outbox_send_failures_total\\{receiver="hook-${kind}"\\} 3`, 'm'))
      const outputs = [...log.lines, JSON.stringify(await store.outbox.list({ limit: 100 })), body].join('\n')
      assert.ok(!outputs.includes(CANARY), `the canary leaked: ${outputs.split('\n').find((line) => line.includes(CANARY))}`)
      if (slow) assert.ok(slow.received.length >= 1)
      await slow?.close()
      await failing?.close()
      await garbage?.close()
    })
  }

  test('a message for a receiver that is not configured becomes a dead letter at once', async () => {
    const clock = fakeClock()
    const worker = createOutboxWorker({ store, clock, log: recordingLog(), senders: new Map(), delivery: DELIVERY })
    const [id] = await store.outbox.enqueue([{ receiver: 'gone', topic: 'alert', payload: notice }], clock.now())
    await worker.drain()
    assert.match((await store.outbox.get(id!))?.lastError ?? '', /no receiver named "gone"/)
  })
})
