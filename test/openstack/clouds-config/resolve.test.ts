import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { CloudConfigError, loadCloud } from '../../../src/openstack/clouds-config/index.js'
import type { CloudsOptions } from '../../../src/openstack/clouds-config/index.js'
import { fixture, sandbox } from './support.js'

const box = sandbox()
const load = (file: string, options: CloudsOptions = {}, env: Record<string, string> = {}) =>
  loadCloud({ cwd: box.cwd, ...options, env: box.env({ OS_CLIENT_CONFIG_FILE: fixture(file), ...env }) })

async function failure(promise: Promise<unknown>): Promise<CloudConfigError> {
  try {
    await promise
  } catch (error) {
    assert.ok(error instanceof CloudConfigError, String(error))
    assert.equal(error.code, 'CLOUD_CONFIG')
    return error
  }
  assert.fail('expected a CloudConfigError')
}

describe('a cloud resolved like openstacksdk', () => {
  test('auth, region, versions, overrides, TLS, timeout and extra keys', async () => {
    const cloud = await load('basic.yaml', { cloud: 'demo' })
    assert.equal(cloud.name, 'demo')
    assert.equal(cloud.region, 'RegionOne')
    assert.equal(cloud.authType, 'password')
    assert.deepEqual(cloud.auth, {
      authUrl: 'http://127.0.0.1:5000/v3',
      username: 'demo',
      password: 'demo-password',
      projectName: 'demo',
      userDomainName: 'Default',
      projectDomainName: 'Default',
    })
    assert.equal(cloud.interface, 'public')
    assert.equal(cloud.verify, true)
    assert.equal(cloud.cacert, `${box.home}/certs/ca.pem`)
    assert.equal(cloud.apiTimeoutMs, 30_000)
    assert.deepEqual(cloud.apiVersions, { identity: '3', compute: '2.79', volume: '3.0' })
    assert.deepEqual(cloud.endpointOverrides, {
      block_storage: 'http://127.0.0.1:8776/v3/RegionOne',
      image: 'http://127.0.0.1:9292',
    })
    assert.deepEqual(cloud.extra, { floating_ip_source: 'neutron' })
    assert.deepEqual(cloud.secrets, ['demo-password'])
    assert.deepEqual(cloud.source, { file: fixture('basic.yaml'), secureFile: null })
  })

  test('interface, verify: false, ids, and no region', async () => {
    const cloud = await load('basic.yaml', { cloud: 'other' })
    assert.equal(cloud.interface, 'internal')
    assert.equal(cloud.verify, false)
    assert.equal(cloud.region, null)
    assert.equal(cloud.auth.projectId, '0123abcd')
    assert.equal(cloud.auth.userDomainId, 'default')
  })

  test('regions: the first by default, values of the chosen one override the cloud', async () => {
    const first = await load('regions.yaml', { cloud: 'multi' })
    assert.equal(first.region, 'RegionOne')
    assert.equal(first.interface, 'public')
    const second = await load('regions.yaml', { cloud: 'multi', region: 'RegionTwo' })
    assert.equal(second.region, 'RegionTwo')
    assert.equal(second.interface, 'internal')
    assert.equal(second.auth.projectName, 'second')
    assert.equal(second.auth.username, 'u')
    assert.deepEqual(second.endpointOverrides, { compute: 'http://127.0.0.1:18774/v2.1' })
  })

  test('OS_REGION_NAME chooses the region; an explicit region beats it', async () => {
    assert.equal((await load('regions.yaml', { cloud: 'multi' }, { OS_REGION_NAME: 'RegionTwo' })).region, 'RegionTwo')
    const both = await load('regions.yaml', { cloud: 'multi', region: 'RegionOne' }, { OS_REGION_NAME: 'RegionTwo' })
    assert.equal(both.region, 'RegionOne')
  })

  test('an unknown region is an error listing the valid ones, positioned at regions', async () => {
    const error = await failure(load('regions.yaml', { cloud: 'multi', region: 'regionone' }))
    assert.match(error.message, /regions\.yaml:10:7: clouds\.multi\.regions: region "regionone" .*valid regions: RegionOne, RegionTwo/)
  })

  test('region_name as a comma-separated list, token auth', async () => {
    const cloud = await load('regions.yaml', { cloud: 'legacy', region: 'West' })
    assert.equal(cloud.region, 'West')
    assert.equal(cloud.authType, 'token')
    assert.equal(cloud.auth.token, 't0ken-value')
    assert.deepEqual(cloud.secrets, ['t0ken-value'])
  })

  test('a region entry with keys other than name and values is an error at that entry', async () => {
    const error = await failure(load('regions.yaml', { cloud: 'bad-entry' }))
    assert.match(error.message, /regions\.yaml:26:9: clouds\.bad-entry\.regions\[0\]: must be a region name or \{name, values\}/)
  })

  test('a top-level token moves into auth; token is the token plugin', async () => {
    const cloud = await load('auth-types.yaml', { cloud: 'token' })
    assert.equal(cloud.authType, 'token')
    assert.deepEqual(cloud.auth, { authUrl: 'http://127.0.0.1:5000/v3', projectId: 'p1', token: 'top-level-token' })
  })

  test('application credential by name and user; dashed keys normalised', async () => {
    const cloud = await load('auth-types.yaml', { cloud: 'appcred-by-name' })
    assert.equal(cloud.authType, 'v3applicationcredential')
    assert.equal(cloud.auth.authUrl, 'http://127.0.0.1:5000/v3')
    assert.equal(cloud.auth.applicationCredentialName, 'monitor')
    assert.equal(cloud.auth.username, 'monitor-user')
    assert.deepEqual(cloud.secrets, ['cred-secret'])
  })

  test('legacy keys: tenant_name, endpoint_type, insecure, *_timeout, domain_id, {region_name} in auth_url', async () => {
    const cloud = await load('auth-types.yaml', { cloud: 'legacy' })
    assert.equal(cloud.auth.projectName, 'oldproject')
    assert.equal(cloud.auth.userDomainId, 'default')
    assert.equal(cloud.auth.projectDomainId, 'default')
    assert.equal(cloud.auth.domainId, undefined)
    assert.equal(cloud.auth.authUrl, 'https://RegionOne.example.test:5000/v3')
    assert.equal(cloud.interface, 'admin')
    assert.equal(cloud.extra.compute_interface, 'internal')
    assert.equal(cloud.verify, false)
    assert.equal(cloud.apiTimeoutMs, 45_000)
  })

  test('an unsupported auth_type names the supported ones, at its line and column', async () => {
    const error = await failure(load('auth-types.yaml', { cloud: 'oidc' }))
    assert.match(error.message, /auth-types\.yaml:30:16: clouds\.oidc\.auth_type: unsupported auth_type; .*password \(v3password\), token \(v3token\) and v3applicationcredential/)
    assert.equal(error.issue.line, 30)
  })

  test('auth_url is required', async () => {
    const error = await failure(load('auth-types.yaml', { cloud: 'no-url' }))
    assert.match(error.message, /auth-types\.yaml:36:7: clouds\.no-url\.auth\.auth_url: auth_url is required/)
  })

  test('profile: is reported as unsupported', async () => {
    const error = await failure(load('profile.yaml', { cloud: 'vendor' }))
    assert.match(error.message, /profile\.yaml:3:14: clouds\.vendor\.profile: vendor profiles are not supported yet/)
  })

  test('JSON files parse with the same parser and errors are positioned', async () => {
    const error = await failure(load('clouds.json', { cloud: 'json' }))
    assert.match(error.message, /clouds\.json:5:20: clouds\.json\.interface: must be public, internal or admin/)
  })

  test('canary: an error for a broken cloud never contains its secrets', async () => {
    const canary = 'CANARY-7f3e9b2c-do-not-leak'
    const error = await failure(load('canary.yaml', { cloud: 'canary' }))
    const region = await failure(load('canary.yaml', { cloud: 'canary', region: 'Nowhere' }))
    for (const text of [error.message, error.stack ?? '', JSON.stringify(error.issue), region.message, JSON.stringify(region.issue)]) {
      assert.ok(!text.includes(canary), `leaked: ${text}`)
    }
    assert.match(error.message, /clouds\.canary\.interface: must be public, internal or admin/)
  })
})
