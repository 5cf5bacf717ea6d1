import assert from 'node:assert/strict'
import { test } from 'node:test'
import { CheckSchema, parseStoredCheck, storedDefinition } from './index.js'

test('a stored definition reads back as the same check', () => {
  const checks = [
    CheckSchema.parse({ name: 'a', kind: 'http', url: 'https://x.test/', interval: '1m30s', timeout: '250ms', retryDelay: '2s' }),
    CheckSchema.parse({ name: 'b', kind: 'tls', host: 'x.test', minValidity: '14d' }),
    CheckSchema.parse({ name: 'c', kind: 'dns', query: 'x.test', recordType: 'MX', expectedAnswers: ['10 mx.x.test'] }),
    CheckSchema.parse({ name: 'd', kind: 'catalog', cloud: 'demo' }),
    CheckSchema.parse({
      name: 'e', kind: 'scenario', simulated: true, interval: '20s', timeout: '15s', shutdownGrace: '30s', pollInterval: '2s',
      waitTimeouts: { server: '5m', volume: '2m', loadBalancer: '10m' },
    }),
  ]
  for (const check of checks) {
    const stored = JSON.parse(JSON.stringify(storedDefinition(check)))
    assert.deepEqual(parseStoredCheck(stored), check)
  }
  assert.equal(parseStoredCheck({ name: 'x', kind: 'gopher' }), null)
})

test('substituted secrets never reach the stored definition, and it still reads back', () => {
  const secret = 's3cr3t-value'
  const check = CheckSchema.parse({
    name: 'a',
    kind: 'http',
    url: `https://x.test/p?sig=${secret}`,
    headers: { 'X-Custom': `Bearer ${secret}` },
    body: `{"k":"${secret}"}`,
  })
  const stored = storedDefinition(check, [secret])
  assert.ok(!JSON.stringify(stored).includes(secret))
  const read = parseStoredCheck(stored)
  assert.equal(read?.kind === 'http' ? read.url : null, 'https://x.test/p?sig=%2A%2A%2A')
})
