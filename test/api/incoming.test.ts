import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createApiApp } from '../../src/api/index.js'
import { issueToken } from '../../src/api/auth/index.js'
import { ConfigSchema, effectiveComponents, parseStoredCheck, storedDefinition, type Config } from '../../src/config/index.js'
import { compileHealth, HealthSchema } from '../../src/config/health-schema.js'
import { createHealthRunner } from '../../src/health-runner/index.js'
import { createMetrics } from '../../src/metrics/index.js'
import { createMonitor, createResultWriter } from '../../src/monitor/index.js'
import { createStatusReader } from '../../src/status/index.js'
import type { Store } from '../../src/store/index.js'
import { fakeClock, memoryLog, type FakeClock } from '../records-job/fixtures.js'
import { testServerApp } from '../support/server-app.js'
import { tempStore } from '../support/temp-store.js'

const EXPECT_EVERY = 60_000

/** A config with a heartbeat check feeding (backup, R1), a second one for (site-7, global), and an http check. */
const CONFIG: Config = ConfigSchema.parse({
  checks: [
    { name: 'nightly-backup', kind: 'heartbeat', expectEvery: '1m', labels: { location: 'R1' } },
    { name: 'site-7', kind: 'heartbeat', expectEvery: '5m' },
    { name: 'web', kind: 'http', url: 'http://127.0.0.1:9/', enabled: false },
  ],
  components: [
    { name: 'backup', feeds: [{ check: 'nightly-backup' }] },
    { name: 'site', feeds: [{ check: 'site-7' }] },
    { name: 'website', feeds: [{ check: 'web' }] },
  ],
})

interface Harness {
  store: Store
  token: string
  operatorToken: string
  dispose(): Promise<void>
}

async function harness(): Promise<Harness> {
  const temp = await tempStore()
  const log = { ...memoryLog(), debug: () => undefined, child: () => log } as never
  const metrics = createMetrics()
  const monitor = createMonitor({ store: temp.store, writer: createResultWriter({ sink: temp.store.results, metrics, log }), metrics, clock: fakeClock(0), log })
  const report = await monitor.apply({ checks: CONFIG.checks, components: effectiveComponents(CONFIG) })
  assert.deepEqual(report.added, [], 'heartbeat checks are never scheduled (and web is disabled)')
  await monitor.stop()
  const issue = async (name: string, scope: 'reporter' | 'operator') => (await issueToken(temp.store.tokens, { name, scope }, { now: Date.now(), createdBy: 'test' })).token
  return { store: temp.store, token: await issue('site-agent', 'reporter'), operatorToken: await issue('oncall', 'operator'), dispose: temp.dispose }
}

const post = (app: { request: (path: string, init: RequestInit) => Response | Promise<Response> }, path: string, token: string, body?: unknown) =>
  app.request(path, { method: 'POST', headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) })

const checkId = async (store: Store, name: string) => (await store.checks.list()).find((row) => row.name === name)!.id

describe('heartbeat check kind (config)', () => {
  test('expectEvery is its interval, and the stored definition reads back the same', () => {
    const check = CONFIG.checks[0]!
    assert.equal(check.kind, 'heartbeat')
    assert.equal(check.interval, EXPECT_EVERY)
    assert.deepEqual(parseStoredCheck(storedDefinition(check)), check)
    assert.equal(ConfigSchema.safeParse({ checks: [{ name: 'hb', kind: 'heartbeat' }] }).success, false, 'expectEvery is required')
  })
})

