import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { BEARER_SCHEME, scopeAllows, TOKEN_SCOPES } from '../../src/api/auth/index.js'
import type { TokenScope } from '../../src/store/index.js'
import { CALLERS, startWriteApi, type Caller, type WriteApi } from './support.js'

interface WriteOperation {
  method: string
  path: string
  scope: TokenScope | undefined
  hasBody: boolean
}

const READ_METHODS = new Set(['get', 'head'])
const HTTP_METHODS = new Set(['get', 'head', 'post', 'put', 'patch', 'delete', 'options', 'trace'])

/** Every operation of the document that is not a read, with the scope its security names. */
function writeOperations(document: { paths: Record<string, Record<string, { security?: Record<string, string[]>[]; requestBody?: unknown }>> }): WriteOperation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.has(method) && !READ_METHODS.has(method))
      .map(([method, operation]) => {
        const roles = operation.security?.flatMap((requirement) => requirement[BEARER_SCHEME] ?? []) ?? []
        const scope = roles.find((role): role is TokenScope => (TOKEN_SCOPES as readonly string[]).includes(role))
        return { method: method.toUpperCase(), path, scope, hasBody: operation.requestBody !== undefined }
      }),
  )
}

function expectedStatus(caller: Caller, scope: TokenScope): 401 | 403 | 'allowed' {
  if (caller === 'anonymous' || caller === 'revoked' || caller === 'expired') return 401
  return scopeAllows(caller, scope) ? 'allowed' : 403
}

const concrete = (path: string) => path.replace(/\{[^}]+\}/g, '0190e7a0-0000-7000-8000-000000000000')

describe('auth matrix: every write route of /api/v1 × every kind of caller', () => {
  let api: WriteApi
  let operations: WriteOperation[]

  before(async () => {
    api = await startWriteApi()
    const res = await api.app.request('/api/v1/openapi.json')
    assert.equal(res.status, 200)
    operations = writeOperations((await res.json()) as Parameters<typeof writeOperations>[0])
  })
  after(() => api.dispose())

  test('the document declares the bearer scheme and a scope on every write route', async () => {
    const document = (await (await api.app.request('/api/v1/openapi.json')).json()) as any
    assert.equal(document.components.securitySchemes[BEARER_SCHEME].scheme, 'bearer')
    assert.ok(operations.length >= 7, `found only ${operations.length} write routes`)
    const unscoped = operations.filter((operation) => operation.scope === undefined).map((operation) => `${operation.method} ${operation.path}`)
    assert.deepEqual(unscoped, [], 'write routes without a scope in their security requirement')
  })

  test('each caller gets exactly the answer its token deserves', async () => {
    const wrong: string[] = []
    let cells = 0
    for (const operation of operations) {
      for (const caller of CALLERS) {
        cells++
        const res = await api.call(caller, operation.method, `/api/v1${concrete(operation.path)}`, operation.hasBody ? {} : undefined)
        const expected = expectedStatus(caller, operation.scope ?? 'admin')
        const label = `${operation.method} ${operation.path} as ${caller}: ${res.status}`
        if (expected === 'allowed') {
          if (res.status === 401 || res.status === 403 || res.status >= 500) wrong.push(`${label}, expected to pass the scope check`)
        } else {
          if (res.status !== expected) wrong.push(`${label}, expected ${expected}`)
          else if (!res.headers.get('www-authenticate')?.startsWith('Bearer ')) wrong.push(`${label} without a Bearer challenge`)
          else if (res.headers.get('content-type') !== 'application/problem+json') wrong.push(`${label} is not a problem`)
        }
        await res.body?.cancel()
      }
    }
    assert.deepEqual(wrong, [])
    process.stdout.write(`auth matrix: ${operations.length} write routes × ${CALLERS.length} callers = ${cells} cells\n`)
  })
})
