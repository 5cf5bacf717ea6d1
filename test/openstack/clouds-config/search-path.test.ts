import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { configSearchDirs, configSearchPath } from '../../../src/openstack/clouds-config/index.js'

describe('configSearchPath', () => {
  test('defaults: cwd, ~/.config twice, /etc/xdg, /etc', () => {
    assert.deepEqual(configSearchDirs({ HOME: '/home/ada' }, undefined, '/srv'), [
      '/srv',
      '/home/ada/.config/openstack',
      '/home/ada/.config/openstack',
      '/etc/xdg/openstack',
      '/etc/openstack',
    ])
  })

  test('XDG variables, SNAP_REAL_HOME, blank values and the joined XDG_CONFIG_DIRS entry', () => {
    const env = { HOME: '/h', XDG_CONFIG_HOME: '/x', XDG_CONFIG_DIRS: '/a:~/b', SNAP_REAL_HOME: '/real' }
    assert.deepEqual(configSearchDirs(env, undefined, '/w'), ['/w', '/x/openstack', '/real/.config/openstack', '/a/openstack:/h/b/openstack', '/etc/openstack'])
    assert.deepEqual(configSearchDirs({ HOME: '/h', XDG_CONFIG_HOME: ' ', XDG_CONFIG_DIRS: '' }, undefined, '/w').slice(1, 4), [
      '/h/.config/openstack',
      '/h/.config/openstack',
      '/etc/xdg/openstack',
    ])
  })

  test('files: three suffixes per directory, the override variables first', () => {
    const path = configSearchPath({ HOME: '/h', OS_CLIENT_CONFIG_FILE: 'my.yaml', OS_CLIENT_SECURE_FILE: '/s.yaml' }, undefined, '/w')
    assert.deepEqual(path.clouds.slice(0, 4), ['/w/my.yaml', '/w/clouds.yaml', '/w/clouds.yml', '/w/clouds.json'])
    assert.equal(path.clouds.length, 16)
    assert.deepEqual(path.secure.slice(0, 2), ['/s.yaml', '/w/secure.yaml'])
    assert.equal(path.secure.at(-1), '/etc/openstack/secure.json')
  })
})