describe('POST /api/v1/heartbeats/{check}', () => {
  let h: Harness
  before(async () => void (h = await harness()))
  after(() => h.dispose())

  test('beats keep the series operational; when they stop it turns no data after 3 × expectEvery', async () => {
    const start = Date.now()
    const clock: FakeClock = fakeClock(start)
    const app = testServerApp(h.store, { status: createStatusReader({ store: h.store, clock, maxAgeMs: -1, minAgeMs: 0 }) })
    const health = compileHealth(HealthSchema.parse({}))
    const runner = createHealthRunner({ store: h.store, clock, log: memoryLog(), ruleSets: health.ruleSets, defaultRuleSet: health.defaultName })
    const answer = await post(app, '/api/v1/heartbeats/nightly-backup', h.token)
    assert.equal(answer.status, 200)
    const receipt: any = await answer.json()
    assert.equal(receipt.status, 'up')
    const lastBeat = Date.parse(receipt.receivedAt)
    const state = async () => {
      await runner.evaluateNow()
      const status: any = await (await app.request('/api/v1/status')).json()
      return status.components.find((c: any) => c.name === 'backup').locations.find((l: any) => l.location === 'R1').state
    }
    clock.set(lastBeat + 1_000)
    assert.equal(await state(), 'operational')
    clock.set(lastBeat + 2 * EXPECT_EVERY)
    assert.equal(await state(), 'operational', 'two missed beats are still inside the noData window')
    clock.set(lastBeat + 3 * EXPECT_EVERY + 1_000)
    assert.equal(await state(), 'no_data', 'no beat for 3 × expectEvery: no data, never the last state')
  })

  test('a beat with a body is stored as a result; down fails it', async () => {
    const app = testServerApp(h.store)
    const res = await post(app, '/api/v1/heartbeats/nightly-backup', h.token, { status: 'down', message: 'backup failed: disk full', durationMs: 5400 })
    assert.equal(res.status, 200)
    const [stored] = await h.store.results.list(await checkId(h.store, 'nightly-backup'), { limit: 1 })
    assert.equal(stored?.ok, false)
    assert.deepEqual(stored?.failure, { code: 'assertion', message: 'backup failed: disk full' })
    assert.equal(stored?.durationMs, 5400)
    assert.equal(stored?.calls[0]?.requestId, 'beat by site-agent')
  })

  test('unknown check 404, another kind 409, a bad body 400 — all problems, nothing stored', async () => {
    const app = testServerApp(h.store)
    const id = await checkId(h.store, 'nightly-backup')
    const count = (await h.store.results.list(id, { limit: 1000 })).length
    const cases: [string, unknown, number][] = [
      ['/api/v1/heartbeats/nope', undefined, 404],
      ['/api/v1/heartbeats/web', undefined, 409],
      ['/api/v1/heartbeats/nightly-backup', { status: 'sideways' }, 400],
      ['/api/v1/heartbeats/nightly-backup', { status: 'up', extra: 1 }, 400],
      ['/api/v1/heartbeats/nightly-backup', '{not json', 400],
    ]
    for (const [path, body, status] of cases) {
      const res = await post(app, path, h.token, body)
      assert.equal(res.status, status, `${path} ${JSON.stringify(body)}`)
      assert.equal(res.headers.get('content-type'), 'application/problem+json')
      const problem: any = await res.json()
      assert.ok(problem.detail, 'the problem says why')
    }
    assert.equal((await h.store.results.list(id, { limit: 1000 })).length, count)
  })

  test('the OpenAPI document declares both routes with scope reporter', async () => {
    const document: any = await (await testServerApp(h.store).request('/api/v1/openapi.json')).json()
    assert.deepEqual(document.paths['/heartbeats/{check}'].post.security, [{ bearer: ['reporter'] }])
    assert.deepEqual(document.paths['/beacons'].post.security, [{ bearer: ['reporter'] }])
  })
})

describe('rate limit of incoming reports (per token)', () => {
  test('beyond the burst: 429 with Retry-After; other tokens unaffected; refilled after Retry-After', async () => {
    const h = await harness()
    try {
      const clock = fakeClock(Date.now())
      const app = createApiApp({ store: h.store, status: createStatusReader({ store: h.store, clock }), version: 't', clock, incoming: () => ({ rateLimit: { perMinute: 6, burst: 2 }, replayWindowMs: 300_000 }) })
      assert.equal((await post(app, '/heartbeats/nightly-backup', h.token)).status, 200)
      assert.equal((await post(app, '/heartbeats/nightly-backup', h.token)).status, 200)
      const limited = await post(app, '/heartbeats/nightly-backup', h.token)
      assert.equal(limited.status, 429)
      assert.equal(limited.headers.get('retry-after'), '10')
      assert.equal(limited.headers.get('content-type'), 'application/problem+json')
      assert.equal((await post(app, '/heartbeats/nightly-backup', h.operatorToken)).status, 200, 'another token has its own bucket')
      clock.set(clock.now() + 10_000)
      assert.equal((await post(app, '/heartbeats/nightly-backup', h.token)).status, 200)
    } finally {
      await h.dispose()
    }
  })
})

