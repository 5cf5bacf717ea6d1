import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { evaluateCondition, parseCondition } from './index.js'
import type { ConditionContext, ConditionKind } from './index.js'

function check(text: string, context: ConditionContext, kind: ConditionKind = 'http') {
  const parsed = parseCondition(text, kind)
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.message)
  return evaluateCondition(parsed.condition, context)
}

const body = JSON.stringify({
  status: 'UP',
  count: 3,
  items: [{ name: 'a', ok: true }, { name: 'b', ok: true }],
  'content-type': 'json',
  nested: { list: [1, 2, 3] },
  empty: [],
})

describe('conditions', () => {
  test('status, response time, numeric and duration comparisons', () => {
    assert.equal(check('[STATUS] == 200', { status: 200 }).ok, true)
    assert.equal(check('[STATUS] < 400', { status: 503 }).actual, '503')
    assert.equal(check('[STATUS] < 400', { status: 503 }).ok, false)
    assert.equal(check('[STATUS]==any(200, 204)', { status: 204 }).ok, true)
    assert.equal(check('[STATUS] != any(200, 204)', { status: 204 }).ok, false)
    assert.equal(check('[STATUS] == pat(2*)', { status: 201 }).ok, true)
    assert.equal(check('[RESPONSE_TIME] < 500', { responseTimeMs: 12.7 }).ok, true)
    assert.equal(check('[RESPONSE_TIME] < 1s', { responseTimeMs: 1200 }).ok, false)
    assert.equal(check('[CERTIFICATE_EXPIRATION] > 48h', { certificateExpiresInMs: 72 * 3_600_000 }).ok, true)
    assert.equal(check('[CERTIFICATE_EXPIRATION] > 48h', { certificateExpiresInMs: 3_600_000 }).actual, '3600000 (1h)')
  })

  test('body paths, wildcard lists, len and has', () => {
    assert.equal(check('[BODY].status == UP', { body }).ok, true)
    assert.equal(check("[BODY]['content-type'] == json", { body }).ok, true)
    assert.equal(check('[BODY].items[1].name == b', { body }).ok, true)
    assert.equal(check('[BODY].items[*].ok == true', { body }).ok, true)
    assert.equal(check('[BODY].items[*].name == a', { body }).ok, false)
    assert.equal(check('len([BODY].items) == 2', { body }).ok, true)
    assert.equal(check('len([BODY].items[*]) == 2', { body }).ok, true)
    assert.equal(check('len([BODY].nested.list) >= 3', { body }).ok, true)
    assert.equal(check('len([BODY].empty) == 0', { body }).ok, true)
    assert.equal(check('has([BODY].nope) == false', { body }).ok, true)
    assert.equal(check('has([BODY].count) == true', { body }).ok, true)
    assert.equal(check('[BODY].count > 2', { body }).ok, true)
    assert.equal(check('[BODY].count == [BODY].count', { body }).ok, true)
    assert.equal(check('[BODY] == pat(*"UP"*)', { body }).ok, true)
    assert.equal(check('[BODY].nope == 1', { body }).actual, '(missing: path not found)')
    assert.equal(check('[BODY].a == 1', { body: 'not json' }).actual, '(missing: body is not JSON)')
  })

  test('headers are case-insensitive and secret headers never show', () => {
    const headers = { 'Content-Type': 'application/json', 'X-Subject-Token': 'canary-123' }
    const redact = { patterns: ['*token*'], secrets: ['canary-123'] }
    assert.equal(check('[HEADER].content-type == pat(application/*)', { headers }).ok, true)
    const secret = check('[HEADER].x-subject-token == wrong', { headers, redact })
    assert.equal(secret.ok, false)
    assert.equal(secret.actual, '***')
    assert.equal(check('[BODY] == x', { body: 'token canary-123', redact }).actual, 'token ***')
  })

  test('tcp, tls and dns placeholders', () => {
    assert.equal(check('[CONNECTED] == true', { connected: true }, 'tcp').ok, true)
    assert.equal(check('[IP] == 127.0.0.1', { ip: '127.0.0.1' }, 'tcp').ok, true)
    assert.equal(check('[DNS_RCODE] == NXDOMAIN', { dnsRcode: 'NXDOMAIN' }, 'dns').ok, true)
    assert.equal(check('[BODY] == pat(*10.0.0.1*)', { body: '10.0.0.1,10.0.0.2' }, 'dns').ok, true)
  })

  test('actual is cut to about 200 characters', () => {
    const outcome = check('[BODY] == x', { body: 'y'.repeat(5000) })
    assert.ok((outcome.actual ?? '').length <= 200)
  })

  test('clear messages for bad conditions', () => {
    const cases: Array<[string, ConditionKind, RegExp]> = [
      ['[STATUS] == 200', 'tcp', /\[STATUS\] is not available in tcp checks/],
      ['[status] == 200', 'http', /did you mean \[STATUS\]/],
      ['[STATUS] = 200', 'http', /use ==/],
      ['[STATUS]', 'http', /no operator/],
      ['[BODY].a[?(@.x)] == 1', 'http', /cannot read the path/],
      ['[BODY] < pat(x*)', 'http', /only with == and !=/],
      ['pat(x) == [BODY]', 'http', /right side/],
      ['1 == 1', 'http', /reads no placeholder/],
      ['eval([BODY]) == 1', 'http', /unknown function eval/],
      ['[HEADER] == x', 'http', /needs a header name/],
      ['[STATUS] ==', 'http', /missing the right side/],
    ]
    for (const [text, kind, message] of cases) {
      const parsed = parseCondition(text, kind)
      assert.equal(parsed.ok, false, text)
      if (!parsed.ok) assert.match(parsed.message, message)
    }
  })

  test('property: parse never throws, evaluate never throws', () => {
    const pieces = fc.constantFrom('[STATUS]', '[BODY]', '[BODY].a', '[*]', '[0]', "['x']", 'len(', 'has(', 'pat(', 'any(', ')', '==', '<', '>=', '!=', ' ', '*', '?', ',', '[', ']', '.', '"', "'", '48h', '200', 'true', '[HEADER].x', '[CERTIFICATE_EXPIRATION]')
    const text = fc.oneof(fc.string(), fc.array(pieces, { maxLength: 12 }).map((parts) => parts.join('')))
    const context = fc.record({
      status: fc.option(fc.integer(), { nil: undefined }),
      body: fc.option(fc.oneof(fc.string(), fc.json()), { nil: undefined }),
      responseTimeMs: fc.option(fc.double(), { nil: undefined }),
      certificateExpiresInMs: fc.option(fc.double(), { nil: undefined }),
      headers: fc.option(fc.dictionary(fc.string(), fc.string()), { nil: undefined }),
    })
    fc.assert(
      fc.property(text, fc.constantFrom<ConditionKind>('http', 'tcp', 'dns', 'tls'), context, (condition, kind, ctx) => {
        const parsed = parseCondition(condition, kind)
        if (parsed.ok) {
          const outcome = evaluateCondition(parsed.condition, ctx)
          assert.equal(typeof outcome.ok, 'boolean')
        } else assert.equal(typeof parsed.message, 'string')
      }),
      { numRuns: 3000 },
    )
  })
})
