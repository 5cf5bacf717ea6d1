import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ConfigSchema, effectiveComponents } from './index.js'

const checks = [
  { name: 'api-r1', kind: 'tcp', host: '127.0.0.1', port: 1, labels: { location: 'R1', team: 'a' } },
  { name: 'api-r2', kind: 'tcp', host: '127.0.0.1', port: 2, labels: { location: 'R2' } },
  { name: 'off', kind: 'tcp', host: '127.0.0.1', port: 3, enabled: false },
]

test('without components each enabled check is its own component, split by its location label', () => {
  const config = ConfigSchema.parse({ checks })
  assert.deepEqual(effectiveComponents(config), [
    { name: 'api-r1', displayName: 'api-r1', description: null, labels: { team: 'a' }, feeds: [{ check: 'api-r1', location: 'R1' }] },
    { name: 'api-r2', displayName: 'api-r2', description: null, labels: {}, feeds: [{ check: 'api-r2', location: 'R2' }] },
  ])
})

test('declared components take feed locations from the feed, else the check label, else global', () => {
  const config = ConfigSchema.parse({
    checks,
    components: [{ name: 'api', displayName: 'API', feeds: [{ check: 'api-r1' }, { check: 'api-r2', location: 'R2b' }, { check: 'off' }] }],
  })
  assert.deepEqual(effectiveComponents(config)[0]!.feeds, [
    { check: 'api-r1', location: 'R1' },
    { check: 'api-r2', location: 'R2b' },
    { check: 'off', location: 'global' },
  ])
})

test('a part feed names the derived check <check>/<component> and keeps what part of which check it takes', () => {
  const config = ConfigSchema.parse({
    checks,
    components: [
      { name: 'block-storage', feeds: [{ check: 'api-r1', operations: ['block-storage.*'] }, { check: 'api-r2' }] },
      { name: 'compute', feeds: [{ check: 'api-r1', location: 'R9', operations: ['compute.*', 'server-*'] }] },
    ],
  })
  const [blockStorage, compute] = effectiveComponents(config)
  assert.deepEqual(blockStorage!.feeds, [
    { check: 'api-r1/block-storage', location: 'R1', part: { of: 'api-r1', operations: ['block-storage.*'] } },
    { check: 'api-r2', location: 'R2' },
  ])
  assert.deepEqual(compute!.feeds, [{ check: 'api-r1/compute', location: 'R9', part: { of: 'api-r1', operations: ['compute.*', 'server-*'] } }])
})
