import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import type { Call, ProbeResult, Step } from '../../src/core/index.js'
import { operationMatcher, projectPart } from '../../src/probes/index.js'

const T0 = 1_763_800_000_000

function call(operation: string, status: number | null, extra: Partial<Call> = {}): Call {
  return { operation, status, durationMs: 100, phases: {}, requestId: `req-${operation}`, attempt: 1, ...extra }
}

function step(name: string, status: Step['status'], extra: Partial<Step> = {}): Step {
  return { name, status, reason: status === 'failed' ? `${name} went wrong` : null, durationMs: 50, ...extra }
}

function result(steps: Step[], calls: Call[]): ProbeResult {
  const failed = steps.find((candidate) => candidate.status === 'failed')
  return {
    ok: failed === undefined,
    startedAt: T0,
    durationMs: 90_000,
    steps,
    calls,
    conditions: [],
    failure: failed === undefined ? null : { code: 'resource_error', message: failed.name },
  }
}

const blockStorage = operationMatcher(['block-storage.*'])

describe('operationMatcher', () => {
  test('* matches any run of characters, dots included; the rest is literal and the whole name must match', () => {
    const matches = operationMatcher(['block-storage.*', 'volume-*-available', 'identity.tokens.create'])
    assert.equal(matches('block-storage.volumes.create'), true)
    assert.equal(matches('block-storage.'), true)
    assert.equal(matches('volume-1-available'), true)
    assert.equal(matches('identity.tokens.create'), true)
    assert.equal(matches('xblock-storage.volumes.create'), false)
    assert.equal(matches('identityxtokens.create'), false, 'a dot is literal, not any character')
    assert.equal(matches('compute.servers.create'), false)
  })
})

describe('projectPart', () => {
  test('a step is selected by its own name or by <service>.<name>, so a pattern per service takes that service\'s steps', () => {
    const run = result(
      [step('vm-volume-1', 'failed', { service: 'block-storage', code: 'resource_error' }), step('vm-1', 'skipped', { service: 'compute' }), step('net-jh', 'passed', { service: 'network' })],
      [],
    )
    const part = projectPart(run, blockStorage)!
    assert.deepEqual(part.steps.map((s) => s.name), ['vm-volume-1'])
    assert.equal(part.ok, false)
    assert.equal(part.failure?.code, 'resource_error')
    assert.equal(projectPart(run, operationMatcher(['compute.*'])), null, 'only skipped compute steps: not measured')
  })

  test('a failed matching step fails the part with the step code; the other parts stay ok', () => {
    const run = result(
      [step('volume-1', 'failed', { code: 'resource_error' }), step('server-1', 'passed')],
      [call('block-storage.volumes.create', 202), call('block-storage.volumes.list', 200), call('compute.servers.create', 202)],
    )
    const volumes = projectPart(run, operationMatcher(['block-storage.*', 'volume-*']))!
    assert.equal(volumes.ok, false)
    assert.deepEqual(volumes.failure, { code: 'resource_error', message: 'volume-1: volume-1 went wrong' })
    assert.equal(volumes.startedAt, T0)
    assert.equal(volumes.durationMs, 200, 'the sum of the matching calls')
    assert.deepEqual(volumes.calls.map((entry) => entry.operation), ['block-storage.volumes.create', 'block-storage.volumes.list'])
    const compute = projectPart(run, operationMatcher(['compute.*', 'server-*']))!
    assert.equal(compute.ok, true)
    assert.equal(compute.failure, null)
    assert.deepEqual(compute.steps.map((entry) => entry.name), ['server-1'])
  })

  test('a failed step without a code takes the code of the last failing matching call, else internal', () => {
    const withCall = projectPart(result([step('block-storage.wait', 'failed')], [call('block-storage.volumes.create', 409), call('block-storage.volumes.get', 404)]), blockStorage)!
    assert.equal(withCall.failure?.code, 'not_found')
    const without = projectPart(result([step('block-storage.wait', 'failed')], [call('block-storage.volumes.get', 200)]), blockStorage)!
    assert.equal(without.failure?.code, 'internal')
  })

  test('a server-side failure of a matching call fails the part even when a retry got past it', () => {
    const retried = result([step('volumes', 'passed')], [
      call('block-storage.volumes.create', 503, { requestId: 'req-bad' }),
      call('block-storage.volumes.create', 202, { attempt: 2 }),
    ])
    assert.deepEqual(projectPart(retried, blockStorage)!.failure, { code: 'http_5xx', message: 'block-storage.volumes.create: HTTP 503 (request req-bad)' })
    const timedOut = projectPart(result([], [call('block-storage.volumes.list', null, { requestId: null })]), blockStorage)!
    assert.deepEqual(timedOut.failure, { code: 'timeout', message: 'block-storage.volumes.list: no answer' })
    const limited = projectPart(result([], [call('block-storage.volumes.list', 429), call('block-storage.volumes.get', 502)]), blockStorage)!
    assert.equal(limited.failure?.code, 'http_5xx', 'a 5xx is not hidden behind an earlier rate limit')
    const onlyLimited = projectPart(result([], [call('block-storage.volumes.list', 429)]), blockStorage)!
    assert.equal(onlyLimited.failure?.code, 'rate_limited')
  })

  test('client errors alone do not fail a part (a 404 while waiting for a deletion is the answer expected)', () => {
    const part = projectPart(result([], [call('block-storage.volumes.get', 404), call('block-storage.volumes.create', 400)]), blockStorage)!
    assert.equal(part.ok, true)
  })

  test('no result when nothing matches or every matching step was skipped without a matching call', () => {
    assert.equal(projectPart(result([step('server-1', 'passed')], [call('compute.servers.create', 202)]), blockStorage), null)
    assert.equal(projectPart(result([step('block-storage.attach', 'skipped'), step('server-1', 'failed')], []), blockStorage), null)
    const skippedWithCall = projectPart(result([step('block-storage.attach', 'skipped')], [call('block-storage.volumes.list', 200)]), blockStorage)
    assert.equal(skippedWithCall?.ok, true)
  })

  test('without matching calls the duration is the sum of the matching steps', () => {
    const part = projectPart(result([step('block-storage.a', 'passed', { durationMs: 7 }), step('block-storage.b', 'passed', { durationMs: 5 })], []), blockStorage)!
    assert.equal(part.durationMs, 12)
  })
})

