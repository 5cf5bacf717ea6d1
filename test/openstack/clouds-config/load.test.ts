import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { CloudConfigError, listClouds, loadCloud } from '../../../src/openstack/clouds-config/index.js'
import type { CloudsWarning } from '../../../src/openstack/clouds-config/index.js'
import { fixture, sandbox } from './support.js'

const cloudYaml = (name: string) => `clouds:\n  ${name}:\n    auth:\n      auth_url: http://127.0.0.1:5000/v3\n`

async function failure(promise: Promise<unknown>): Promise<CloudConfigError> {
  try {
    await promise
  } catch (error) {
    assert.ok(error instanceof CloudConfigError, String(error))
    return error
  }
  assert.fail('expected a CloudConfigError')
}

describe('which file', () => {
  test('the current directory beats $XDG_CONFIG_HOME, which beats ~/.config; files are never merged', async () => {
    const box = sandbox()
    box.write('work/clouds.yaml', cloudYaml('from-cwd'))
    box.write('xdg/openstack/clouds.yaml', cloudYaml('from-xdg'))
    box.write('home/.config/openstack/clouds.yaml', cloudYaml('from-home'))
    const env = box.env({ XDG_CONFIG_HOME: join(box.root, 'xdg') })
    assert.deepEqual((await listClouds({ env, cwd: box.cwd })).clouds, ['from-cwd'])
    assert.deepEqual((await listClouds({ env, cwd: box.home })).clouds, ['from-xdg'])
    assert.deepEqual((await listClouds({ env: box.env(), cwd: box.home })).clouds, ['from-home'])
    await failure(loadCloud({ env, cwd: box.cwd, cloud: 'from-xdg' }))
  })

  test('clouds.yaml beats clouds.yml beats clouds.json in one directory', async () => {
    const box = sandbox()
    box.write('work/clouds.json', JSON.stringify({ clouds: { json: {} } }))
    assert.deepEqual((await listClouds({ env: box.env(), cwd: box.cwd })).clouds, ['json'])
    box.write('work/clouds.yml', cloudYaml('yml'))
    assert.deepEqual((await listClouds({ env: box.env(), cwd: box.cwd })).clouds, ['yml'])
    box.write('work/clouds.yaml', cloudYaml('yaml'))
    assert.deepEqual((await listClouds({ env: box.env(), cwd: box.cwd })).clouds, ['yaml'])
  })

  test('OS_CLIENT_CONFIG_FILE comes first; a missing one falls through to the search path', async () => {
    const box = sandbox()
    box.write('work/clouds.yaml', cloudYaml('from-cwd'))
    const named = await listClouds({ env: box.env({ OS_CLIENT_CONFIG_FILE: fixture('single.yaml') }), cwd: box.cwd })
    assert.deepEqual(named.clouds, ['only'])
    assert.equal(named.file, fixture('single.yaml'))
    const missing = await listClouds({ env: box.env({ OS_CLIENT_CONFIG_FILE: join(box.root, 'nope.yaml') }), cwd: box.cwd })
    assert.deepEqual(missing.clouds, ['from-cwd'])
  })

  test('an unparsable file is skipped with a warning that shows no secret', async () => {
    const box = sandbox()
    box.write('work/clouds.yaml', readFileSync(fixture('broken.yaml'), 'utf8'))
    box.write('home/.config/openstack/clouds.yaml', cloudYaml('next'))
    const seen: CloudsWarning[] = []
    const list = await listClouds({ env: box.env(), cwd: box.cwd, onWarning: (warning) => seen.push(warning) })
    assert.deepEqual(list.clouds, ['next'])
    assert.equal(seen.length, 1)
    assert.deepEqual(list.warnings, seen)
    assert.equal(seen[0]?.file, join(box.cwd, 'clouds.yaml'))
    assert.match(seen[0]?.message ?? '', /^skipped: \d+:\d+: not valid YAML/)
    assert.ok(!JSON.stringify(seen).includes('broken-secret'))
  })

  test('a file that is not a mapping is an error at 1:1', async () => {
    const box = sandbox()
    const error = await failure(listClouds({ env: box.env({ OS_CLIENT_CONFIG_FILE: fixture('not-mapping.yaml') }), cwd: box.cwd }))
    assert.match(error.message, /not-mapping\.yaml:1:1: the file is not a mapping/)
  })
})

describe('secure.yaml', () => {
  test('is deep-merged over clouds.yaml: mappings merge, lists and scalars replace', async () => {
    const box = sandbox()
    const env = box.env({ OS_CLIENT_CONFIG_FILE: fixture('secure-base.yaml'), OS_CLIENT_SECURE_FILE: fixture('secure-over.yaml') })
    const cloud = await loadCloud({ env, cwd: box.cwd })
    assert.equal(cloud.auth.password, 'from-secure')
    assert.equal(cloud.auth.username, 'demo')
    assert.equal(cloud.region, 'RegionTwo')
    assert.equal(cloud.interface, 'internal')
    assert.deepEqual(cloud.source, { file: fixture('secure-base.yaml'), secureFile: fixture('secure-over.yaml') })
    await failure(loadCloud({ env, cwd: box.cwd, region: 'RegionOne' }))
  })

  test('is found on the search path like clouds.yaml', async () => {
    const box = sandbox()
    box.write('work/clouds.yaml', cloudYaml('c'))
    box.write('home/.config/openstack/secure.yml', 'clouds:\n  c:\n    auth:\n      password: found\n')
    const cloud = await loadCloud({ env: box.env(), cwd: box.cwd })
    assert.equal(cloud.auth.password, 'found')
    assert.equal(cloud.source.secureFile, join(box.home, '.config/openstack/secure.yml'))
  })
})

