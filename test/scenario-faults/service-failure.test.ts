import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { OpenStackClient } from '../../src/openstack/index.js'
import type { Override } from '../../src/openstack/simulator/index.js'
import { cleanupLeftovers } from '../../src/scenario/cleanup/index.js'
import type { CleanupReport } from '../../src/scenario/cleanup/index.js'
import type { StepRecord } from '../../src/scenario/engine/index.js'
import { runScenarioIteration } from '../../src/scenario/oshm/index.js'
import type { ScenarioOptionsInput, ScenarioResult } from '../../src/scenario/oshm/index.js'
import { tempStore } from '../support/temp-store.js'
import { countingCloud, FAST_CLEANUP } from './support.js'
import type { CountingCloud } from './support.js'
import { seededRandom } from '../support/seeded-random.js'

const SCALE = 0.01
const OPTIONS: ScenarioOptionsInput = { vms: 2, bootMode: 'volume', skipReachability: true, pollIntervalMs: 10 }
const OWNER = 'outage'

/** When the outage begins (by the block-storage call and its number) and whether it ends at the first failed step. */
interface OutagePlan {
  begins(operation: string, call: number): boolean
  endsAtFailedStep: boolean
}

/** Block storage answering 503 to every call once the plan says the outage began. */
class BlockStorageOutage {
  calls = 0
  answered503 = 0
  /** Block-storage calls made when the latest step ended (before the teardown: the last step). */
  callsAtLastStep = 0
  #plan: OutagePlan = { begins: () => false, endsAtFailedStep: true }
  #state: 'before' | 'on' | 'over' = 'before'

