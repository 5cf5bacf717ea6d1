/**
 * Test support for the write API: a server over a temporary store with two components and one
 * token per kind of caller (each scope, a revoked one, an expired one).
 *
 * @module
 */
import { generateToken, hashToken, issueToken } from '../../src/api/auth/index.js'
import { newId } from '../../src/core/index.js'
import type { Store } from '../../src/store/index.js'
import { testServerApp } from '../support/server-app.js'
import { tempStore } from '../support/temp-store.js'
import { defaultSubscriptions } from '../subscriptions/support.js'

/** Every kind of caller the auth matrix tries. */
export const CALLERS = ['anonymous', 'reporter', 'operator', 'admin', 'revoked', 'expired'] as const
export type Caller = (typeof CALLERS)[number]

/** A running write API. */
export interface WriteApi {
  app: ReturnType<typeof testServerApp>
  store: Store
  /** The token of each caller (none for anonymous). */
  tokens: Record<Exclude<Caller, 'anonymous'>, string>
  /** Everything the server logged. */
  logged: unknown[]
  /** Sends `method path` as `caller`, with a JSON body when given. */
  call(caller: Caller, method: string, path: string, body?: unknown): Promise<Response>
  dispose(): Promise<void>
}

/** Starts a write API over a fresh store with components `compute` and `network`. */
export async function startWriteApi(): Promise<WriteApi> {
  const temp = await tempStore()
  const { store } = temp
  const now = Date.now()
  await store.components.sync([{ name: 'compute', displayName: 'Compute' }, { name: 'network', displayName: 'Network' }], now)
  const issue = async (name: string, scope: 'reporter' | 'operator' | 'admin') => (await issueToken(store.tokens, { name, scope }, { now, createdBy: 'test' })).token
  const revoked = await issueToken(store.tokens, { name: 'old-ci', scope: 'admin' }, { now, createdBy: 'test' })
  await store.tokens.revoke(revoked.row.id, now)
  const expired = generateToken()
  await store.tokens.insert({ id: newId(), name: 'last-year', scope: 'admin', hash: hashToken(expired), createdAt: now - 2000, createdBy: 'test', expiresAt: now - 1000 })
  const tokens = { reporter: await issue('probe-agent', 'reporter'), operator: await issue('oncall', 'operator'), admin: await issue('root', 'admin'), revoked: revoked.token, expired }
  const logged: unknown[] = []
  const app = testServerApp(store, { log: { error: (object, message) => void logged.push(object, message) }, subscriptions: defaultSubscriptions(store, temp.dir) })
  return {
    app,
    store,
    tokens,
    logged,
    async call(caller, method, path, body) {
      const headers: Record<string, string> = {}
      if (caller !== 'anonymous') headers.authorization = `Bearer ${tokens[caller]}`
      if (body !== undefined) headers['content-type'] = 'application/json'
      return app.request(path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })
    },
    dispose: temp.dispose,
  }
}
