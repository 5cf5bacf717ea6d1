import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createServer as createTcpServer } from 'node:net'
import { before, describe, test } from 'node:test'
import { closedPort, listen, run, setupProbeSuite } from './support/harness.js'

setupProbeSuite()

const CANARY = 'canary-7f3a9c'

function handle(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://x')
  const delay = Number(url.searchParams.get('delay') ?? 0)
  const respond = (): void => route(url, req, res)
  if (delay > 0) setTimeout(respond, delay)
  else respond()
}

function route(url: URL, req: IncomingMessage, res: ServerResponse): void {
  switch (url.pathname) {
    case '/json':
      res.writeHead(200, { 'content-type': 'application/json', 'x-openstack-request-id': 'req-abc' })
      return void res.end(JSON.stringify({ status: 'UP', items: [1, 2, 3], echo: req.headers['x-auth-token'] ?? null }))
    case '/status':
      res.writeHead(Number(url.searchParams.get('code') ?? 200))
      return void res.end('status')
    case '/slow':
      res.writeHead(200)
      return void setTimeout(() => res.end('late'), 5_000).unref()
    case '/reset':
      return void req.socket.destroy()
    case '/huge':
      res.writeHead(200)
      return void res.end(Buffer.alloc(300_000, 97))
    case '/loop':
      res.writeHead(302, { location: `/loop?n=${Number(url.searchParams.get('n') ?? 0) + 1}` })
      return void res.end()
    case '/chain':
      res.writeHead(301, { location: '/chain2' })
      return void res.end()
    case '/chain2':
      res.writeHead(307, { location: '/json' })
      return void res.end()
    default:
      res.writeHead(404)
      res.end('nope')
  }
}

