import assert from 'node:assert/strict'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, test } from 'node:test'
import { systemClock } from '../core/clock.js'
import { createScheduler, nextSlot, stableOffset } from './index.js'

describe('offsets', () => {
  test('a job keeps its offset and lands on its grid', () => {
    const offset = stableOffset('api', 30_000)
    assert.equal(offset, stableOffset('api', 30_000))
    assert.ok(offset >= 0 && offset < 30_000)
    const slot = nextSlot(1_000_000, 30_000, offset)
    assert.ok(slot > 1_000_000 && slot <= 1_030_000)
    assert.equal((slot - offset) % 30_000, 0)
  })

  test('many keys spread over the interval', () => {
    const buckets = new Set<number>()
    for (let i = 0; i < 200; i++) buckets.add(Math.floor(stableOffset(`check-${i}`, 10_000) / 1_000))
    assert.equal(buckets.size, 10)
  })
})

describe('scheduler', () => {
  test('never runs a job twice at once and reports overruns', async () => {
    let active = 0
    let maxActive = 0
    let overruns = 0
    const scheduler = createScheduler(systemClock, { overrun: () => (overruns += 1) })
    scheduler.set([
      {
        key: 'slow',
        intervalMs: 10,
        run: async () => {
          active += 1
          maxActive = Math.max(maxActive, active)
          await sleep(35)
          active -= 1
        },
      },
    ])
    await sleep(150)
    await scheduler.stop()
    assert.equal(maxActive, 1)
    assert.ok(overruns > 0)
    assert.equal(active, 0, 'stop waits for the running job')
  })

  test('a removed job stops, a kept job keeps running, drift is reported', async () => {
    const runs = { a: 0, b: 0 }
    const drifts: number[] = []
    const scheduler = createScheduler(systemClock, { started: (_key, drift) => drifts.push(drift) })
    const job = (key: 'a' | 'b') => ({ key, intervalMs: 10, run: async () => void (runs[key] += 1) })
    scheduler.set([job('a'), job('b')])
    await sleep(60)
    scheduler.set([job('a')])
    const bAfterRemoval = runs.b
    await sleep(60)
    await scheduler.stop()
    assert.equal(runs.b, bAfterRemoval)
    assert.ok(runs.a > bAfterRemoval)
    assert.deepEqual(scheduler.keys(), [])
    assert.ok(drifts.length > 0 && drifts.every((drift) => drift >= 0))
  })

  test('a rejecting job is reported and keeps its schedule', async () => {
    const failures: unknown[] = []
    const scheduler = createScheduler(systemClock, { failed: (_key, error) => failures.push(error) })
    scheduler.set([{ key: 'bad', intervalMs: 10, run: async () => Promise.reject(new Error('boom')) }])
    await sleep(60)
    await scheduler.stop()
    assert.ok(failures.length >= 2)
  })
})
