import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { cleanupLeftovers, leakedFailure, runPrefix } from '../../src/scenario/cleanup/index.js'
import { tempStore } from '../support/temp-store.js'
import { CrashSwitch, miniRun } from './mini-run.js'
import { FAST, testCloud } from './support.js'
import type { TestCloud } from './support.js'
import { seededRandom } from '../support/seeded-random.js'

const scopeOf = (owner: string, run: string) => ({ owner, runId: run, cloud: 'sim', region: 'RegionOne', project: 'demo', prefix: runPrefix(owner, run) })

describe('cleanup after a crash at any point (simulated cloud)', () => {
  let cloud: TestCloud
  let total = 0
  before(async () => {
    cloud = await testCloud()
  })
  after(() => cloud.close())

  test('a run without a crash leaves nothing, in the cloud or the ledger', async () => {
    const { store, dispose } = await tempStore()
    try {
      total = await miniRun({ session: cloud.session() }, store.ledger, scopeOf('mon1', 'full'), new CrashSwitch())
      assert.deepEqual(cloud.extra(), [])
      assert.deepEqual(await store.ledger.leftovers('sim', { owner: 'mon1' }), [])
      assert.ok(total > 60, `a full run has many events (${total})`)
    } finally {
      await dispose()
    }
  })

  test('killed at 24 seeded points (intent without id, id not deleted, half-deleted): cleanup leaves 0 resources', async (t) => {
    const random = seededRandom(20_261_206)
    const points = new Set<number>()
    while (points.size < 24) points.add(1 + Math.floor(random() * total))
    let leakedRuns = 0
    const died: string[] = []
    for (const point of [...points].sort((a, b) => a - b)) {
      cloud.reset()
      const { store, dispose } = await tempStore()
      try {
        const run = `p${point}`
        const crash = new CrashSwitch(point)
        await miniRun({ session: cloud.session() }, store.ledger, scopeOf('mon1', run), crash)
        died.push(crash.diedBefore ?? 'nothing')
        const report = await cleanupLeftovers({ store, session: cloud.session(), cloud: 'sim', owner: 'mon1', ...FAST })
        assert.deepEqual(cloud.extra(), [], `crash at event ${point}: left on the cloud`)
        assert.equal(report.remaining, 0, `crash at event ${point}: ${JSON.stringify(report.items.filter((item) => item.outcome === 'failed'))}`)
        assert.deepEqual(await store.ledger.leftovers('sim', { owner: 'mon1' }), [], `crash at event ${point}: ledger rows left`)
        assert.ok(report.items.every((item) => item.source === "ledger"), `crash at event ${point}: the ledger knew everything: ${JSON.stringify(report.items)}`)
        if (report.leaked) {
          leakedRuns++
          assert.equal(leakedFailure(report)?.code, 'leaked')
        }
      } finally {
        await dispose()
      }
    }
    t.diagnostic(`${total} events in a full run; died before: ${died.join(', ')}; ${leakedRuns} runs leaked`)
    const phases = new Set(died.map((what) => (what.startsWith('create') || what === 'created' ? 'no id yet' : what.startsWith('delete') ? 'id, not deleted' : what.startsWith('confirm') || what === 'deleted' ? 'half-deleted' : what)))
    for (const phase of ['no id yet', 'id, not deleted', 'half-deleted']) assert.ok(phases.has(phase), `no crash point hit "${phase}" (${died.join(', ')})`)
    assert.ok(leakedRuns >= 18, `most crash points leave something (${leakedRuns} of 24)`)
  })

  test("another owner's abandoned run in the same project survives, and its own cleanup removes it", async () => {
    cloud.reset()
    const { store, dispose } = await tempStore()
    try {
      await miniRun({ session: cloud.session(), loadBalancer: false }, store.ledger, { ...scopeOf('mon2', 'b1'), prefix: runPrefix('mon2', 'b1') }, new CrashSwitch(), false)
      const theirs = cloud.extra()
      await miniRun({ session: cloud.session() }, store.ledger, scopeOf('mon1', 'a1'), new CrashSwitch(40))
      const mine = await cleanupLeftovers({ store, session: cloud.session(), cloud: 'sim', owner: 'mon1', ...FAST })
      assert.equal(mine.remaining, 0)
      assert.deepEqual(cloud.extra(), theirs)
      assert.ok(mine.items.every((item) => !item.name.includes('mon2')))
      const others = await cleanupLeftovers({ store, session: cloud.session(), cloud: 'sim', owner: 'mon2', ...FAST })
      assert.equal(others.remaining, 0)
      assert.ok(others.found >= 10, `mon2's run left ${others.found}`)
      assert.deepEqual(cloud.extra(), [])
    } finally {
      await dispose()
    }
  })
})
