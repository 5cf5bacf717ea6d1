import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, beforeEach, describe, test } from 'node:test'
import { systemClock } from '../../src/core/clock.js'
import { ProbeResultSchema } from '../../src/core/result.js'
import type { ProbeResult } from '../../src/core/result.js'
import type { ResolvedCloud } from '../../src/openstack/index.js'
import { catalogProbe, CatalogCheckFieldsSchema, runCatalogCheck } from '../../src/probes/catalog/index.js'
import type { CatalogCheckOptions } from '../../src/probes/catalog/index.js'
import { FAKE_PASSWORD, startFakeOpenStack } from '../fakes/openstack/index.js'
import type { FakeOpenStack } from '../fakes/openstack/index.js'
import { capturingLogger, fastClient } from './support.js'

describe('catalog check against the fake', () => {
  let fake: FakeOpenStack
  before(async () => {
    fake = await startFakeOpenStack()
  })
  after(() => fake.close())
  beforeEach(() => fake.clearFaults())

  const check = (extra: Partial<CatalogCheckOptions> & { cloud?: ResolvedCloud } = {}): Promise<ProbeResult> => {
    const cloud = extra.cloud ?? fake.cloud()
    return runCatalogCheck({ signal: AbortSignal.timeout(20_000), clock: systemClock, log: capturingLogger(), client: fastClient(cloud), ...extra, cloud })
  }
  const stepOf = (result: ProbeResult, name: string) => result.steps.find((step) => step.name === name)

  test('every advertised service once: version document and list call, timed, with request ids', async () => {
    const result = await check()
    ProbeResultSchema.parse(result)
    assert.equal(result.ok, true, JSON.stringify(result.failure))
    const names = result.steps.map((step) => step.name)
    assert.deepEqual(names, ['authenticate', 'block-storage', 'compute', 'dns', 'identity', 'image', 'load-balancer', 'network', 'object-store', 'placement'])
    assert.ok(result.steps.every((step) => step.status === 'passed'))
    const operations = result.calls.map((call) => call.operation)
    for (const operation of ['compute.flavors.list', 'network.networks.list', 'image.images.list', 'block-storage.volumes.list', 'load-balancer.loadbalancers.list', 'identity.projects.list', 'object-store.containers.list', 'dns.zones.list', 'placement.version.get']) {
      assert.ok(operations.includes(operation), operation)
    }
    assert.ok(!operations.some((operation) => operation.startsWith('placement.') && operation.endsWith('.list')), 'placement: version document only')
    assert.ok(result.calls.every((call) => call.requestId !== null && call.status !== null))
    assert.equal(fake.requests('network.networks.list').at(-1)?.query, '?limit=1')
  })

  test('skip and per-service URLs override the table, aliases accepted', async () => {
    const result = await check({ skip: ['volumev3', 'dns'], urls: { compute: ['/servers?limit=1', '/flavors/detail'], placement: [], object_store: '' } })
    assert.equal(stepOf(result, 'block-storage')?.status, 'skipped')
    assert.equal(stepOf(result, 'dns')?.status, 'skipped')
    const operations = result.calls.map((call) => call.operation)
    assert.ok(operations.includes('compute.servers.get'))
    assert.ok(!operations.includes('compute.flavors.list'))
    assert.ok(!operations.some((operation) => operation.startsWith('block-storage.')))
    assert.equal(stepOf(result, 'compute')?.status, 'failed', '/flavors/detail does not exist in the fake')
    assert.equal(result.failure?.code, 'not_found')
    assert.match(result.failure?.message ?? '', /^compute: /)
  })

  test('a broken endpoint fails its service only', async () => {
    fake.fault('network.networks.list', { status: 500 })
    const result = await check()
    assert.equal(result.ok, false)
    assert.equal(result.failure?.code, 'http_5xx')
    assert.equal(stepOf(result, 'network')?.status, 'failed')
    assert.ok(result.steps.filter((step) => step.name !== 'network').every((step) => step.status === 'passed'))
    assert.equal(result.calls.filter((call) => call.operation === 'network.networks.list').length, 3)
  })

  test('an attempt a retry made good still fails its service (it was an API error)', async () => {
    fake.fault('image.images.list', { status: 503, times: 1 })
    const result = await check()
    assert.equal(result.ok, false)
    assert.equal(result.failure?.code, 'http_5xx')
    assert.match(stepOf(result, 'image')?.reason ?? '', /a retry succeeded/)
    assert.deepEqual(result.calls.filter((call) => call.operation === 'image.images.list').map((call) => call.status), [503, 200])
  })

  test('a failed authentication is one failed step, no service is called', async () => {
    const cloud = fake.cloud({ auth: { ...fake.cloud().auth, password: 'nope-canary' }, secrets: ['nope-canary'] })
    const result = await check({ cloud })
    assert.equal(result.failure?.code, 'auth')
    assert.deepEqual(result.steps.map((step) => `${step.name}:${step.status}`), ['authenticate:failed'])
    assert.equal(result.calls.length, 1)
  })

  test('a version document answering garbage is malformed; a hanging list times out within the deadline', async () => {
    fake.fault('load-balancer.version.get', { garbage: true })
    fake.fault('dns.zones.list', { hang: true })
    const result = await check({ client: fastClient(fake.cloud(), { timeouts: { services: { dns: 300 } } }) })
    assert.equal(stepOf(result, 'load-balancer')?.status, 'failed')
    assert.match(stepOf(result, 'load-balancer')?.reason ?? '', /not valid JSON/)
    assert.equal(stepOf(result, 'dns')?.status, 'failed')
    assert.match(stepOf(result, 'dns')?.reason ?? '', /no answer within/)
    assert.equal(result.failure?.code, 'timeout', 'the first failed service in type order (dns) names the failure')
  })

  test('the probe loads its cloud from clouds.yaml; an unknown cloud is the monitor\'s fault', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gh-catalog-'))
    const saved = process.env.OS_CLIENT_CONFIG_FILE
    try {
      const file = join(dir, 'clouds.yaml')
      const auth = `{auth_url: "${fake.authUrl}", username: demo, password: "${FAKE_PASSWORD}", project_name: demo, user_domain_name: Default, project_domain_name: Default}`
      await writeFile(file, `clouds:\n  fake:\n    auth: ${auth}\n    region_name: RegionOne\n`)
      process.env.OS_CLIENT_CONFIG_FILE = file
      const ctx = { signal: AbortSignal.timeout(20_000), clock: systemClock, log: capturingLogger() }
      const ok = await catalogProbe({ ...ctx, check: { kind: 'catalog', cloud: 'fake', skip: [], urls: {} } })
      assert.equal(ok.ok, true, JSON.stringify(ok.failure))
      const unknown = await catalogProbe({ ...ctx, check: { kind: 'catalog', cloud: 'nowhere', skip: [], urls: {} } })
      assert.equal(unknown.failure?.code, 'internal')
      assert.match(unknown.failure?.message ?? '', /nowhere/)
    } finally {
      if (saved === undefined) delete process.env.OS_CLIENT_CONFIG_FILE
      else process.env.OS_CLIENT_CONFIG_FILE = saved
      await rm(dir, { recursive: true, force: true })
    }
  })

  test('the schema fragment validates the catalog fields', () => {
    assert.deepEqual(CatalogCheckFieldsSchema.parse({ kind: 'catalog', cloud: 'demo' }), { kind: 'catalog', cloud: 'demo', skip: [], urls: {} })
    assert.equal(CatalogCheckFieldsSchema.safeParse({ kind: 'catalog', cloud: '' }).success, false)
    assert.equal(CatalogCheckFieldsSchema.safeParse({ kind: 'catalog', cloud: 'demo', urls: { compute: 3 } }).success, false)
  })
})
