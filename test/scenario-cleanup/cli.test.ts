import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { main } from '../../src/cli/index.js'
import { createKeypair, createNetwork } from '../../src/openstack/index.js'
import { captureIo } from '../support/cli-io.js'
import { testCloud } from './support.js'
import type { TestCloud } from './support.js'

const PASSWORD = 'cleanup-canary-password-51f0'
const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDx2Tm9uZQmNz9kCq3hJ0Vb0dYbWq3nS2a2Y6ytJvNq4 test'

describe('glasshouse cleanup (simulated cloud)', () => {
  let cloud: TestCloud
  let refuseNetworkDelete = false
  const dir = mkdtempSync(join(tmpdir(), 'glasshouse-cleanup-cli-'))
  const cloudsFile = join(dir, 'clouds.yaml')
  const env = { OS_CLIENT_CONFIG_FILE: cloudsFile, GLASSHOUSE_OWNER: 'mon1' }
  const cleanup = (...args: string[]) => {
    const capture = captureIo(env, dir)
    return main(['cleanup', '--cloud', 'sim', '--data-dir', join(dir, 'data'), ...args], capture.io).then((code) => ({ code, out: capture.out(), err: capture.err() }))
  }

  before(async () => {
    cloud = await testCloud({
      password: PASSWORD,
      hooks: { request: (operation) => (refuseNetworkDelete && operation === 'network.networks.delete' ? (c) => c.json({ NeutronError: { message: 'busy' } }, 500) : undefined) },
    })
    const auth = `    auth_url: ${cloud.sim.authUrl}\n    username: demo\n    password: ${PASSWORD}\n    project_name: demo\n    user_domain_name: Default\n    project_domain_name: Default\n`
    writeFileSync(cloudsFile, `clouds:\n  sim:\n    region_name: RegionOne\n    auth:\n${auth}`)
  })
  after(async () => {
    await cloud.close()
    rmSync(dir, { recursive: true, force: true })
  })

  test('nothing left: exit 0; a dry run with leftovers: exit 1 and nothing deleted', async () => {
    const empty = await cleanup()
    assert.equal(empty.code, 0, empty.err)
    assert.match(empty.out, /^0 found, 0 deleted, 0 left for owner mon1 on sim$/m)
    const session = cloud.session()
    await createKeypair(session, { name: 'gh-mon1-x-KEY', public_key: KEY })
    const dry = await cleanup('--dry-run')
    assert.equal(dry.code, 1)
    assert.match(dry.out, /^found keypair gh-mon1-x-KEY \(janitor\)$/m)
    assert.deepEqual(cloud.extra(), ['keypairs: gh-mon1-x-KEY'])
    const real = await cleanup('--json')
    assert.equal(real.code, 0, real.err)
    assert.deepEqual(JSON.parse(real.out).items.map((item: { outcome: string; name: string }) => `${item.outcome} ${item.name}`), ['deleted gh-mon1-x-KEY'])
    assert.deepEqual(cloud.extra(), [])
  })

  test('a leftover that cannot be deleted: exit 1, named in the output', async () => {
    await createNetwork(cloud.session(), { name: 'gh-mon1-x-NET' })
    refuseNetworkDelete = true
    try {
      const stuck = await cleanup()
      assert.equal(stuck.code, 1)
      assert.match(stuck.out, /^failed network gh-mon1-x-NET \S+ \(janitor\) — .*/m)
    } finally {
      refuseNetworkDelete = false
    }
    assert.equal((await cleanup()).code, 0)
  })

  test('usage and environment errors: exit 2 and 3, never a secret', async () => {
    const badOwner = await cleanup('--owner', 'Mon-1')
    assert.equal(badOwner.code, 2)
    assert.match(badOwner.err, /--owner: owner id "Mon-1" must be 1–24 lowercase letters and digits/)
    const capture = captureIo(env, dir)
    assert.equal(await main(['cleanup', '--cloud', 'nowhere', '--data-dir', join(dir, 'data')], capture.io), 3)
    assert.match(capture.err(), /nowhere/)
    const elsewhere = mkdtempSync(join(dir, 'cwd-'))
    const noAuth = captureIo({ ...env, OS_CLIENT_CONFIG_FILE: join(dir, 'missing.yaml'), HOME: elsewhere }, elsewhere)
    assert.equal(await main(['cleanup', '--cloud', 'sim', '--data-dir', join(dir, 'data')], noAuth.io), 3)
    const wrong = join(dir, 'wrong.yaml')
    writeFileSync(wrong, `clouds:\n  sim:\n    auth:\n      auth_url: ${cloud.sim.authUrl}\n      username: demo\n      password: not-${PASSWORD}\n      project_name: demo\n      user_domain_name: Default\n      project_domain_name: Default\n`)
    const denied = captureIo({ ...env, OS_CLIENT_CONFIG_FILE: wrong }, dir)
    assert.equal(await main(['cleanup', '--cloud', 'sim', '--data-dir', join(dir, 'data')], denied.io), 3)
    assert.match(denied.err(), /^error: cloud sim: /m)
    for (const text of [badOwner.out, badOwner.err, capture.err(), noAuth.err(), denied.err(), denied.out()]) assert.ok(!text.includes(PASSWORD))
    const pg = await cleanup('--database-url', 'postgres://glasshouse:pw@127.0.0.1:1/none')
    assert.equal(pg.code, 3, pg.err)
  })
})