describe('projectPart properties', () => {
  const segment = fc.constantFrom('block-storage', 'compute', 'network', 'volumes', 'create', 'list', 'a', 'b-1')
  const name = fc.array(segment, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('.'))
  const pattern = fc.array(fc.oneof(segment, fc.constant('*')), { minLength: 1, maxLength: 3 }).map((parts) => parts.join('.').replace(/\.\*$/, '*'))
  const arbitraryStep = fc.record({
    name,
    status: fc.constantFrom('passed', 'failed', 'skipped') as fc.Arbitrary<Step['status']>,
    reason: fc.constant(null),
    durationMs: fc.nat(1000),
  })
  const arbitraryCall = fc.record({
    operation: name,
    status: fc.constantFrom(null, 200, 202, 204, 400, 404, 409, 429, 500, 503),
    durationMs: fc.nat(1000),
    phases: fc.constant({}),
    requestId: fc.option(fc.constant('req-x'), { nil: null }),
    attempt: fc.integer({ min: 1, max: 3 }),
  })
  const run = fc.tuple(fc.array(arbitraryStep, { maxLength: 8 }), fc.array(arbitraryCall, { maxLength: 8 })).map(([steps, calls]) => result(steps, calls))

  test('a part never holds a call or step that does not match, and never drops one that does', () => {
    fc.assert(
      fc.property(run, fc.array(pattern, { minLength: 1, maxLength: 3 }), (whole, patterns) => {
        const matches = operationMatcher(patterns)
        const part = projectPart(whole, matches)
        if (part === null) return
        assert.ok(part.calls.every((entry) => matches(entry.operation)))
        assert.ok(part.steps.every((entry) => matches(entry.name)))
        assert.equal(part.calls.length, whole.calls.filter((entry) => matches(entry.operation)).length)
        assert.equal(part.steps.length, whole.steps.filter((entry) => matches(entry.name)).length)
      }),
    )
  })

  test('a part with a failed matching step is never ok, and ok exactly when it has no failure', () => {
    fc.assert(
      fc.property(run, fc.array(pattern, { minLength: 1, maxLength: 3 }), (whole, patterns) => {
        const matches = operationMatcher(patterns)
        const part = projectPart(whole, matches)
        const failedStep = whole.steps.some((entry) => entry.status === 'failed' && matches(entry.name))
        if (failedStep) assert.equal(part?.ok, false)
        if (part !== null) assert.equal(part.ok, part.failure === null)
      }),
    )
  })
})
