import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { systemClock } from '../../src/core/clock.js'
import { OpenStackError } from '../../src/openstack/index.js'
import { runCatalogCheck } from '../../src/probes/catalog/index.js'
import { FAKE_APP_SECRET, FAKE_PASSWORD, startFakeOpenStack } from '../fakes/openstack/index.js'
import type { FakeOpenStack } from '../fakes/openstack/index.js'
import { capturingLogger, fastClient } from './support.js'

describe('secrets never leave the OpenStack client', () => {
  let fake: FakeOpenStack
  before(async () => {
    fake = await startFakeOpenStack()
  })
  after(() => fake.close())

  test('passwords, application-credential secrets and tokens appear in no result, error or log line', async () => {
    const log = capturingLogger()
    const outputs: unknown[] = []
    const password = fake.cloud()
    const appCredential = fake.cloud({
      authType: 'v3applicationcredential',
      auth: { authUrl: fake.authUrl, applicationCredentialId: 'ac-0001', applicationCredentialSecret: FAKE_APP_SECRET },
      secrets: [FAKE_APP_SECRET],
    })
    const wrong = fake.cloud({ auth: { ...password.auth, password: `${FAKE_PASSWORD}-wrong` }, secrets: [`${FAKE_PASSWORD}-wrong`] })
    for (const cloud of [password, appCredential, wrong]) {
      const client = fastClient(cloud, { log })
      fake.fault('network.networks.list', { status: 500, message: `echo ${cloud.secrets[0]}`, times: 1 })
      fake.fault('compute.flavors.list', { garbage: true, times: 1 })
      outputs.push(await runCatalogCheck({ cloud, signal: AbortSignal.timeout(20_000), clock: systemClock, log, client }))
      fake.revokeTokens()
      const session = client.iteration({ log })
      try {
        await session.get('compute', 'compute.servers.list', '/servers')
      } catch (error) {
        assert.ok(error instanceof OpenStackError)
        outputs.push({ ...error, message: error.message, stack: error.stack })
      } finally {
        outputs.push(session.calls)
        await session.close()
      }
    }
    fake.clearFaults()
    const tokens = [...fake.state.tokens.keys()]
    const produced = [JSON.stringify(outputs), ...log.lines].join('\n')
    assert.ok(produced.includes('"operation"'), 'the outputs are really there')
    assert.ok(log.lines.length > 0)
    for (const secret of [FAKE_PASSWORD, FAKE_APP_SECRET, ...tokens]) {
      const at = produced.indexOf(secret)
      assert.ok(at < 0, `a secret leaked: ${produced.slice(Math.max(0, at - 120), at).replace(secret, '')}`)
    }
    assert.ok(produced.includes('echo ***'), 'a server echoing the password is redacted')
  })
})
