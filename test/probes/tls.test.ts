import assert from 'node:assert/strict'
import { createServer } from 'node:https'
import { before, describe, test } from 'node:test'
import { realPart } from '../support/real-part.js'
import { makeCertificates, opensslMissing } from './support/certs.js'
import type { ServerIdentity, TestCertificates } from './support/certs.js'
import { closedPort, listen, onSuiteEnd, run, setupProbeSuite } from './support/harness.js'

setupProbeSuite()
const part = realPart('probes-tls', opensslMissing(), 'apt-get install openssl')

describe('https and tls probes with generated certificates', { skip: part.available ? false : part.skip }, () => {
  let certs: TestCertificates
  const ports: Record<string, number> = {}
  const serve = async (name: string, identity: ServerIdentity): Promise<void> => {
    ports[name] = await listen(createServer(identity, (_req, res) => res.end('{"status":"UP"}')))
  }
  before(async () => {
    certs = makeCertificates()
    onSuiteEnd(() => certs.cleanup())
    await serve('valid', certs.valid)
    await serve('expired', certs.expired)
    await serve('wrongHost', certs.wrongHost)
    await serve('soon', certs.soonExpiring)
    await serve('missing', certs.missingIntermediate)
    await serve('self', certs.selfSigned)
  })
  const tls = () => ({ caFile: certs.rootFile })

  test('https: a valid chain passes, with the tls phase and certificate expiry', async () => {
    const result = await run({
      kind: 'http',
      url: `https://127.0.0.1:${ports.valid}/`,
      tls: tls(),
      conditions: ['[STATUS] == 200', '[CERTIFICATE_EXPIRATION] > 48h', '[BODY].status == UP'],
    })
    assert.equal(result.ok, true, JSON.stringify(result.failure))
    const phases = result.calls[0]?.phases
    assert.ok(phases?.connect !== undefined && phases.tls !== undefined && phases.ttfb !== undefined)
  })

  test('https: serverName sets SNI and the name checked', async () => {
    const ok = await run({ kind: 'http', url: `https://127.0.0.1:${ports.valid}/`, tls: { ...tls(), serverName: 'localhost' } })
    assert.equal(ok.ok, true, JSON.stringify(ok.failure))
    const wrong = await run({ kind: 'http', url: `https://127.0.0.1:${ports.valid}/`, tls: { ...tls(), serverName: 'api.other.test' } })
    assert.equal(wrong.failure?.code, 'tls')
    assert.match(wrong.failure?.message ?? '', /hostname mismatch/)
  })

  const broken: Array<[string, RegExp]> = [
    ['expired', /certificate expired/],
    ['wrongHost', /hostname mismatch/],
    ['missing', /unable to get local issuer|missing intermediate/],
    ['self', /self-signed/],
  ]
  for (const [name, reason] of broken) {
    test(`https and tls: ${name} fails as tls with the reason`, async () => {
      const https = await run({ kind: 'http', url: `https://127.0.0.1:${ports[name]}/`, tls: tls() })
      assert.equal(https.failure?.code, 'tls', JSON.stringify(https.failure))
      assert.match(https.failure?.message ?? '', reason)
      const handshake = await run({ kind: 'tls', host: '127.0.0.1', port: ports[name], tls: tls() })
      assert.equal(handshake.failure?.code, 'tls', JSON.stringify(handshake.failure))
      assert.match(handshake.failure?.message ?? '', reason)
    })
  }

  test('insecureSkipVerify accepts a self-signed certificate', async () => {
    const result = await run({ kind: 'http', url: `https://127.0.0.1:${ports.self}/`, tls: { insecureSkipVerify: true } })
    assert.equal(result.ok, true, JSON.stringify(result.failure))
  })

  test('tls: a valid chain passes and reports the expiry', async () => {
    const result = await run({ kind: 'tls', host: '127.0.0.1', port: ports.valid, tls: tls(), conditions: ['[CONNECTED] == true'] })
    assert.equal(result.ok, true, JSON.stringify(result.failure))
    assert.equal(result.calls[0]?.operation, 'tls.handshake')
    assert.ok(result.calls[0]?.phases.tls !== undefined)
    assert.match(result.conditions[0]?.actual ?? '', /\(29d|\(30d/)
  })

  test('tls: a leaf valid for less than minValidity fails as tls', async () => {
    const result = await run({ kind: 'tls', host: '127.0.0.1', port: ports.soon, tls: tls(), minValidity: '7d' })
    assert.equal(result.failure?.code, 'tls')
    assert.equal(result.failure?.condition?.condition, '[CERTIFICATE_EXPIRATION] > 7d')
    assert.equal((await run({ kind: 'tls', host: '127.0.0.1', port: ports.soon, tls: tls(), minValidity: '1d' })).ok, true)
  })

  test('tls: refused connections and plain-text servers fail cleanly', async () => {
    const refused = await run({ kind: 'tls', host: '127.0.0.1', port: await closedPort() })
    assert.equal(refused.failure?.code, 'connect')
    const missingCa = await run({ kind: 'tls', host: '127.0.0.1', port: ports.valid, tls: { caFile: '/nonexistent/ca.pem' } })
    assert.equal(missingCa.failure?.code, 'internal')
  })
})
