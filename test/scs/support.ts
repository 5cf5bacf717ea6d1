/**
 * Test support for the SCS API: the app mounted under `/scs` over a fresh store with two
 * components, a settable clock, real operator and reporter tokens issued in that store, and a
 * client that validates every response against the spec file.
 *
 * @module
 */
import assert from 'node:assert/strict'
import { Hono } from 'hono'
import { issueToken } from '../../src/api/auth/index.js'
import { createScsApp, type CorsOrigins } from '../../src/api/scs/index.js'
import type { Store } from '../../src/store/index.js'
import { settableClock, type SettableClock } from '../incidents/support.js'
import { tempStore } from '../support/temp-store.js'
import type { SpecValidator } from './spec-validator.js'

/** The bearer tokens of the newest fixture (issued by {@link scsFixture}). */
export const TOKENS = { operator: '', reporter: '' }
/** The audit actor of the operator token. */
export const OPERATOR_NAME = 'ops-bot'

/** A store, an app at `/scs` and a clock. */
export interface ScsFixture {
  store: Store
  app: Hono
  clock: SettableClock
  dispose(): Promise<void>
}

/** Builds the fixture with components `compute` and `network`. */
export async function scsFixture(cors?: CorsOrigins): Promise<ScsFixture> {
  const temp = await tempStore()
  const clock = settableClock(Date.UTC(2026, 11, 6, 12))
  await temp.store.components.sync(
    [
      { name: 'compute', displayName: 'Compute', labels: { region: 'R1' } },
      { name: 'network', displayName: 'Network', labels: { region: 'R1', az: 'a' } },
    ],
    clock.now(),
  )
  const app = new Hono()
  app.use(async (c, next) => {
    c.set('requestId', 'req-test')
    await next()
  })
  const by = { now: clock.now(), createdBy: 'test' }
  TOKENS.operator = (await issueToken(temp.store.tokens, { name: OPERATOR_NAME, scope: 'operator' }, by)).token
  TOKENS.reporter = (await issueToken(temp.store.tokens, { name: 'probe-bot', scope: 'reporter' }, by)).token
  app.route('/scs', createScsApp({ store: temp.store, clock, ...(cors === undefined ? {} : { cors }) }))
  return { store: temp.store, app, clock, dispose: temp.dispose }
}

/** One answered request. */
export interface Answer {
  status: number
  body: any
  text: string
  headers: Headers
}

/** Calls the app as `who`, checks the answer against the spec and the expected status, and records the operation. */
export function specClient(app: Hono, spec: SpecValidator, covered: Map<string, Set<number>>) {
  return async function call(method: string, path: string, options: { body?: unknown; as?: keyof typeof TOKENS | 'anonymous'; expect: number }): Promise<Answer> {
    const who = options.as ?? 'operator'
    const headers: Record<string, string> = { accept: 'application/json' }
    if (who !== 'anonymous') headers.authorization = `Bearer ${TOKENS[who]}`
    if (options.body !== undefined) headers['content-type'] = 'application/json'
    const res = await app.request(`/scs${path}`, { method, headers, ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }) })
    const text = await res.text()
    const operation = spec.operationOf(method, path.split('?')[0]!)
    assert.ok(operation !== null, `${method} ${path} is no operation of the spec`)
    const issues = spec.check(operation, res.status, res.headers.get('content-type'), text)
    assert.deepEqual(issues, [], `${method} ${path} → ${res.status} does not conform to the spec: ${text.slice(0, 300)}`)
    assert.equal(res.status, options.expect, `${method} ${path}: expected ${options.expect}, got ${res.status}: ${text.slice(0, 300)}`)
    for (const token of Object.values(TOKENS)) assert.ok(!text.includes(token), 'a token never appears in a response')
    if (!covered.has(operation)) covered.set(operation, new Set())
    covered.get(operation)!.add(res.status)
    return { status: res.status, body: text === '' ? null : JSON.parse(text), text, headers: res.headers }
  }
}
