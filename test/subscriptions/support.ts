/**
 * Test support for the subscription suites: a server app over a temporary store with components
 * `compute` and `network`, the subscriptions runtime wired as `glasshouse serve` wires it, an
 * outbox worker with its resolver, an operator and an admin token, and a settable clock.
 *
 * @module
 */
import { issueToken } from '../../src/api/auth/index.js'
import { ConfigSchema, type ConfigInput } from '../../src/config/index.js'
import { systemClock } from '../../src/core/index.js'
import { createOutboxWorker, type OutboxWorker } from '../../src/notify/index.js'
import type { Store } from '../../src/store/index.js'
import { createSubscriptions, type SubscriptionsRuntime } from '../../src/subscriptions/index.js'
import { testServerApp } from '../support/server-app.js'
import { tempStore } from '../support/temp-store.js'

/** The real clock, moved ahead by the test (the API's writes use the system clock). */
export interface TestClock {
  now(): number
  monotonic(): number
  advance(ms: number): void
}

/** A clock running with the real one, `advance` moving it ahead. */
export function testClock(): TestClock {
  let offset = 0
  return { now: () => Date.now() + offset, monotonic: () => performance.now() + offset, advance: (ms) => (offset += ms) }
}

/** A running test server with subscriptions. */
export interface SubscriptionHarness {
  app: ReturnType<typeof testServerApp>
  store: Store
  /** The data dir (where the link key file is). */
  dataDir: string
  clock: TestClock
  runtime: SubscriptionsRuntime
  worker: OutboxWorker
  tokens: { operator: string; admin: string }
  /** Every object the worker and the server logged, as JSON text. */
  logged: string[]
  /** Sends a JSON request with a token. */
  api(as: 'operator' | 'admin' | null, method: string, path: string, body?: unknown): Promise<Response>
  /** Runs outbox passes until nothing is due (the fan-out, then the per-subscriber sends). */
  drain(): Promise<{ sent: number; retried: number; dead: number }>
  dispose(): Promise<void>
}

/**
 * Starts a harness; `subscriptions` is the config section (merged over a base with e-mail off).
 *
 * @example
 * const h = await startHarness({ email: { from: 'status@example.com', smtp: { host: '127.0.0.1', port } } })
 */
export async function startHarness(subscriptions: NonNullable<ConfigInput['subscriptions']> = {}, options: { resolve?: (host: string) => Promise<{ address: string; family: number }[]> } = {}): Promise<SubscriptionHarness> {
  const temp = await tempStore()
  const { store } = temp
  const clock = testClock()
  await store.components.sync([{ name: 'compute', displayName: 'Compute' }, { name: 'network', displayName: 'Network' }], clock.now())
  const config = ConfigSchema.parse({
    server: { title: 'Test cloud', publicUrl: 'http://status.test' },
    storage: { dataDir: temp.dir },
    subscriptions,
  })
  const logged: string[] = []
  const log = {
    info: (object: object) => void logged.push(JSON.stringify(object)),
    warn: (object: object) => void logged.push(JSON.stringify(object)),
    error: (object: object) => void logged.push(JSON.stringify(object, (_key, value: unknown) => (value instanceof Error ? value.message : value))),
  }
  const runtime = createSubscriptions({ config, store, clock, log, ...(options.resolve === undefined ? {} : { resolve: options.resolve }) })
  const worker = createOutboxWorker({ store, clock, log, senders: new Map(), resolve: runtime.resolve, delivery: { timeout: 5_000, maxAttempts: 3, backoff: 60_000, maxBackoff: 60_000 } })
  const app = testServerApp(store, { clock, subscriptions: runtime, log })
  const now = clock.now()
  const tokens = {
    operator: (await issueToken(store.tokens, { name: 'oncall', scope: 'operator' }, { now, createdBy: 'test' })).token,
    admin: (await issueToken(store.tokens, { name: 'root', scope: 'admin' }, { now, createdBy: 'test' })).token,
  }
  return {
    app, store, dataDir: temp.dir, clock, runtime, worker, tokens, logged,
    api(as, method, path, body) {
      const headers: Record<string, string> = {}
      if (as !== null) headers.authorization = `Bearer ${tokens[as]}`
      if (body !== undefined) headers['content-type'] = 'application/json'
      return Promise.resolve(app.request(path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }))
    },
    async drain() {
      const total = { sent: 0, retried: 0, dead: 0 }
      for (let pass = 0; pass < 10; pass += 1) {
        const done = await worker.drain()
        total.sent += done.sent
        total.retried += done.retried
        total.dead += done.dead
        if (done.sent + done.retried + done.dead === 0) break
      }
      return total
    },
    async dispose() {
      await runtime.stop()
      await worker.stop()
      await temp.dispose()
    },
  }
}

/**
 * The subscriptions runtime with the default config over `store` (for suites that only need the
 * routes served, such as the auth matrix); its job is not started.
 *
 * @example
 * testServerApp(store, { subscriptions: defaultSubscriptions(store, temp.dir) })
 */
export function defaultSubscriptions(store: Store, dataDir: string): SubscriptionsRuntime {
  const config = ConfigSchema.parse({ storage: { dataDir } })
  return createSubscriptions({ config, store, clock: systemClock, log: { error: () => undefined } })
}

/** Posts a form (application/x-www-form-urlencoded) to the app. */
export function postForm(app: SubscriptionHarness['app'], path: string, fields: [string, string][], headers: Record<string, string> = {}): Promise<Response> {
  return Promise.resolve(app.request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(fields).toString() }))
}
