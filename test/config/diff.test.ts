import { test } from 'node:test'
import assert from 'node:assert/strict'
import { CheckSchema, checkHash, diffChecks } from '../../src/config/index.js'

const check = (input: Record<string, unknown>) => CheckSchema.parse(input)
const web = check({ name: 'web', kind: 'http', url: 'http://127.0.0.1/' })
const ssh = check({ name: 'ssh', kind: 'tcp', host: '127.0.0.1', port: 22 })
const dns = check({ name: 'resolver', kind: 'dns', query: 'example.test' })

test('checkHash ignores key order and how a default was written', () => {
  const explicit = check({ url: 'http://127.0.0.1/', interval: '1m', kind: 'http', name: 'web', timeout: '10s' })
  assert.equal(checkHash(explicit), checkHash(web))
  assert.notEqual(checkHash(check({ name: 'web', kind: 'http', url: 'http://127.0.0.1/', interval: '61s' })), checkHash(web))
  assert.match(checkHash(web), /^[0-9a-f]{64}$/)
})

test('diffChecks sorts checks into added, removed, changed and unchanged by name', () => {
  const sshMoved = check({ name: 'ssh', kind: 'tcp', host: '127.0.0.1', port: 2222 })
  const webAgain = check({ name: 'web', kind: 'http', url: 'http://127.0.0.1/' })
  const diff = diffChecks([web, ssh], [sshMoved, webAgain, dns])
  assert.deepEqual(diff.added, [dns])
  assert.deepEqual(diff.removed, [])
  assert.deepEqual(diff.changed, [sshMoved])
  assert.equal(diff.unchanged[0], web, 'unchanged checks are the running (previous) objects')
  assert.deepEqual(diffChecks([web, ssh, dns], [dns]), { added: [], removed: [web, ssh], changed: [], unchanged: [dns] })
})
