import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import { before, describe, test } from 'node:test'
import { systemClock } from '../../src/core/clock.js'
import { runCheck } from '../../src/probes/index.js'
import { closedPort, listen, makeCheck, quietLog, run, setupProbeSuite } from './support/harness.js'

setupProbeSuite()

describe('runCheck', () => {
  let port = 0
  let requests = 0
  before(async () => {
    port = await listen(
      createServer((req, res) => {
        if (req.url === '/flaky') {
          requests++
          res.writeHead(requests % 3 === 0 ? 200 : 503)
        }
        res.end('ok')
      }),
    )
  })

  test('retries record every attempt and name steps per attempt', async () => {
    requests = 0
    const result = await run({ kind: 'http', url: `http://127.0.0.1:${port}/flaky`, retries: 3, retryDelay: '10ms' })
    assert.equal(result.ok, true)
    assert.deepEqual(result.calls.map((call) => [call.attempt, call.status]), [[1, 503], [2, 503], [3, 200]])
    assert.deepEqual(result.steps.map((step) => `${step.name}:${step.status}`), [
      'attempt 1: request:passed',
      'attempt 1: conditions:failed',
      'attempt 2: request:passed',
      'attempt 2: conditions:failed',
      'attempt 3: request:passed',
      'attempt 3: conditions:passed',
    ])
  })

  test('when every attempt fails the last failure is the verdict', async () => {
    const result = await run({ kind: 'http', url: `http://127.0.0.1:${await closedPort()}/`, retries: 1, retryDelay: '10ms' })
    assert.equal(result.failure?.code, 'connect')
    assert.deepEqual(result.calls.map((call) => call.attempt), [1, 2])
  })

  test('tcp: connected, closed port, and asserting a closed port', async () => {
    const open = await run({ kind: 'tcp', host: '127.0.0.1', port, conditions: ['[CONNECTED] == true', '[IP] == 127.0.0.1'] })
    assert.equal(open.ok, true, JSON.stringify(open.failure))
    assert.ok(open.calls[0]?.phases.connect !== undefined)
    const closed = await closedPort()
    const refused = await run({ kind: 'tcp', host: '127.0.0.1', port: closed })
    assert.equal(refused.failure?.code, 'connect')
    assert.equal((await run({ kind: 'tcp', host: '127.0.0.1', port: closed, conditions: ['[CONNECTED] == false'] })).ok, true)
    const unknownHost = await run({ kind: 'tcp', host: 'no-such-host.invalid', port: 80, conditions: ['[CONNECTED] == false'] })
    assert.equal(unknownHost.failure?.code, 'dns')
  })

  test('a cancelled run fails as internal, not against availability', async () => {
    const controller = new AbortController()
    controller.abort()
    const result = await run({ kind: 'tcp', host: '127.0.0.1', port, retries: 2 }, controller.signal)
    assert.equal(result.failure?.code, 'internal')
    assert.equal(result.calls.length, 1)
  })

  test('a probe that breaks inside is caught once as internal', async () => {
    const check = makeCheck({ kind: 'tcp', host: '127.0.0.1', port, retries: 1, retryDelay: '10ms' })
    const broken = () => Promise.reject(new Error('boom'))
    const result = await runCheck(check, { clock: systemClock, log: quietLog, probes: { tcp: broken } })
    assert.equal(result.failure?.code, 'internal')
    assert.equal(result.failure?.message, 'probe error: Error: boom')
    assert.equal(result.ok, false)
  })

  test('a probe that never settles is cut off after its deadline', async () => {
    const check = makeCheck({ kind: 'tcp', host: '127.0.0.1', port, timeout: '100ms' })
    const result = await runCheck(check, { clock: systemClock, log: quietLog, probes: { tcp: () => new Promise(() => {}) } })
    assert.equal(result.failure?.code, 'timeout')
  })

  test('an invalid condition is reported, not thrown', async () => {
    const result = await run({ kind: 'tcp', host: '127.0.0.1', port, conditions: ['[STATUS] == 200'] })
    assert.equal(result.failure?.code, 'internal')
    assert.match(result.failure?.message ?? '', /not available in tcp checks/)
  })
})
