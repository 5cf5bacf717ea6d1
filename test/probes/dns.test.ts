import assert from 'node:assert/strict'
import { before, describe, test } from 'node:test'
import { realPart } from '../support/real-part.js'
import { dnsmasqMissing, freeDnsPort, startDnsmasq, startFakeUpstream } from './support/dns-servers.js'
import { run, setupProbeSuite } from './support/harness.js'

setupProbeSuite()
const part = realPart('probes-dns', dnsmasqMissing(), 'apt-get install dnsmasq-base')

describe('dns probe against dnsmasq', { skip: part.available ? false : part.skip }, () => {
  let resolver = ''
  let garbage = ''
  before(async () => {
    const servfailPort = await startFakeUpstream({ rcode: 2 })
    garbage = `127.0.0.1:${await startFakeUpstream('garbage')}`
    const port = await freeDnsPort()
    resolver = `127.0.0.1:${port}`
    await startDnsmasq(port, [
      '--local=/glass.test/',
      '--host-record=www.glass.test,10.0.0.1,fd00::1',
      '--host-record=multi.glass.test,10.0.0.1',
      '--host-record=multi.glass.test,10.0.0.2',
      '--txt-record=txt.glass.test,v=spf1 -all',
      '--mx-host=glass.test,mail.glass.test,10',
      '--cname=alias.glass.test,www.glass.test',
      '--srv-host=_http._tcp.glass.test,www.glass.test,8080,1,5',
      '--address=/nx.test/',
      `--server=/fail.test/127.0.0.1#${servfailPort}`,
    ])
  })
  const dns = (input: Record<string, unknown>) => run({ kind: 'dns', resolver, timeout: '2s', ...input })

  test('record types and expected answers, over UDP and TCP', async () => {
    const cases: Array<[string, string, string[]]> = [
      ['www.glass.test', 'A', ['10.0.0.1']],
      ['www.glass.test', 'AAAA', ['FD00:0:0::1']],
      ['multi.glass.test', 'A', ['10.0.0.2', '10.0.0.1']],
      ['txt.glass.test', 'TXT', ['v=spf1 -all']],
      ['glass.test', 'MX', ['10 Mail.Glass.Test.']],
      ['alias.glass.test', 'CNAME', ['www.glass.test']],
      ['alias.glass.test', 'A', ['10.0.0.1']],
      ['_http._tcp.glass.test', 'SRV', ['1 5 8080 www.glass.test']],
    ]
    for (const transport of ['udp', 'tcp']) {
      for (const [query, recordType, expectedAnswers] of cases) {
        const result = await dns({ query, recordType, transport, expectedAnswers })
        assert.equal(result.ok, true, `${transport} ${query} ${recordType}: ${JSON.stringify(result.failure)}`)
        assert.equal(result.calls[0]?.operation, `dns.${recordType}`)
        assert.equal(result.calls[0]?.status, 0)
        assert.ok(result.calls[0]?.phases.ttfb !== undefined)
        if (transport === 'tcp') assert.ok(result.calls[0]?.phases.connect !== undefined)
      }
    }
  })

  test('wrong expected answers fail as an assertion; [BODY] holds the answers', async () => {
    const wrong = await dns({ query: 'multi.glass.test', expectedAnswers: ['10.0.0.1'] })
    assert.equal(wrong.failure?.code, 'assertion')
    assert.equal(wrong.failure?.condition?.actual, '10.0.0.1,10.0.0.2')
    const body = await dns({ query: 'multi.glass.test', conditions: ['[BODY] == pat(*10.0.0.2*)', '[RESPONSE_TIME] < 2000'] })
    assert.equal(body.ok, true, JSON.stringify(body.failure))
    assert.equal(body.conditions[0]?.condition, '[DNS_RCODE] == NOERROR', 'the rcode rule is added')
  })

  test('NXDOMAIN: a failure by default, a pass when expected', async () => {
    const nx = await dns({ query: 'x.nx.test' })
    assert.equal(nx.failure?.code, 'dns')
    assert.equal(nx.calls[0]?.status, 3)
    assert.equal(nx.failure?.condition?.actual, 'NXDOMAIN')
    assert.equal((await dns({ query: 'missing.glass.test', expectedRcode: 'NXDOMAIN' })).ok, true)
    assert.equal((await dns({ query: 'x.nx.test', conditions: ['[DNS_RCODE] == NXDOMAIN'] })).ok, true)
  })

  test('SERVFAIL from the upstream is passed on by dnsmasq', async () => {
    const result = await dns({ query: 'x.fail.test' })
    assert.equal(result.calls[0]?.status, 2)
    assert.equal(result.failure?.code, 'dns')
    assert.equal((await dns({ query: 'x.fail.test', expectedRcode: 'SERVFAIL' })).ok, true)
  })

  test('no answer times out; garbage is malformed', async () => {
    const silent = await run({ kind: 'dns', query: 'x.glass.test', resolver: '127.0.0.1:9', timeout: '300ms' })
    assert.equal(silent.failure?.code, 'timeout')
    const broken = await run({ kind: 'dns', query: 'x.glass.test', resolver: garbage, timeout: '1s' })
    assert.equal(broken.failure?.code, 'malformed', JSON.stringify(broken.failure))
  })
})