describe('config incoming: reaches the server', () => {
  test('the configured rate limit applies to /api/v1; bad values are config errors', async () => {
    const h = await harness()
    try {
      const incoming = ConfigSchema.parse({ incoming: { rateLimit: { perMinute: 1, burst: 1 }, replayWindow: '2m' } }).incoming
      assert.equal(incoming.replayWindow, 120_000)
      const app = testServerApp(h.store, { incoming: () => incoming })
      assert.equal((await post(app, '/api/v1/heartbeats/nightly-backup', h.token)).status, 200)
      const limited = await post(app, '/api/v1/heartbeats/nightly-backup', h.token)
      assert.equal(limited.status, 429)
      assert.ok(Number(limited.headers.get('retry-after')) >= 59)
      assert.equal(ConfigSchema.safeParse({ incoming: { rateLimit: { perMinute: 0 } } }).success, false)
      assert.equal(ConfigSchema.safeParse({ incoming: { replayWindow: '2d' } }).success, false)
    } finally {
      await h.dispose()
    }
  })
})

describe('POST /api/v1/beacons', () => {
  let h: Harness
  let clock: FakeClock
  let app: ReturnType<typeof createApiApp>
  before(async () => {
    h = await harness()
    clock = fakeClock(Date.now())
    app = createApiApp({ store: h.store, status: createStatusReader({ store: h.store, clock }), version: 't', clock })
  })
  after(() => h.dispose())

  const beacon = (overrides: Record<string, unknown> = {}) => ({ id: 'site-7/1', component: 'site', state: 'degraded', message: 'pool 2 of 3 down', at: new Date(clock.now() - 30_000).toISOString(), ...overrides })

  test('is stored as a result of the heartbeat check feeding the series, at its own time', async () => {
    const sent = beacon()
    const res = await post(app, '/beacons', h.token, sent)
    assert.equal(res.status, 200)
    assert.deepEqual(await res.json(), { id: 'site-7/1', check: 'site-7', component: 'site', location: 'global', state: 'degraded', at: sent.at })
    const [stored] = await h.store.results.list(await checkId(h.store, 'site-7'), { limit: 1 })
    assert.equal(stored?.startedAt, Date.parse(sent.at))
    assert.equal(stored?.ok, false)
    assert.equal(stored?.failure?.message, 'reported degraded: pool 2 of 3 down')
  })

  test('a replay is refused and not applied twice, even with another time inside the window', async () => {
    const id = await checkId(h.store, 'site-7')
    const before = (await h.store.results.list(id, { limit: 1000 })).length
    for (const replay of [beacon(), beacon({ at: new Date(clock.now()).toISOString(), state: 'operational' })]) {
      const res = await post(app, '/beacons', h.token, replay)
      assert.equal(res.status, 409)
      assert.match(((await res.json()) as any).detail, /already applied/)
    }
    assert.equal((await h.store.results.list(id, { limit: 1000 })).length, before)
    assert.equal((await post(app, '/beacons', h.token, beacon({ id: 'site-7/2', state: 'operational' }))).status, 200, 'a new id is applied')
    assert.equal((await h.store.results.list(id, { limit: 1000 })).length, before + 1)
  })

  test('outside the replay window (either side) 400; unknown series 404; bad shape 400', async () => {
    const cases: [Record<string, unknown>, number, RegExp][] = [
      [beacon({ id: 'old', at: new Date(clock.now() - 5 * 60_000 - 1_000).toISOString() }), 400, /older than the server clock/],
      [beacon({ id: 'future', at: new Date(clock.now() + 6 * 60_000).toISOString() }), 400, /newer than the server clock/],
      [beacon({ id: 'x', component: 'nope' }), 404, /no component named "nope"/],
      [beacon({ id: 'y', component: 'website' }), 404, /no heartbeat check feeds \(website, global\)/],
      [beacon({ id: 'z', location: 'R9' }), 404, /no heartbeat check feeds \(site, R9\)/],
      [beacon({ id: 'w', state: 'on fire' }), 400, /state/],
      [beacon({ id: 'v', at: 'yesterday' }), 400, /at/],
    ]
    for (const [body, status, detail] of cases) {
      const res = await post(app, '/beacons', h.token, body)
      assert.equal(res.status, status, JSON.stringify(body))
      assert.match(((await res.json()) as any).detail, detail)
    }
  })
})