  hook = (operation: string): Override | undefined => {
    if (!operation.startsWith('block-storage.')) return undefined
    this.calls++
    if (this.#state === 'before' && this.#plan.begins(operation, this.calls)) this.#state = 'on'
    if (this.#state !== 'on') return undefined
    this.answered503++
    return (c) => c.json({ error: { code: 503, message: 'Service Unavailable (injected outage)' } }, 503)
  }

  onStep = (record: StepRecord): void => {
    this.callsAtLastStep = this.calls
    if (record.status === 'failed' && this.#plan.endsAtFailedStep) this.end()
  }

  start(plan: OutagePlan): void {
    Object.assign(this, { calls: 0, answered503: 0, callsAtLastStep: 0 })
    this.#plan = plan
    this.#state = 'before'
  }

  end(): void {
    this.#state = 'over'
  }
}

describe('a service failing mid-iteration (block storage answers 503)', { timeout: 120_000 }, () => {
  const outage = new BlockStorageOutage()
  let cloud: CountingCloud
  before(async () => {
    cloud = await countingCloud(SCALE, 21, { request: (operation) => outage.hook(operation) })
  })
  after(() => cloud.close())

  const client = () => new OpenStackClient({ cloud: cloud.sim.cloud, retry: { maxAttempts: 3, backoffMs: [10, 20], conflictDelayMs: 10, maxRetryAfterMs: 1_000 } })

  /** One iteration under `plan`; then the outage ends and a cleanup runs (what the next run does first). */
  const iterate = async (plan: OutagePlan): Promise<{ result: ScenarioResult; extraAfterIteration: string[]; openRows: string[]; cleanup: CleanupReport; rowsAfter: string[] }> => {
    cloud.reset()
    outage.start(plan)
    const { store, dispose } = await tempStore()
    const session = client().iteration({ signal: AbortSignal.timeout(60_000) })
    try {
      const cloudInfo = { name: 'sim', region: 'RegionOne', simulated: true }
      const result = await runScenarioIteration({ session, ledger: store.ledger, owner: OWNER, cloud: cloudInfo, retryDelayMs: 50, onStep: outage.onStep }, OPTIONS)
      const extraAfterIteration = cloud.extra()
      const openRows = (await store.ledger.leftovers('sim', { owner: OWNER })).map((row) => `${row.kind} ${row.name}${row.resourceId === null ? ' (no id)' : ''}`)
      outage.end()
      const cleanup = await cleanupLeftovers({ store, session: client().iteration(), cloud: 'sim', owner: OWNER, ...FAST_CLEANUP })
      const rowsAfter = (await store.ledger.leftovers('sim', { owner: OWNER })).map((row) => `${row.kind} ${row.name}`)
      return { result, extraAfterIteration, openRows, cleanup, rowsAfter }
    } finally {
      await session.close()
      await dispose()
    }
  }

  let beforeTeardown = 0
  test('without the outage the iteration passes (and counts its block-storage calls)', async () => {
    const { result, extraAfterIteration, openRows } = await iterate({ begins: () => false, endsAtFailedStep: true })
    assert.equal(result.ok, true, JSON.stringify(result.failure))
    assert.deepEqual([openRows, extraAfterIteration], [[], []])
    beforeTeardown = outage.callsAtLastStep
    assert.ok(beforeTeardown >= 5, `block storage is called before the teardown (${beforeTeardown})`)
  })

  test('from seeded calls on, until a step fails: classified steps, dependents skipped, the teardown leaves 0', async (t) => {
    assert.ok(beforeTeardown > 0)
    const random = seededRandom(4_503)
    const points = new Set<number>([1])
    while (points.size < 5) points.add(1 + Math.floor(random() * Math.floor(beforeTeardown * 0.75)))
    const seen: string[] = []
    for (const failFrom of [...points].sort((a, b) => a - b)) {
      const { result, extraAfterIteration, openRows, cleanup, rowsAfter } = await iterate({ begins: (_, call) => call >= failFrom, endsAtFailedStep: true })
      const at = `503 from block-storage call ${failFrom}`
      assert.ok(outage.answered503 > 0, `${at}: the outage answered`)
      assert.equal(result.ok, false, `${at}: the iteration failed`)
      assert.equal(result.failure?.code, 'http_5xx', `${at}: ${JSON.stringify(result.failure)}`)
      const failed = result.steps.filter((step) => step.status === 'failed')
      for (const step of failed) assert.match(step.reason ?? '', /503|Service Unavailable/, `${at}: ${step.name} names the answer`)
      const skipped = result.steps.filter((step) => step.status === 'skipped' && /^needs \S+, which (failed|was skipped)$/.test(step.reason ?? ''))
      const inDiscovery = !result.steps.some((step) => step.name === 'teardown')
      if (!inDiscovery) {
        assert.ok(skipped.length >= 1, `${at}: the failed step's dependents were skipped`)
        assert.equal(result.steps.find((step) => step.name === 'teardown')?.status, 'passed', `${at}: teardown`)
      }
      assert.equal(result.summary.leftovers, 0, `${at}: the teardown left something`)
      assert.deepEqual(extraAfterIteration, [], `${at}: left on the cloud`)
      assert.ok(openRows.every((row) => row.endsWith('(no id)')), `${at}: only failed creates keep a row (no id): ${openRows.join(', ')}`)
      assert.deepEqual([cleanup.found, cleanup.remaining, rowsAfter], [0, 0, []], `${at}: the next cleanup finds nothing and settles the rows`)
      seen.push(`${failFrom}: ${failed.map((step) => step.name).join('+')} failed, ${inDiscovery ? 'no resource planned' : `${skipped.length} skipped`}, ${openRows.length} rows without id`)
    }
    t.diagnostic(`${beforeTeardown} block-storage calls before the teardown; ${seen.join('; ')}`)
  })

  test('an outage from the teardown on: the iteration is leaked (second pass tried), cleanup after recovery leaves 0', async () => {
    const { result, extraAfterIteration, cleanup, rowsAfter } = await iterate({ begins: (operation) => operation.endsWith('.delete'), endsAtFailedStep: false })
    assert.equal(result.failure?.code, 'leaked', JSON.stringify(result.failure))
    assert.equal(result.steps.find((step) => step.name === 'teardown')?.status, 'failed')
    assert.equal(result.summary.leftovers, 3, 'the three root volumes stayed')
    assert.ok(result.deletions.some((deletion) => deletion.status === 'failed' && deletion.pass === 2 && /503|Service Unavailable/.test(deletion.reason ?? '')), 'retried in the second pass')
    assert.equal(extraAfterIteration.filter((row) => row.startsWith('volumes: ')).length, 3)
    assert.deepEqual([cleanup.leaked, cleanup.remaining, rowsAfter, cloud.extra()], [true, 0, [], []])
  })
})
