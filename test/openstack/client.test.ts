import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { z } from 'zod'
import { apiErrors, listAll, OpenStackError } from '../../src/openstack/index.js'
import { FAKE_APP_SECRET, FAKE_PASSWORD, startFakeOpenStack } from '../fakes/openstack/index.js'
import type { FakeOpenStack } from '../fakes/openstack/index.js'
import { fastClient } from './support.js'

describe('OpenStack client against the fake', () => {
  let fake: FakeOpenStack
  before(async () => {
    fake = await startFakeOpenStack()
  })
  after(() => fake.close())

  test('the catalog lists each service once, aliases folded, for the cloud interface and region', async () => {
    const session = fastClient(fake.cloud()).iteration()
    try {
      const services = await session.services()
      const types = services.map((service) => service.type)
      assert.deepEqual(types, [...new Set(types)])
      assert.deepEqual(types, ['block-storage', 'compute', 'dns', 'identity', 'image', 'load-balancer', 'network', 'object-store', 'placement'])
      assert.equal(services.find((service) => service.type === 'block-storage')?.advertisedAs, 'block-storage')
      assert.equal((await session.endpoint('volumev3')).url, `${fake.url}/volume/v3/${fake.projectId}`)
      const call = session.calls[0]
      assert.equal(call?.operation, 'identity.tokens.create')
      assert.equal(call?.status, 201)
      assert.match(call?.requestId ?? '', /^req-/)
      assert.ok(call?.phases.connect !== undefined, 'the first call of an iteration opens a connection')
    } finally {
      await session.close()
    }
  })

  test('region, interface and endpoint overrides choose the endpoint', async () => {
    const cloud = fake.cloud({ region: 'RegionTwo', interface: 'public', endpointOverrides: { block_storage: `${fake.url}/volume/v3/%(project_id)s` } })
    const session = fastClient(cloud).iteration()
    try {
      assert.equal((await session.endpoint('compute')).url, `${fake.url}/region-two/compute/v2.1`)
      await assert.rejects(session.endpoint('network'), (error: unknown) => error instanceof OpenStackError && error.code === 'not_found')
      const volume = await session.endpoint('block-storage')
      assert.equal(volume.source, 'override')
      assert.equal(volume.url, `${fake.url}/volume/v3/${fake.projectId}`)
    } finally {
      await session.close()
    }
    const internal = fastClient(fake.cloud({ interface: 'internal' })).iteration()
    try {
      assert.equal((await internal.endpoint('network')).url, `${fake.url}/internal/network`)
    } finally {
      await internal.close()
    }
  })

  test('password by ids, application credentials by id and by name, and token auth all authenticate', async () => {
    const base = fake.cloud()
    const clouds = [
      fake.cloud({ auth: { authUrl: fake.url + '/identity', userId: 'u-demo-0001', password: FAKE_PASSWORD, projectId: fake.projectId } }),
      fake.cloud({ authType: 'v3applicationcredential', auth: { authUrl: fake.authUrl, applicationCredentialId: 'ac-0001', applicationCredentialSecret: FAKE_APP_SECRET } }),
      fake.cloud({ authType: 'v3applicationcredential', auth: { authUrl: fake.authUrl, applicationCredentialName: 'monitor', username: 'demo', userDomainName: 'Default', applicationCredentialSecret: FAKE_APP_SECRET } }),
    ]
    for (const cloud of clouds) {
      const session = fastClient(cloud).iteration()
      try {
        assert.equal((await session.token()).projectId, fake.projectId)
      } finally {
        await session.close()
      }
    }
    const first = fastClient(base).iteration()
    const existing = (await first.token()).value
    await first.close()
    const tokenCloud = fake.cloud({ authType: 'token', auth: { authUrl: fake.authUrl, token: existing, projectId: fake.projectId }, secrets: [existing] })
    const session = fastClient(tokenCloud).iteration()
    try {
      assert.notEqual((await session.token()).value, existing)
    } finally {
      await session.close()
    }
  })

  test('a wrong password fails as auth, once, without the password in the message', async () => {
    const cloud = fake.cloud({ auth: { ...fake.cloud().auth, password: 'wrong-password-canary' }, secrets: ['wrong-password-canary'] })
    const session = fastClient(cloud).iteration()
    try {
      await assert.rejects(session.token(), (error: unknown) => {
        assert.ok(error instanceof OpenStackError)
        assert.equal(error.code, 'auth')
        assert.equal(error.status, 401)
        assert.ok(!error.message.includes('wrong-password-canary'))
        return true
      })
      assert.equal(session.calls.length, 1)
    } finally {
      await session.close()
    }
  })

  test('the token is reused across iterations and renewed shortly before it expires', async () => {
    const client = fastClient(fake.cloud())
    for (let iteration = 0; iteration < 3; iteration++) {
      const session = client.iteration()
      try {
        await session.get('compute', 'compute.flavors.list', '/flavors')
        assert.equal(session.calls.filter((call) => call.operation === 'identity.tokens.create').length, iteration === 0 ? 1 : 0)
        assert.ok(session.calls[0]?.phases.connect !== undefined, 'every iteration opens its own connection')
        assert.equal(session.calls.filter((call) => call.phases.connect !== undefined).length, 1, 'and reuses it within the iteration')
      } finally {
        await session.close()
      }
    }
    fake.setTokenTtl(30_000)
    const renewing = fastClient(fake.cloud())
    for (let iteration = 0; iteration < 2; iteration++) {
      const session = renewing.iteration()
      try {
        await session.token()
        assert.equal(session.calls.length, 1, 'a token expiring within the renewal margin is issued again')
      } finally {
        await session.close()
      }
    }
    fake.setTokenTtl(3_600_000)
  })

  test('a token revoked mid-run is renewed once; the 401 attempt stays an API error', async () => {
    const client = fastClient(fake.cloud())
    const session = client.iteration()
    try {
      await session.get('compute', 'compute.flavors.list', '/flavors')
      fake.revokeTokens()
      const { data, attempts } = await session.get('compute', 'compute.flavors.list', '/flavors', {}, z.object({ flavors: z.array(z.object({ id: z.string() })) }))
      assert.equal(data.flavors[0]?.id, 'f1')
      assert.equal(attempts, 2)
      const operations = session.calls.map((call) => `${call.operation}#${call.attempt}:${call.status}`)
      assert.deepEqual(operations.slice(2), ['compute.flavors.list#1:401', 'identity.tokens.create#1:201', 'compute.flavors.list#2:200'])
      assert.deepEqual(apiErrors(session.calls).map((call) => call.failure?.code), ['auth'])
    } finally {
      await session.close()
    }
  })

  test('compute microversions are negotiated from the version document and sent', async () => {
    const session = fastClient(fake.cloud()).iteration()
    try {
      assert.deepEqual(await session.microversionRange('compute'), { min: '2.1', max: '2.93' })
      assert.equal(await session.useMicroversion('compute', '2.100'), '2.93')
      assert.equal(await session.useMicroversion('compute', '2.79'), '2.79')
      await session.get('compute', 'compute.flavors.list', '/flavors')
      assert.equal(fake.requests('compute.flavors.list').at(-1)?.microversion, 'compute 2.79')
      await assert.rejects(session.useMicroversion('network', '2.1'), (error: unknown) => error instanceof OpenStackError && error.code === 'malformed')
      assert.equal(session.calls.filter((call) => call.operation === 'compute.version.get').length, 1)
    } finally {
      await session.close()
    }
    const configured = fastClient(fake.cloud({ apiVersions: { compute: '2.60' } })).iteration()
    try {
      await configured.get('compute', 'compute.flavors.list', '/flavors')
      assert.equal(fake.requests('compute.flavors.list').at(-1)?.microversion, 'compute 2.60')
    } finally {
      await configured.close()
    }
  })

  test('pagination follows next links (only their query), Glance next and Designate links', async () => {
    const session = fastClient(fake.cloud()).iteration()
    const item = z.object({ id: z.string() })
    try {
      const servers = await listAll(session, 'compute', 'compute.servers.list', '/servers', {}, item, { itemsKey: 'servers', limit: 2 })
      assert.deepEqual(servers.map((server) => server.id), ['server-0000', 'server-0001', 'server-0002', 'server-0003', 'server-0004'])
      assert.equal(session.calls.filter((call) => call.operation === 'compute.servers.list').length, 3)
      const images = await listAll(session, 'image', 'image.images.list', '/v2/images', {}, item, { itemsKey: 'images', limit: 2 })
      assert.equal(images.length, 5)
      const networks = await listAll(session, 'network', 'network.networks.list', '/v2.0/networks', {}, item, { itemsKey: 'networks', limit: 4 })
      assert.equal(networks.length, 5)
      const zones = await listAll(session, 'dns', 'dns.zones.list', '/v2/zones', {}, item, { itemsKey: 'zones', limit: 1 })
      assert.equal(zones.length, 3)
      assert.ok(session.calls.every((call) => call.urlTemplate.startsWith('/')))
    } finally {
      await session.close()
    }
  })
})
