import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { describe, test } from 'node:test'
import { listClouds, loadCloud } from '../../../src/openstack/clouds-config/index.js'
import { realPart } from '../../support/real-part.js'
import { sandbox } from './support.js'

const FILE = '/etc/oslocal/clouds.yaml'
const local = realPart('openstack-local-clouds', existsSync(FILE) ? null : `no ${FILE}`, 'bash ../shared/openstack-local/setup.sh all')

describe('the clouds.yaml the local OpenStack writes', { skip: local.available ? false : local.skip }, () => {
  const box = sandbox()
  const env = box.env({ OS_CLIENT_CONFIG_FILE: FILE })

  test('lists demo and admin', async () => {
    const list = await listClouds({ env, cwd: box.cwd })
    assert.deepEqual([...list.clouds].sort(), ['admin', 'demo'])
    assert.equal(list.file, FILE)
  })

  test('demo resolves to RegionOne at the local Keystone, with its password as a secret', async () => {
    const cloud = await loadCloud({ env, cwd: box.cwd, cloud: 'demo' })
    assert.equal(cloud.region, 'RegionOne')
    assert.equal(cloud.auth.authUrl, 'http://127.0.0.1:5000/v3')
    assert.equal(cloud.authType, 'password')
    assert.equal(cloud.auth.username, 'demo')
    assert.ok(cloud.auth.password)
    assert.deepEqual(cloud.secrets, [cloud.auth.password])
    assert.equal(cloud.interface, 'public')
  })

  test('OS_CLOUD selects admin', async () => {
    const cloud = await loadCloud({ env: { ...env, OS_CLOUD: 'admin' }, cwd: box.cwd })
    assert.equal(cloud.name, 'admin')
    assert.equal(cloud.region, 'RegionOne')
  })
})
