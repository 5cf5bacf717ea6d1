/**
 * The status reader's cache: a timed re-read that finds nothing new answers the previous
 * snapshot (so encoded pages stay valid), but never for longer than `keepEqualMs`, never when
 * something public changed, and never after a write.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { CheckSchema, storedDefinition } from '../../src/config/index.js'
import type { Clock } from '../../src/core/index.js'
import { createStatusReader } from '../../src/status/index.js'
import type { Store } from '../../src/store/index.js'
import { outcome } from '../records-job/fixtures.js'
import { tempStore } from '../support/temp-store.js'

const START = Date.UTC(2026, 11, 7, 8, 0, 0)

describe('status reader', () => {
  let store: Store
  let dispose: () => Promise<void>
  let checkId: string
  let time = START
  const clock: Clock = { now: () => time, monotonic: () => time }

  before(async () => {
    ;({ store, dispose } = await tempStore())
    const check = CheckSchema.parse({ name: 'api', kind: 'http', url: 'http://127.0.0.1:9/', interval: '20s' })
    const [row] = await store.checks.sync([{ name: check.name, kind: check.kind, displayName: check.name, definition: storedDefinition(check, []) }], START - 60_000)
    checkId = row!.id
    await store.components.sync([{ name: 'api', displayName: 'API', feeds: [{ checkId, location: 'R1' }] }], START - 60_000)
    await store.results.insertBatch([{ checkId, result: outcome(START - 30_000, true) }])
  })
  after(() => dispose())

  test('keeps an equal snapshot across timed re-reads, for at most keepEqualMs', async () => {
    time = START
    const status = createStatusReader({ store, clock, maxAgeMs: 5_000, minAgeMs: 5_000, keepEqualMs: 60_000 })
    const first = await status.current()
    time += 6_000
    const reread = await status.current()
    assert.equal(reread, first, 'nothing changed: the same snapshot, so encodings keyed by it stay valid')
    assert.ok(status.isCurrent(first))
    time = START + 61_000
    const later = await status.current()
    assert.notEqual(later, first, 'older than keepEqualMs: a new snapshot, so its "as of" time moves on')
    assert.equal(later.generatedAt, START + 61_000)
    assert.ok(!status.isCurrent(first))
  })

  test('a re-read that finds new measurements answers a new snapshot', async () => {
    time = START + 120_000
    const status = createStatusReader({ store, clock, maxAgeMs: 5_000, minAgeMs: 5_000 })
    const first = await status.current()
    await store.results.insertBatch([{ checkId, result: outcome(START + 118_000, true) }])
    status.invalidate()
    time += 5_000
    const next = await status.current()
    assert.notEqual(next, first)
    assert.equal(next.components[0]!.locations[0]!.lastMeasuredAt, START + 118_000)
  })

  test('after a write the snapshot is new even when it says the same', async () => {
    time = START + 240_000
    const status = createStatusReader({ store, clock, maxAgeMs: 5_000, minAgeMs: 5_000 })
    const first = await status.current()
    status.changed()
    const next = await status.current()
    assert.notEqual(next, first)
    assert.deepEqual({ ...next, generatedAt: 0 }, { ...first, generatedAt: 0 })
  })
})
