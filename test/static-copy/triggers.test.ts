/**
 * When the static copy renders: at start, after a model write (debounced by minInterval, a burst
 * of writes makes one render), at least every maxInterval without changes, and not at all for new
 * measurements that leave the public state as it was (until maxInterval).
 */
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { after, before, describe, test } from 'node:test'
import { systemClock } from '../../src/core/index.js'
import { createMetrics } from '../../src/metrics/index.js'
import { createStaticCopy, StaticCopySchema, staticCopyMetrics, type StaticCopy } from '../../src/static-copy/index.js'
import { createStatusReader } from '../../src/status/index.js'
import { testServerApp } from '../support/server-app.js'
import { servePage, type ServedPage } from '../web/fixture.js'

describe('static copy triggers', () => {
  let work: string
  let served: ServedPage
  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'gh-static-trig-'))
    served = await servePage()
  })
  after(async () => {
    await served?.close()
    await rm(work, { recursive: true, force: true })
  })

  function start(minInterval: number, maxInterval: number, enabled = true) {
    const renders: number[] = []
    const status = createStatusReader({ store: served.store, clock: systemClock })
    const copy: StaticCopy = createStaticCopy({
      app: testServerApp(served.store),
      status,
      config: () => ({ ...StaticCopySchema.parse({}), dir: join(work, `root-${minInterval}-${maxInterval}`), minInterval, maxInterval, enabled }),
      dataDir: () => work,
      name: () => 'Test cloud',
      now: () => Date.now(),
      log: { info: () => {}, warn: () => {}, error: () => {} },
      metrics: { ...staticCopyMetrics(createMetrics().registers), setGenerated: (at) => renders.push(at) },
      secrets: () => [],
    })
    copy.start()
    return { copy, status, renders }
  }

  async function until(condition: () => boolean, ms: number): Promise<void> {
    const deadline = Date.now() + ms
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`)
      await sleep(20)
    }
  }

  test('renders at start, once for a burst of writes after minInterval, and skips unchanged measurements', async () => {
    const { copy, status, renders } = start(1_500, 60_000)
    await until(() => renders.length === 1, 10_000)
    for (let i = 0; i < 5; i += 1) status.changed()
    await until(() => renders.length === 2, 10_000)
    assert.ok(renders[1]! - renders[0]! >= 1_500, `the second render waited for minInterval: ${renders[1]! - renders[0]!} ms`)
    status.invalidate()
    await sleep(2_500)
    await copy.stop()
    assert.equal(renders.length, 2, 'new data with the same public state renders nothing before maxInterval')
  })

  test('renders at least every maxInterval without any change', async () => {
    const { copy, renders } = start(1_000, 2_000)
    await until(() => renders.length >= 3, 15_000)
    await copy.stop()
    const gaps = renders.slice(1).map((at, i) => at - renders[i]!)
    assert.ok(gaps.every((gap) => gap >= 1_900 && gap < 4_000), `gaps ${gaps.join(', ')} ms`)
  })

  test('a disabled copy never renders, whatever happens', async () => {
    const { copy, status, renders } = start(1_000, 5_000, false)
    status.changed()
    status.invalidate()
    await sleep(1_500)
    await copy.stop()
    assert.deepEqual(renders, [])
  })

  test('the config keeps minInterval at most maxInterval, and maxInterval at most a minute', () => {
    assert.throws(() => StaticCopySchema.parse({ minInterval: '50s', maxInterval: '30s' }), /minInterval must not exceed maxInterval/)
    assert.throws(() => StaticCopySchema.parse({ maxInterval: '2m' }), /at least every minute/)
    assert.deepEqual(StaticCopySchema.parse({}), { enabled: true, minInterval: 10_000, maxInterval: 60_000, publishTimeout: 60_000, staleAfter: 180_000 })
  })
})
