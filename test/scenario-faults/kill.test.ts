import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { setTimeout as sleep } from 'node:timers/promises'
import { OpenStackClient } from '../../src/openstack/index.js'
import { cleanupLeftovers } from '../../src/scenario/cleanup/index.js'
import type { CleanupReport } from '../../src/scenario/cleanup/index.js'
import type { ScenarioOptionsInput } from '../../src/scenario/oshm/index.js'
import { openStore } from '../../src/store/index.js'
import { countingCloud, FAST_CLEANUP, startIterationChild, tempDataDir } from './support.js'
import type { CountingCloud, IterationChild } from './support.js'
import { seededRandom } from '../support/seeded-random.js'

/** 1/100 of a real cloud's times: a boot takes 0.3 s, a load balancer 0.6 s, a call 3–20 ms. */
const SCALE = 0.01
/** Longest write answer at this scale, times five: a request the dead child sent lands within it. */
const SETTLE_MS = 2_000 * SCALE * 5
const WORKERS = 3
const POINTS = { plain: 20, withLoadBalancer: 4 }

const optionsFor = (loadBalancer: boolean): ScenarioOptionsInput => ({ vms: 1, bootMode: 'volume', skipReachability: true, pollIntervalMs: 10, loadBalancer: { enabled: loadBalancer } })

interface Outcome {
  point: string
  killed: boolean
  /** Ledger rows not marked deleted when the child died. */
  openRows: number
  report: CleanupReport
  extra: string[]
  rowsAfter: string[]
}

/** Runs one iteration in a child on `cloud`, killed with SIGKILL at request `killAt` (never when absent), then cleans up. */
async function killAndClean(cloud: CountingCloud, owner: string, loadBalancer: boolean, killAt?: number): Promise<Outcome & { requests: number; child: Awaited<IterationChild['exited']>; lines: string[] }> {
  cloud.reset()
  const data = tempDataDir()
  try {
    let child: IterationChild | undefined
    cloud.arm(killAt, () => child?.process.kill('SIGKILL'))
    child = startIterationChild({ cloudsFile: cloud.cloudsFile, cloud: 'sim', dataDir: data.dir, owner, options: optionsFor(loadBalancer), retryDelayMs: 50, simulated: true })
    const ended = await child.exited
    const requests = cloud.requests()
    await sleep(SETTLE_MS)
    const store = await openStore({ dataDir: data.dir })
    const session = new OpenStackClient({ cloud: cloud.sim.cloud }).iteration({ signal: AbortSignal.timeout(60_000) })
    try {
      await store.migrate()
      const openRows = (await store.ledger.leftovers('sim', { owner })).length
      const report = await cleanupLeftovers({ store, session, cloud: 'sim', owner, ...FAST_CLEANUP })
      const rowsAfter = (await store.ledger.leftovers('sim', { owner })).map((row) => `${row.kind} ${row.name}`)
      const point = killAt === undefined ? 'no kill' : `request ${killAt}${loadBalancer ? ' (LB)' : ''}`
      return { point, killed: ended.signal === 'SIGKILL', openRows, report, extra: cloud.extra(), rowsAfter, requests, child: ended, lines: child.lines }
    } finally {
      await session.close()
      await store.close()
    }
  } finally {
    data.remove()
  }
}

describe('kill -9 of an iteration at seeded points, then cleanup (simulated cloud over HTTP)', { timeout: 240_000 }, () => {
  const clouds: CountingCloud[] = []
  const requestsOf = { plain: 0, withLoadBalancer: 0 }
  before(async () => {
    for (let worker = 0; worker < WORKERS; worker++) clouds.push(await countingCloud(SCALE, 9 + worker))
  })
  after(async () => {
    await Promise.all(clouds.map((cloud) => cloud.close()))
  })

  test('an iteration that is not killed passes, leaves nothing, and says how many requests it makes', async (t) => {
    for (const loadBalancer of [false, true]) {
      const run = await killAndClean(clouds[0]!, loadBalancer ? 'fullb' : 'full', loadBalancer)
      const result = run.lines.find((line) => line.startsWith('result '))
      assert.ok(result, `the child reported no result: ${run.child.stderr}`)
      const parsed = JSON.parse(result.slice('result '.length)) as { ok: boolean; failure: unknown; summary: { leftovers: number } }
      assert.equal(parsed.ok, true, JSON.stringify(parsed.failure))
      assert.deepEqual([run.child.code, run.openRows, run.report.found, run.extra], [0, 0, 0, []])
      requestsOf[loadBalancer ? 'withLoadBalancer' : 'plain'] = run.requests
    }
    t.diagnostic(`requests per iteration: ${requestsOf.plain} without a load balancer, ${requestsOf.withLoadBalancer} with one`)
    assert.ok(requestsOf.plain > 40 && requestsOf.withLoadBalancer > requestsOf.plain)
  })

  test(`killed at ${POINTS.plain + POINTS.withLoadBalancer} seeded points: cleanup leaves 0 resources and 0 open ledger rows`, async (t) => {
    assert.ok(requestsOf.plain > 0, 'the run without a kill counted the requests')
    const random = seededRandom(20_261_207)
    const draw = (total: number, count: number) => {
      const points = new Set<number>()
      while (points.size < count) points.add(1 + Math.floor(random() * Math.floor(total * 0.9)))
      return [...points]
    }
    const queue = [...draw(requestsOf.plain, POINTS.plain).map((k) => ({ k, lb: false })), ...draw(requestsOf.withLoadBalancer, POINTS.withLoadBalancer).map((k) => ({ k, lb: true }))]
    const outcomes: Outcome[] = []
    await Promise.all(
      clouds.map(async (cloud) => {
        for (let next = queue.shift(); next; next = queue.shift()) outcomes.push(await killAndClean(cloud, `kill${next.k}${next.lb ? 'lb' : ''}`, next.lb, next.k))
      }),
    )
    for (const outcome of outcomes) {
      assert.deepEqual(outcome.extra, [], `killed at ${outcome.point}: left on the cloud`)
      assert.equal(outcome.report.remaining, 0, `killed at ${outcome.point}: ${JSON.stringify(outcome.report.items.filter((item) => item.outcome === 'failed'))}`)
      assert.deepEqual(outcome.rowsAfter, [], `killed at ${outcome.point}: ledger rows still open`)
    }
    const killed = outcomes.filter((outcome) => outcome.killed)
    const leaked = outcomes.filter((outcome) => outcome.report.leaked)
    const byJanitor = outcomes.filter((outcome) => outcome.report.items.some((item) => item.source === 'janitor'))
    t.diagnostic(
      `${killed.length} of ${outcomes.length} killed; ${leaked.length} left resources that cleanup found (${outcomes.reduce((sum, outcome) => sum + outcome.report.found, 0)} in all, ` +
        `${byJanitor.length} runs needed the janitor); open ledger rows at death: ${outcomes.map((outcome) => `${outcome.point}: ${outcome.openRows}`).join(', ')}`,
    )
    assert.ok(killed.length >= 20, `at least 20 runs were really killed mid-iteration (${killed.length})`)
    assert.ok(leaked.length >= 15, `most kill points left something for cleanup (${leaked.length})`)
    assert.ok(outcomes.some((outcome) => outcome.point.endsWith('(LB)') && outcome.report.items.some((item) => item.kind === 'loadbalancer')), 'a kill point left a load balancer')
  })
})