describe('which cloud', () => {
  const box = sandbox()
  const env = (extra: Record<string, string> = {}) => box.env({ OS_CLIENT_CONFIG_FILE: fixture('basic.yaml'), ...extra })

  test('several clouds and none chosen is an error listing them; OS_CLOUD chooses', async () => {
    const error = await failure(loadCloud({ env: env(), cwd: box.cwd }))
    assert.match(error.message, /basic\.yaml: several clouds and none chosen: .*clouds: demo, other/)
    assert.equal((await loadCloud({ env: env({ OS_CLOUD: 'other' }), cwd: box.cwd })).name, 'other')
    assert.equal((await loadCloud({ env: env({ OS_CLOUD: 'other' }), cwd: box.cwd, cloud: 'demo' })).name, 'demo')
  })

  test('an unknown cloud is an error listing the valid ones', async () => {
    const error = await failure(loadCloud({ env: env(), cwd: box.cwd, cloud: 'dmeo' }))
    assert.match(error.message, /cloud "dmeo" not found; clouds: demo, other/)
  })

  test('a file with one cloud makes it the default', async () => {
    const cloud = await loadCloud({ env: box.env({ OS_CLIENT_CONFIG_FILE: fixture('single.yaml') }), cwd: box.cwd })
    assert.equal(cloud.name, 'only')
  })

  test('OS_* variables build the envvars cloud, the default when OS_CLOUD is unset', async () => {
    const vars = { OS_AUTH_URL: 'http://127.0.0.1:5000/v3', OS_USERNAME: 'eve', OS_PASSWORD: 'env-password', OS_PROJECT_NAME: 'p', OS_USER_DOMAIN_NAME: 'Default', OS_REGION_NAME: 'RegionOne', OS_INTERFACE: 'internal', OS_IDENTITY_API_VERSION: '3' }
    const list = await listClouds({ env: env(vars), cwd: box.cwd })
    assert.deepEqual(list.clouds, ['demo', 'other', 'envvars'])
    assert.equal(list.defaultCloud, 'envvars')
    const cloud = await loadCloud({ env: env(vars), cwd: box.cwd })
    assert.equal(cloud.name, 'envvars')
    assert.deepEqual(cloud.auth, { authUrl: 'http://127.0.0.1:5000/v3', username: 'eve', password: 'env-password', projectName: 'p', userDomainName: 'Default' })
    assert.equal(cloud.region, 'RegionOne')
    assert.equal(cloud.interface, 'internal')
    assert.deepEqual(cloud.apiVersions, { identity: '3' })
    assert.deepEqual(cloud.source, { file: null, secureFile: null })
    assert.deepEqual(cloud.secrets, ['env-password'])
    assert.equal((await loadCloud({ env: env({ ...vars, OS_CLOUD: 'demo' }), cwd: box.cwd })).name, 'demo')
    assert.equal((await loadCloud({ env: env({ ...vars, OS_CLOUD_NAME: 'mine' }), cwd: box.cwd })).name, 'mine')
  })

  test('only selectors set: no envvars cloud', async () => {
    const list = await listClouds({ env: env({ OS_REGION_NAME: 'RegionOne', OS_CLOUD: 'demo', OS_TEST_TIMEOUT: '60' }), cwd: box.cwd })
    assert.deepEqual(list.clouds, ['demo', 'other'])
  })

  test('errors in the envvars cloud name the variable', async () => {
    const error = await failure(loadCloud({ env: box.env({ OS_AUTH_URL: 'http://127.0.0.1:5000/v3', OS_AUTH_TYPE: 'v3oidcpassword' }), cwd: box.cwd }))
    assert.match(error.message, /^environment: OS_AUTH_TYPE: unsupported auth_type/)
  })

  test('a file cloud named like the envvars cloud is an error', async () => {
    const error = await failure(listClouds({ env: box.env({ OS_CLIENT_CONFIG_FILE: fixture('envvars-named.yaml') }), cwd: box.cwd }))
    assert.match(error.message, /envvars-named\.yaml:3:5: clouds\.envvars: a file cloud is named "envvars"/)
    const renamed = await listClouds({ env: box.env({ OS_CLIENT_CONFIG_FILE: fixture('envvars-named.yaml'), OS_CLOUD_NAME: 'elsewhere' }), cwd: box.cwd })
    assert.deepEqual(renamed.clouds, ['envvars', 'mine'])
    await failure(listClouds({ env: box.env({ OS_CLIENT_CONFIG_FILE: fixture('envvars-named.yaml'), OS_CLOUD_NAME: 'mine' }), cwd: box.cwd }))
  })

  test('no file and no variables: an error that says where it looked', async () => {
    const error = await failure(loadCloud({ env: box.env(), cwd: box.cwd }))
    assert.match(error.message, /no clouds\.yaml found and no OS_\* variables set/)
  })
})
