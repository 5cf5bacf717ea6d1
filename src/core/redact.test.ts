import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { isSecretName, redactHeaders, redactText, redactUrl } from './redact.js'

const patterns = ['authorization', '*token*', '*key*', 'password']

describe('redact', () => {
  test('secret names are case-insensitive globs', () => {
    assert.equal(isSecretName('X-Auth-Token', patterns), true)
    assert.equal(isSecretName('API_KEY', patterns), true)
    assert.equal(isSecretName('Authorization', patterns), true)
    assert.equal(isSecretName('accept', patterns), false)
    assert.equal(isSecretName('passwords', patterns), false)
  })

  test('urls: secret query values and the userinfo password', () => {
    assert.equal(
      redactUrl('https://user:pw@example.test:8443/a/b?token=abc&x=1&api%5Fkey=zz#frag', patterns),
      'https://user:***@example.test:8443/a/b?token=***&x=1&api%5Fkey=***#frag',
    )
    assert.equal(redactUrl('http://example.test/?a=1', patterns), 'http://example.test/?a=1')
    assert.equal(redactUrl('not a url ?password=x', patterns), 'not a url ?password=***')
  })

  test('headers and free text', () => {
    assert.deepEqual(redactHeaders({ 'X-Auth-Token': 'abc', accept: 'json' }, patterns), { 'X-Auth-Token': '***', accept: 'json' })
    assert.equal(redactText('failed: s3cr3t/x and s3cr3t%2Fx', ['s3cr3t/x']), 'failed: *** and ***')
    assert.equal(redactText('nothing here', ['', 'zzz']), 'nothing here')
  })

  test('property: a redacted text never contains the secret', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 3 }), fc.string(), (before, secret, after) => {
        fc.pre(!'***'.includes(secret) && !secret.includes('*'))
        assert.ok(!redactText(`${before}${secret}${after}`, [secret]).includes(secret))
      }),
    )
  })
})