describe('http probe', () => {
  let base = ''
  let garbagePort = 0
  before(async () => {
    base = `http://127.0.0.1:${await listen(createServer(handle))}`
    const garbage = createTcpServer((socket) => {
      socket.on('error', () => {})
      socket.end('SSH-2.0-OpenSSH_9.2\r\nthis is not http\r\n\r\n')
    })
    garbagePort = await listen(garbage)
  })

  test('status, headers, JSON body, request id and phases', async () => {
    const result = await run({
      kind: 'http',
      url: `${base}/json`,
      conditions: ['[STATUS] == 200', '[BODY].status == UP', 'len([BODY].items) == 3', '[HEADER].content-type == pat(application/*)', '[IP] == 127.0.0.1'],
    })
    assert.equal(result.ok, true, JSON.stringify(result.failure))
    const [call] = result.calls
    assert.equal(call?.operation, 'GET /json')
    assert.equal(call?.status, 200)
    assert.equal(call?.requestId, 'req-abc')
    assert.ok(call?.phases.connect !== undefined && call.phases.ttfb !== undefined && call.phases.transfer !== undefined)
    assert.equal(call?.phases.dns, undefined, 'an IP literal needs no lookup')
  })

  test('a host name is looked up and the lookup is timed', async () => {
    const port = new URL(base).port
    const result = await run({ kind: 'http', url: `http://localhost:${port}/json`, conditions: ['[STATUS] == 200'] })
    if (result.ok) assert.ok(result.calls[0]?.phases.dns !== undefined)
    else assert.equal(result.failure?.code, 'connect', 'localhost may resolve to ::1 where nothing listens')
  })

  test('statuses are classified by the failure table', async () => {
    const cases: Array<[number, string]> = [[503, 'http_5xx'], [404, 'not_found'], [401, 'auth'], [429, 'rate_limited'], [418, 'http_4xx']]
    for (const [code, expected] of cases) {
      const result = await run({ kind: 'http', url: `${base}/status?code=${code}` })
      assert.equal(result.failure?.code, expected, `status ${code}`)
      assert.equal(result.failure?.condition?.actual, String(code))
    }
  })

  test('a failed body condition is an assertion', async () => {
    const result = await run({ kind: 'http', url: `${base}/json`, conditions: ['[BODY].status == DOWN'] })
    assert.equal(result.failure?.code, 'assertion')
    assert.equal(result.failure?.condition?.actual, 'UP')
  })

  test('slow answers time out', async () => {
    const result = await run({ kind: 'http', url: `${base}/slow`, timeout: '300ms' })
    assert.equal(result.failure?.code, 'timeout')
    assert.match(result.failure?.message ?? '', /300ms/)
  })

  test('a slow response time fails as slow', async () => {
    const result = await run({ kind: 'http', url: `${base}/json?delay=150`, conditions: ['[RESPONSE_TIME] < 100'] })
    assert.equal(result.failure?.code, 'slow')
  })

  test('connection refused, reset and garbage', async () => {
    const refused = await run({ kind: 'http', url: `http://127.0.0.1:${await closedPort()}/` })
    assert.equal(refused.failure?.code, 'connect')
    assert.match(refused.failure?.message ?? '', /ECONNREFUSED/)
    const reset = await run({ kind: 'http', url: `${base}/reset` })
    assert.equal(reset.failure?.code, 'connect')
    const garbage = await run({ kind: 'http', url: `http://127.0.0.1:${garbagePort}/` })
    assert.equal(garbage.failure?.code, 'malformed', JSON.stringify(garbage.failure))
  })

  test('a body over maxBodyBytes fails as malformed', async () => {
    const result = await run({ kind: 'http', url: `${base}/huge`, maxBodyBytes: 100_000 })
    assert.equal(result.failure?.code, 'malformed')
    assert.equal(result.failure?.message, 'body larger than 100000 bytes')
    assert.equal((await run({ kind: 'http', url: `${base}/huge` })).ok, true)
  })

  test('redirects: a chain is followed hop by hop; endless ones fail', async () => {
    const chain = await run({ kind: 'http', url: `${base}/chain`, conditions: ['[BODY].status == UP'] })
    assert.equal(chain.ok, true, JSON.stringify(chain.failure))
    assert.deepEqual(chain.calls.map((call) => `${call.operation} ${call.status}`), ['GET /chain 301', 'GET /chain2 307', 'GET /json 200'])
    const endless = await run({ kind: 'http', url: `${base}/loop`, maxRedirects: 4 })
    assert.equal(endless.failure?.code, 'malformed')
    assert.match(endless.failure?.message ?? '', /more than 4 redirects/)
    assert.equal(endless.calls.length, 5)
    const unfollowed = await run({ kind: 'http', url: `${base}/chain`, followRedirects: false, conditions: ['[STATUS] == 301'] })
    assert.equal(unfollowed.ok, true)
    assert.equal(unfollowed.calls.length, 1)
  })

  test('concurrent runs keep their own phase timings', async () => {
    const runs = Array.from({ length: 16 }, (_, index) => {
      const slow = index % 2 === 0
      return run({ kind: 'http', url: `${base}/json?delay=${slow ? 600 : 0}` }).then((result) => ({ slow, result }))
    })
    const done = await Promise.all(runs)
    const slowTtfb = done.filter((entry) => entry.slow).map((entry) => entry.result.calls[0]?.phases.ttfb ?? -1)
    const fastTtfb = done.filter((entry) => !entry.slow).map((entry) => entry.result.calls[0]?.phases.ttfb ?? -1)
    for (const ttfb of slowTtfb) assert.ok(ttfb >= 590, `slow run ttfb ${ttfb}`)
    for (const ttfb of fastTtfb) assert.ok(ttfb >= 0 && ttfb < Math.min(...slowTtfb), `fast run ttfb ${ttfb} mixed with a slow one`)
    for (const { result } of done) assert.ok(result.calls[0]?.phases.connect !== undefined, 'each run opened its own connection')
  })

  test('keepAlive reuses the connection: later runs have no connect phase', async () => {
    const input = { kind: 'http', name: 'keepalive-test', url: `${base}/json`, keepAlive: true }
    const first = await run(input)
    const second = await run(input)
    assert.ok(first.calls[0]?.phases.connect !== undefined)
    assert.equal(second.calls[0]?.phases.connect, undefined)
    assert.ok(second.calls[0]?.phases.ttfb !== undefined)
  })

  test('redaction canary: a token in a header and in the query never appears in the result', async () => {
    const result = await run({
      kind: 'http',
      url: `http://user:${CANARY}-pw@127.0.0.1:${new URL(base).port}/status?code=500&token=${CANARY}`,
      headers: { 'X-Auth-Token': CANARY },
      conditions: ['[STATUS] == 200', `[HEADER].x-auth-token == ${CANARY}`],
    })
    const echoed = await run({ kind: 'http', url: `${base}/json?api_key=${CANARY}`, headers: { 'X-Auth-Token': CANARY }, conditions: ['[BODY].echo == nope'] })
    for (const output of [result, echoed]) {
      const json = JSON.stringify(output)
      assert.ok(!json.includes(CANARY), json)
    }
    assert.match(JSON.stringify(echoed), /\*\*\*/)
  })
})
