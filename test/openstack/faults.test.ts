import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, test } from 'node:test'
import { z } from 'zod'
import type { FailureCode } from '../../src/core/failure.js'
import { apiErrors, OpenStackError } from '../../src/openstack/index.js'
import type { OpenStackCall, OpenStackSession } from '../../src/openstack/index.js'
import { startFakeOpenStack } from '../fakes/openstack/index.js'
import type { FakeFault, FakeOpenStack } from '../fakes/openstack/index.js'
import { closedPort, fastClient } from './support.js'

const Flavors = z.object({ flavors: z.array(z.object({ id: z.string(), name: z.string() })) })

interface Case {
  name: string
  fault: FakeFault
  code: FailureCode
  /** Attempts recorded for the GET. */
  attempts: number
  /** Whether the last attempt succeeds. */
  recovers?: boolean
}

const CASES: Case[] = [
  { name: '401 (token renewed once, tried again)', fault: { status: 401 }, code: 'auth', attempts: 2 },
  { name: '403', fault: { status: 403 }, code: 'forbidden', attempts: 1 },
  { name: '404', fault: { status: 404 }, code: 'not_found', attempts: 1 },
  { name: '400', fault: { status: 400 }, code: 'http_4xx', attempts: 1 },
  { name: '409 retried once', fault: { status: 409 }, code: 'conflict', attempts: 2 },
  { name: '409 then success', fault: { status: 409, times: 1 }, code: 'conflict', attempts: 2, recovers: true },
  { name: '413', fault: { status: 413 }, code: 'quota', attempts: 1 },
  { name: '403 with a quota message', fault: { status: 403, message: 'Quota exceeded for instances' }, code: 'quota', attempts: 1 },
  { name: '429 with Retry-After', fault: { status: 429, retryAfter: '0', times: 1 }, code: 'rate_limited', attempts: 2, recovers: true },
  { name: '503 with Retry-After', fault: { status: 503, retryAfter: '1', times: 1 }, code: 'rate_limited', attempts: 2, recovers: true },
  { name: '429 asking too long a wait', fault: { status: 429, retryAfter: '3600' }, code: 'rate_limited', attempts: 1 },
  { name: '500 retried with backoff', fault: { status: 500 }, code: 'http_5xx', attempts: 3 },
  { name: '503 then success', fault: { status: 503, times: 2 }, code: 'http_5xx', attempts: 3, recovers: true },
  { name: 'garbage JSON', fault: { garbage: true }, code: 'malformed', attempts: 3 },
  { name: 'missing fields', fault: { missingFields: true, times: 1 }, code: 'malformed', attempts: 2, recovers: true },
  { name: 'no answer', fault: { hang: true, times: 1 }, code: 'timeout', attempts: 2, recovers: true },
]

describe('failure classification and retries against the fake', () => {
  let fake: FakeOpenStack
  before(async () => {
    fake = await startFakeOpenStack()
  })
  after(() => fake.close())
  beforeEach(() => fake.clearFaults())

  const client = () => fastClient(fake.cloud(), { timeouts: { services: { compute: 500 } } })

  async function flavors(session: OpenStackSession): Promise<{ error: OpenStackError | null; calls: OpenStackCall[] }> {
    try {
      await session.get('compute', 'compute.flavors.list', '/flavors', {}, Flavors)
      return { error: null, calls: session.calls.filter((call) => call.operation === 'compute.flavors.list') }
    } catch (error) {
      if (!(error instanceof OpenStackError)) throw error
      return { error, calls: session.calls.filter((call) => call.operation === 'compute.flavors.list') }
    }
  }

  for (const entry of CASES) {
    test(`GET: ${entry.name} → ${entry.code}`, async () => {
      const session = client().iteration()
      try {
        await session.token()
        fake.fault('compute.flavors.list', entry.fault)
        const { error, calls } = await flavors(session)
        assert.deepEqual(calls.map((call) => call.attempt), Array.from({ length: entry.attempts }, (_, index) => index + 1))
        assert.equal(calls[0]?.failure?.code, entry.code, 'the first attempt is classified')
        if (entry.recovers) {
          assert.equal(error, null)
          assert.equal(calls.at(-1)?.failure, null)
        } else {
          assert.equal(error?.code, entry.code)
          assert.equal(error?.attempts, entry.attempts)
        }
        assert.ok(apiErrors(calls).length >= 1, 'a failed attempt is an API error even when a retry succeeded')
      } finally {
        await session.close()
      }
    })
  }

  test('writes are not retried on a 5xx or a timeout, but are after 409 and 429', async () => {
    const session = client().iteration()
    const create = async () => {
      try {
        await session.post('compute', 'compute.servers.create', '/servers', { body: { server: { name: 'x' } }, timeoutMs: 300 })
      } catch (error) {
        if (!(error instanceof OpenStackError)) throw error
      }
      const calls = session.calls.filter((call) => call.operation === 'compute.servers.create')
      return calls.splice(0).map((call) => `${call.attempt}:${call.failure?.code ?? 'ok'}`)
    }
    try {
      await session.token()
      const attemptsOf = async (fault: FakeFault) => {
        fake.fault('compute.servers.create', fault)
        const before = fake.requests('compute.servers.create').length
        await create()
        return fake.requests('compute.servers.create').length - before
      }
      assert.equal(await attemptsOf({ status: 503 }), 1)
      assert.equal(await attemptsOf({ status: 500 }), 1)
      assert.equal(await attemptsOf({ hang: true, times: 1 }), 1)
      assert.equal(await attemptsOf({ status: 409, times: 1 }), 2)
      assert.equal(await attemptsOf({ status: 429, retryAfter: '0', times: 1 }), 2)
    } finally {
      await session.close()
    }
  })

  test('connect and tls failures are classified; connects are retried, tls is not', async () => {
    const port = await closedPort()
    const cloud = fake.cloud({ endpointOverrides: { network: `http://127.0.0.1:${port}`, image: `https://127.0.0.1:${new URL(fake.url).port}/image` } })
    const session = fastClient(cloud).iteration()
    try {
      await assert.rejects(session.get('network', 'network.networks.list', '/v2.0/networks'), (error: unknown) => error instanceof OpenStackError && error.code === 'connect' && error.attempts === 3)
      await assert.rejects(session.get('image', 'image.images.list', '/v2/images'), (error: unknown) => error instanceof OpenStackError && error.code === 'tls' && error.attempts === 1)
    } finally {
      await session.close()
    }
  })

  test('the iteration deadline ends a hanging call as timeout and stops retries', async () => {
    fake.fault('compute.flavors.list', { hang: true })
    const session = client().iteration({ signal: AbortSignal.timeout(200) })
    try {
      await session.token()
      const { error, calls } = await flavors(session)
      assert.equal(error?.code, 'timeout')
      assert.equal(calls.length, 1)
    } finally {
      await session.close()
    }
  })

  test('a Keystone answer without X-Subject-Token or with a broken body is malformed', async () => {
    fake.fault('identity.tokens.create', { missingFields: true })
    const session = client().iteration()
    try {
      await assert.rejects(session.token(), (error: unknown) => error instanceof OpenStackError && error.code === 'malformed')
      assert.equal(session.calls.length, 3, 'issuing a token is retried like a GET')
    } finally {
      await session.close()
    }
  })
})
