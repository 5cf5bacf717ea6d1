/**
 * Test support for the operator UI: a server over a temporary store with two components, a
 * token of each scope, a settable clock, and a tiny browser (cookie jar, form posts, CSRF field
 * taken from the page) that talks to the app through `app.request`.
 *
 * @module
 */
import { issueToken } from '../../src/api/auth/index.js'
import type { Clock } from '../../src/core/index.js'
import { CheckSchema, PageSchema, storedDefinition, type PageConfig } from '../../src/config/index.js'
import { OperatorSchema, type OperatorConfig } from '../../src/operator/index.js'
import { createStatusReader } from '../../src/status/index.js'
import type { Store } from '../../src/store/index.js'
import { testServerApp } from '../support/server-app.js'
import { tempStore } from '../support/temp-store.js'

/** A clock the test moves. */
export interface SettableClock extends Clock {
  advance(ms: number): void
}

function settableClock(start: number): SettableClock {
  let now = start
  return { now: () => now, monotonic: () => now, advance: (ms) => void (now += ms) }
}

/** A running operator UI. */
export interface OperatorUi {
  app: ReturnType<typeof testServerApp>
  store: Store
  clock: SettableClock
  tokens: { reporter: string; operator: string; admin: string }
  tokenIds: { reporter: string; operator: string; admin: string }
  /** What the server logged (warn/info/error), to check no token appears. */
  logged: string[]
  browser(options?: { peer?: string; headers?: Record<string, string>; base?: string }): Browser
  dispose(): Promise<void>
}

/** A cookie-keeping client of the app. */
export interface Browser {
  cookies: Map<string, string>
  /** Every `Set-Cookie` header received, in order. */
  setCookies: string[]
  get(path: string): Promise<Response>
  post(path: string, fields: Record<string, string | string[]>): Promise<Response>
  /** GETs `path` and returns the first `_csrf` field of its page. */
  csrfOf(path: string): Promise<string>
  /** Signs in with `token` through the form; returns the POST's response. */
  signIn(token: string): Promise<Response>
}

/** The first `_csrf` hidden field of a page. */
export function csrfIn(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html)
  if (match === null) throw new Error('no _csrf field on the page')
  return match[1]!
}

/** Starts the UI over a fresh store with components `compute` (locations de-1, de-2) and `network` (global). */
export async function startOperatorUi(options: { operator?: Partial<OperatorConfig>; page?: Partial<PageConfig> } = {}): Promise<OperatorUi> {
  const temp = await tempStore()
  const { store } = temp
  const clock = settableClock(Date.now())
  const checks = [CheckSchema.parse({ name: 'api', kind: 'tcp', host: '127.0.0.1', port: 9 }), CheckSchema.parse({ name: 'resolver', kind: 'tcp', host: '127.0.0.1', port: 53 })]
  const rows = await store.checks.sync(checks.map((check) => ({ name: check.name, kind: check.kind, displayName: check.name, definition: storedDefinition(check) })), clock.now())
  const id = (name: string) => rows.find((row) => row.name === name)!.id
  await store.components.sync(
    [
      { name: 'compute', displayName: 'Compute', feeds: [{ checkId: id('api'), location: 'de-1' }, { checkId: id('resolver'), location: 'de-2' }] },
      { name: 'network', displayName: 'Network', feeds: [{ checkId: id('resolver'), location: 'global' }] },
    ],
    clock.now(),
  )
  const issue = async (name: string, scope: 'reporter' | 'operator' | 'admin') => issueToken(store.tokens, { name, scope }, { now: clock.now(), createdBy: 'test' })
  const reporter = await issue('probe-agent', 'reporter')
  const operator = await issue('oncall', 'operator')
  const admin = await issue('root', 'admin')
  const logged: string[] = []
  const log = (level: string) => (object: object, message?: string) => void logged.push(`${level} ${JSON.stringify(object)} ${message ?? ''}`)
  const operatorSettings = { ...OperatorSchema.parse({}), ...options.operator }
  const page = { ...PageSchema.parse({}), ...options.page }
  const app = testServerApp(store, {
    clock,
    status: createStatusReader({ store, clock }),
    operator: () => operatorSettings,
    page: () => page,
    log: { error: log('error'), info: log('info'), warn: log('warn') } as { error(obj: object, msg?: string): void },
  })
  return {
    app,
    store,
    clock,
    tokens: { reporter: reporter.token, operator: operator.token, admin: admin.token },
    tokenIds: { reporter: reporter.row.id, operator: operator.row.id, admin: admin.row.id },
    logged,
    browser: (browserOptions = {}) => browser(app, browserOptions),
    dispose: temp.dispose,
  }
}

function browser(app: OperatorUi['app'], options: { peer?: string; headers?: Record<string, string>; base?: string }): Browser {
  const cookies = new Map<string, string>()
  const setCookies: string[] = []
  const env = { incoming: { socket: { remoteAddress: options.peer ?? '127.0.0.1', remotePort: 40000, remoteFamily: 'IPv4' } } }
  const base = options.base ?? 'http://localhost'
  const send = async (path: string, init: RequestInit) => {
    const cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ')
    const headers = { ...options.headers, ...(init.headers as Record<string, string>), ...(cookie === '' ? {} : { cookie }) }
    const response = await app.request(`${base}${path}`, { ...init, headers }, env)
    for (const line of response.headers.getSetCookie()) {
      setCookies.push(line)
      const [pair = ''] = line.split(';')
      const [name = '', value = ''] = pair.split('=')
      if (/max-age=0/i.test(line) || value === '') cookies.delete(name)
      else cookies.set(name, value)
    }
    return response
  }
  const self: Browser = {
    cookies,
    setCookies,
    get: (path) => send(path, { method: 'GET' }),
    post: (path, fields) => {
      const body = new URLSearchParams()
      for (const [name, value] of Object.entries(fields)) for (const one of Array.isArray(value) ? value : [value]) body.append(name, one)
      return send(path, { method: 'POST', body: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    },
    async csrfOf(path) {
      return csrfIn(await (await self.get(path)).text())
    },
    async signIn(token) {
      const csrf = await self.csrfOf('/operator/sign-in')
      return self.post('/operator/sign-in', { _csrf: csrf, token, next: '/operator' })
    },
  }
  return self
}
