import assert from 'node:assert/strict'
import { createServer as createHttpServer } from 'node:http'
import type { Server } from 'node:net'
import { createServer as createTcpServer } from 'node:net'
import { after, describe, test } from 'node:test'
import { checkLbTraffic, describeAnswers } from '../../src/scenario/reachability/index.js'

/** A stand-in load balancer on loopback: answers each request with the next name of `rotation` ('' drops the connection). */
async function fakeBalancer(rotation: readonly string[], protocol: 'HTTP' | 'TCP' = 'HTTP'): Promise<{ port: number; paths: string[]; close(): Promise<void> }> {
  let turn = 0
  const paths: string[] = []
  const next = () => rotation[turn++ % rotation.length]!
  const server: Server =
    protocol === 'HTTP'
      ? createHttpServer((request, response) => {
          paths.push(request.url ?? '')
          const name = next()
          if (name === '') return request.socket.destroy()
          response.end(`${name}\n`)
        })
      : createTcpServer((socket) => {
          socket.once('data', (chunk: Buffer) => {
            paths.push(chunk.toString('utf8').split(' ')[1] ?? '')
            const name = next()
            if (name === '') return socket.destroy()
            socket.end(`HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n${name}\n`)
          })
        })
  return { ...(await listen(server)), paths }
}

/** Listens on a loopback port; `close` also ends the connections still open. */
async function listen(server: Server): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<import('node:net').Socket>()
  server.on('connection', (socket) => (sockets.add(socket), socket.on('close', () => sockets.delete(socket))))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  return {
    port: address.port,
    close: () => {
      for (const socket of sockets) socket.destroy()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}

describe('the load balancer traffic check', () => {
  const closers: Array<() => Promise<void>> = []
  after(async () => {
    for (const close of closers) await close()
  })
  const balancer = async (rotation: readonly string[], protocol: 'HTTP' | 'TCP' = 'HTTP') => {
    const lb = await fakeBalancer(rotation, protocol)
    closers.push(lb.close)
    return lb
  }

  test('round robin over three backends passes, with per-backend counts and every request timed', async () => {
    const lb = await balancer(['vm1', 'vm2', 'vm3'])
    const outcome = await checkLbTraffic({ address: '127.0.0.1', port: lb.port, protocol: 'HTTP' }, { requests: 4, backends: 3 })
    assert.equal(outcome.ok, true, JSON.stringify(outcome.failure))
    assert.deepEqual(outcome.counts, { vm1: 2, vm2: 1, vm3: 1 })
    assert.equal(outcome.requests.length, 4)
    assert.deepEqual(outcome.requests.map((request) => request.backend), ['vm1', 'vm2', 'vm3', 'vm1'])
    assert.ok(outcome.requests.every((request) => request.durationMs >= 0 && request.durationMs < 4_000 && request.failure === null))
    assert.deepEqual(outcome.calls.map((call) => [call.operation, call.status, call.attempt]), [1, 2, 3, 4].map((n) => ['GET /hostname', 200, n]))
    assert.deepEqual(lb.paths, Array(4).fill('/hostname'))
    assert.equal(describeAnswers(outcome.counts), 'vm1 ×2, vm2 ×1, vm3 ×1')
  })

  test('a backend that never answers fails the round robin as an assertion naming the answers', async () => {
    const lb = await balancer(['vm1', 'vm2'])
    const outcome = await checkLbTraffic({ address: '127.0.0.1', port: lb.port, protocol: 'HTTP' }, { requests: 4, backends: 3 })
    assert.equal(outcome.ok, false)
    assert.equal(outcome.failure?.code, 'assertion')
    assert.equal(outcome.failure?.message, `LB 127.0.0.1:${lb.port}: 2 backends answered, expected 3 (round robin); answers: vm1 ×2, vm2 ×2`)
  })

  test('one dropped request fails the check even though every backend answered', async () => {
    const lb = await balancer(['vm1', 'vm2', '', 'vm3'])
    const outcome = await checkLbTraffic({ address: '127.0.0.1', port: lb.port, protocol: 'HTTP' }, { requests: 4, backends: 3 })
    assert.equal(outcome.ok, false)
    assert.equal(outcome.failure?.code, 'connect')
    assert.match(outcome.failure?.message ?? '', /: 1 of 4 requests failed \(first: connection reset\); answers: vm1 ×1, vm2 ×1, vm3 ×1$/)
    assert.equal(outcome.requests[2]?.backend, null)
  })

  test('after the failover, a stopped backend that still answers fails; the remaining ones alone pass', async () => {
    const stale = await balancer(['vm1', 'vm3'])
    const loud = await checkLbTraffic({ address: '127.0.0.1', port: stale.port, protocol: 'HTTP' }, { requests: 3, backends: 1, silent: ['vm3'] })
    assert.equal(loud.failure?.code, 'assertion')
    assert.match(loud.failure?.message ?? '', /stopped backends still answered \(vm3\)/)
    const healed = await balancer(['vm1', 'vm2'])
    const quiet = await checkLbTraffic({ address: '127.0.0.1', port: healed.port, protocol: 'HTTP' }, { requests: 3, backends: 2, silent: ['vm3'] })
    assert.equal(quiet.ok, true, JSON.stringify(quiet.failure))
  })

  test('TCP: connect, send the GET as bytes, read the name until the backend closes', async () => {
    const lb = await balancer(['vm1', 'vm2'], 'TCP')
    const outcome = await checkLbTraffic({ address: '127.0.0.1', port: lb.port, protocol: 'TCP' }, { requests: 3, backends: 2 })
    assert.equal(outcome.ok, true, JSON.stringify(outcome.failure))
    assert.deepEqual(outcome.counts, { vm1: 2, vm2: 1 })
    assert.deepEqual(outcome.calls.map((call) => call.operation), ['tcp.read', 'tcp.read', 'tcp.read'])
    assert.deepEqual(lb.paths, ['/hostname', '/hostname', '/hostname'])
  })

  test('nothing listening: every request fails as connect; a bad address fails before any request', async () => {
    const closed = await fakeBalancer(['x'])
    await closed.close()
    const refused = await checkLbTraffic({ address: '127.0.0.1', port: closed.port, protocol: 'TCP' }, { requests: 2, backends: 1 })
    assert.equal(refused.failure?.code, 'connect')
    assert.match(refused.failure?.message ?? '', /2 of 2 requests failed \(first: connection refused\); answers: no answers$/)
    const bad = await checkLbTraffic({ address: '-oProxyCommand=x', protocol: 'HTTP' }, { requests: 2, backends: 1 })
    assert.deepEqual([bad.ok, bad.failure?.code, bad.requests.length], [false, 'internal', 0])
  })

  test('a request that gets no answer in time is a timeout', async () => {
    const { port, close } = await listen(createTcpServer(() => undefined))
    closers.push(close)
    const outcome = await checkLbTraffic({ address: '127.0.0.1', port, protocol: 'HTTP' }, { requests: 1, backends: 1, timeoutMs: 150 })
    assert.equal(outcome.failure?.code, 'timeout')
    assert.match(outcome.failure?.message ?? '', /no answer within 150 ms/)
  })
})
