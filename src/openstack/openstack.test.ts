import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import {
  authRequestBody,
  classifyAnswer,
  DEFAULT_RETRY_POLICY,
  negotiateMicroversion,
  officialServiceType,
  parseRetryAfter,
  retryDelayMs,
  selectServices,
  versionDocumentUrl,
} from './index.js'

describe('openstack pure parts', () => {
  test('service types fold aliases; the official name wins over aliases', () => {
    assert.equal(officialServiceType('volumev3'), 'block-storage')
    assert.equal(officialServiceType('block_storage'), 'block-storage')
    assert.equal(officialServiceType('sharev2'), 'shared-file-system')
    assert.equal(officialServiceType('octavia'), 'load-balancer')
    assert.equal(officialServiceType('Some_Thing'), 'some-thing')
    const endpoint = (url: string) => [{ interface: 'public', region: 'R', region_id: 'R', url }]
    const services = selectServices(
      [
        { type: 'volume', endpoints: endpoint('http://h/v1') },
        { type: 'volumev3', endpoints: endpoint('http://h/v3/') },
        { type: 'volumev2', endpoints: endpoint('http://h/v2') },
      ],
      { interface: 'public', region: 'R', overrides: {}, projectId: null },
    )
    assert.deepEqual(services.map((service) => [service.type, service.advertisedAs, service.url]), [['block-storage', 'volumev3', 'http://h/v3']])
  })

  test('answers are classified into the contract codes', () => {
    const code = (status: number, headers: Record<string, string> = {}, body = '') => classifyAnswer(status, headers, body).code
    assert.equal(code(401), 'auth')
    assert.equal(code(403), 'forbidden')
    assert.equal(code(403, {}, '{"forbidden": {"message": "Quota exceeded for cores"}}'), 'quota')
    assert.equal(code(409, {}, '{"NeutronError": {"message": "Quota exceeded for resources: [\'port\']", "type": "OverQuota"}}'), 'quota')
    assert.equal(code(409), 'conflict')
    assert.equal(code(413), 'quota')
    assert.equal(code(429), 'rate_limited')
    assert.equal(code(503), 'http_5xx')
    assert.equal(code(503, { 'retry-after': '5' }), 'rate_limited')
    assert.equal(code(418), 'http_4xx')
    assert.equal(classifyAnswer(500, {}, '{"computeFault": {"message": "boom", "code": 500}}').message, 'HTTP 500: boom')
    assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:28:05 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')), 5000)
  })

  test('retries: GETs back off on transient failures, writes only when nothing was done', () => {
    const failure = (code: 'http_5xx' | 'conflict' | 'rate_limited' | 'forbidden', retryAfterMs: number | null = null) => ({ code, message: '', retryAfterMs })
    assert.equal(retryDelayMs(failure('http_5xx'), 1, true, DEFAULT_RETRY_POLICY), 2000)
    assert.equal(retryDelayMs(failure('http_5xx'), 2, true, DEFAULT_RETRY_POLICY), 3000)
    assert.equal(retryDelayMs(failure('http_5xx'), 3, true, DEFAULT_RETRY_POLICY), null)
    assert.equal(retryDelayMs(failure('http_5xx'), 1, false, DEFAULT_RETRY_POLICY), null)
    assert.equal(retryDelayMs(failure('forbidden'), 1, true, DEFAULT_RETRY_POLICY), null)
    assert.equal(retryDelayMs(failure('conflict'), 1, false, DEFAULT_RETRY_POLICY), 5000)
    assert.equal(retryDelayMs(failure('conflict'), 2, false, DEFAULT_RETRY_POLICY), null)
    assert.equal(retryDelayMs(failure('rate_limited', 7000), 1, false, DEFAULT_RETRY_POLICY), 7000)
    assert.equal(retryDelayMs(failure('rate_limited', 60_000), 1, true, DEFAULT_RETRY_POLICY), null)
  })

  test('microversions and version document URLs', () => {
    assert.equal(negotiateMicroversion({ min: '2.1', max: '2.9' }, '2.10'), '2.9')
    assert.equal(negotiateMicroversion({ min: '2.50', max: '2.90' }, '2.10'), null)
    assert.equal(negotiateMicroversion({ min: null, max: null }, '2.1'), null)
    assert.equal(versionDocumentUrl({ type: 'block-storage', url: 'http://h:8776/v3/p1' }, 'p1'), 'http://h:8776/v3/')
    assert.equal(versionDocumentUrl({ type: 'object-store', url: 'http://h:8080/v1/AUTH_p1' }, 'p1'), 'http://h:8080/info')
    assert.equal(versionDocumentUrl({ type: 'image', url: 'http://h:9292' }, 'p1'), 'http://h:9292/')
  })

  test('auth bodies: names need domains, domain_id defaults them, no project means domain scope', () => {
    const body = authRequestBody({ authType: 'password', auth: { authUrl: 'x', username: 'u', password: 'p', projectName: 'pr', domainId: 'd' } })
    assert.deepEqual(body, {
      auth: {
        identity: { methods: ['password'], password: { user: { name: 'u', password: 'p', domain: { id: 'd' } } } },
        scope: { project: { name: 'pr', domain: { id: 'd' } } },
      },
    })
    const domainScoped = authRequestBody({ authType: 'password', auth: { authUrl: 'x', userId: 'u1', password: 'p', domainName: 'Default' } })
    assert.deepEqual((domainScoped.auth as { scope: unknown }).scope, { domain: { name: 'Default' } })
    assert.throws(() => authRequestBody({ authType: 'password', auth: { authUrl: 'x', username: 'u', password: 'p' } }), /user_domain/)
    assert.throws(() => authRequestBody({ authType: 'v3applicationcredential', auth: { authUrl: 'x', applicationCredentialId: 'a' } }), /secret/)
  })
})
