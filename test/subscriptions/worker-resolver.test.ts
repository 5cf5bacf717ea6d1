/**
 * The outbox worker's resolver: receivers that are not configured are asked of it; its receivers
 * count in metrics under their prefix (one series, not one per subscriber); configured senders
 * win; a receiver nobody knows is still a dead letter.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createOutboxWorker, type Sender } from '../../src/notify/index.js'
import { tempStore } from '../support/temp-store.js'

describe('outbox worker with a resolver', () => {
  test('resolves run-time receivers, counts them by prefix, leaves unknown ones dead', async () => {
    const temp = await tempStore()
    try {
      const delivered: string[] = []
      const counted: string[] = []
      const configured = { send: async () => void delivered.push('configured') } as unknown as Sender
      const worker = createOutboxWorker({
        store: temp.store,
        clock: { now: () => 1_000, monotonic: () => 0 },
        log: { info: () => undefined, warn: () => undefined, error: () => undefined },
        senders: new Map([['oncall', configured]]),
        resolve: (receiver) => (receiver.startsWith('subscriber:') ? { send: async (message) => void delivered.push(message.receiver) } : undefined),
        delivery: { timeout: 1_000, maxAttempts: 1, backoff: 1_000, maxBackoff: 1_000 },
        onSent: (receiver) => void counted.push(receiver),
      })
      await temp.store.outbox.enqueue(
        [{ receiver: 'subscriber:a', topic: 't', payload: {} }, { receiver: 'subscriber:b', topic: 't', payload: {} }, { receiver: 'oncall', topic: 't', payload: {} }, { receiver: 'nobody', topic: 't', payload: {} }],
        1_000,
      )
      const pass = await worker.drain()
      assert.deepEqual(pass, { sent: 3, retried: 0, dead: 1 })
      assert.deepEqual(delivered.sort(), ['configured', 'subscriber:a', 'subscriber:b'])
      assert.deepEqual(counted.sort(), ['oncall', 'subscriber', 'subscriber'])
      assert.equal((await temp.store.outbox.list({ status: 'dead', limit: 10 }))[0]?.receiver, 'nobody')
    } finally {
      await temp.dispose()
    }
  })
})
