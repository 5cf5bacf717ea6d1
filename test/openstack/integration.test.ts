import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { z } from 'zod'
import { systemClock } from '../../src/core/clock.js'
import { listAll, loadCloud, OpenStackClient } from '../../src/openstack/index.js'
import type { ResolvedCloud } from '../../src/openstack/index.js'
import { runCatalogCheck } from '../../src/probes/catalog/index.js'
import { LOCAL_CLOUDS_FILE, localOpenStackMissing } from '../support/local-openstack.js'
import { realPart } from '../support/real-part.js'
import { capturingLogger } from './support.js'

const CLOUDS_FILE = LOCAL_CLOUDS_FILE

const part = realPart('openstack-local', await localOpenStackMissing(), 'bash ../shared/openstack-local/setup.sh all')
const demo = (): Promise<ResolvedCloud> => loadCloud({ cloud: 'demo', env: { OS_CLIENT_CONFIG_FILE: CLOUDS_FILE } })
const EXPECTED = ['block-storage', 'compute', 'identity', 'image', 'load-balancer', 'network', 'placement']

describe('OpenStack client against the local OpenStack', { skip: part.available ? false : part.skip }, () => {
  test('cloud demo authenticates; the catalog lists every service once', async () => {
    const session = new OpenStackClient({ cloud: await demo() }).iteration({ signal: AbortSignal.timeout(60_000) })
    try {
      const types = (await session.services()).map((service) => service.type)
      assert.deepEqual(types, [...new Set(types)])
      for (const type of EXPECTED) assert.ok(types.includes(type), type)
      const [issued] = session.calls
      assert.equal(issued?.operation, 'identity.tokens.create')
      assert.equal(issued?.status, 201)
      assert.match(issued?.requestId ?? '', /^req-/)
      assert.ok(issued?.phases.connect !== undefined && issued.phases.ttfb !== undefined)
    } finally {
      await session.close()
    }
  })

  test('the catalog check passes with timed calls and request ids', async () => {
    const result = await runCatalogCheck({ cloud: await demo(), signal: AbortSignal.timeout(120_000), clock: systemClock, log: capturingLogger() })
    assert.equal(result.ok, true, JSON.stringify(result.failure))
    assert.deepEqual(result.steps.map((step) => step.name), ['authenticate', ...EXPECTED])
    const lists = result.calls.filter((call) => call.operation.endsWith('.list'))
    assert.equal(lists.length, EXPECTED.length - 1, 'placement: version document only')
    assert.ok(lists.every((call) => call.status === 200 && call.requestId !== null && call.durationMs > 0))
  })

  test('the token is reused by the next iteration', async () => {
    const client = new OpenStackClient({ cloud: await demo() })
    const issued: number[] = []
    for (let iteration = 0; iteration < 2; iteration++) {
      const session = client.iteration({ signal: AbortSignal.timeout(60_000) })
      try {
        await session.get('network', 'network.networks.list', '/v2.0/networks', { query: { limit: 1 } })
        issued.push(session.calls.filter((call) => call.operation === 'identity.tokens.create').length)
      } finally {
        await session.close()
      }
    }
    assert.deepEqual(issued, [1, 0])
  })

  test('compute microversions are negotiated from the version document', async () => {
    const session = new OpenStackClient({ cloud: await demo() }).iteration({ signal: AbortSignal.timeout(60_000) })
    try {
      const range = await session.microversionRange('compute')
      assert.equal(range.min, '2.1')
      assert.ok(range.max !== null)
      assert.equal(await session.useMicroversion('compute', '2.999'), range.max)
      assert.equal(await session.useMicroversion('compute', '2.79'), '2.79')
      const { headers } = await session.get('compute', 'compute.flavors.list', '/flavors', { query: { limit: 1 } })
      assert.equal(headers['openstack-api-version'], 'compute 2.79')
    } finally {
      await session.close()
    }
  })

  test('pagination walks Nova, Neutron and Glance lists page by page', async () => {
    const session = new OpenStackClient({ cloud: await demo() }).iteration({ signal: AbortSignal.timeout(60_000) })
    const item = z.object({ id: z.string() })
    try {
      const flavors = await listAll(session, 'compute', 'compute.flavors.list', '/flavors', {}, item, { itemsKey: 'flavors', limit: 1 })
      assert.ok(flavors.length >= 4, `flavors: ${flavors.length}`)
      assert.equal(new Set(flavors.map((flavor) => flavor.id)).size, flavors.length)
      const images = await listAll(session, 'image', 'image.images.list', '/v2/images', {}, item, { itemsKey: 'images', limit: 1 })
      assert.ok(images.length >= 1)
      const networks = await listAll(session, 'network', 'network.networks.list', '/v2.0/networks', {}, item, { itemsKey: 'networks', limit: 1 })
      assert.ok(networks.length >= 1)
      assert.ok(session.calls.filter((call) => call.operation === 'compute.flavors.list').length >= flavors.length)
    } finally {
      await session.close()
    }
  })
})
