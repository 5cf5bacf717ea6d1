import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ReceiverSchema } from '../../src/config/index.js'
import { createSender, SendError, verifySignature, type AlertNotice } from '../../src/notify/index.js'
import type { OutboxMessage } from '../../src/store/index.js'

const SECRET = `whsec_${Buffer.from('ssrf-guard-test-signing-key-32b!').toString('base64')}`
const notice: AlertNotice = { groupKey: 'glasshouse/series:compute@R1', status: 'firing', externalURL: 'http://status.example/', at: Date.UTC(2026, 11, 6, 9),
  alerts: [{
    status: 'firing',
    labels: { alertname: 'ComponentState', component: 'compute', location: 'R1', severity: 'critical' },
    annotations: { summary: 'Compute in R1: Major outage' },
    startsAt: '2026-12-06T09:00:00.000Z',
    endsAt: '0001-01-01T00:00:00Z',
    generatorURL: 'http://status.example/',
    fingerprint: 'abc',
  }],
}
const message: OutboxMessage = { id: 'msg-1', receiver: 'hook', topic: 'alert', payload: notice, status: 'pending', attempts: 1, nextAttemptAt: 0, createdAt: 0, sentAt: null, lastError: null }

describe('operator-alert webhook receiver with the SSRF guard (opt-in)', () => {
  let server: Server
  let url: string
  const received: { headers: IncomingHttpHeaders; body: string }[] = []

  before(async () => {
    server = createServer((req, res) => {
      let body = ''
      req.on('data', (chunk: Buffer) => (body += chunk.toString()))
      req.on('end', () => {
        received.push({ headers: req.headers, body })
        res.writeHead(204).end()
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`
  })
  after(() => new Promise<void>((resolve) => server.close(() => resolve())))

  const sender = (extra: Record<string, unknown>) => createSender(ReceiverSchema.parse({ name: 'hook', kind: 'webhook', url, secret: SECRET, ...extra }))

  test('without ssrf: sent as before (admin-set receivers are trusted by default)', async () => {
    await sender({}).send(message, 5_000, Date.now())
    assert.equal(received.length, 1)
  })

  test('with ssrf: {} a loopback receiver is refused before any connection, naming the rule', async () => {
    const before = received.length
    await assert.rejects(sender({ ssrf: {} }).send(message, 5_000, Date.now()), (error: unknown) => error instanceof SendError && /http targets are not allowed/.test(error.message))
    await assert.rejects(sender({ ssrf: { allowHttp: true } }).send(message, 5_000, Date.now()), (error: unknown) => error instanceof SendError && /SSRF guard: loopback/.test(error.message))
    assert.equal(received.length, before)
  })

  test('with an allow-list entry it is sent, signed, through the pinned connection', async () => {
    await sender({ ssrf: { allowHttp: true, allowCidrs: ['127.0.0.1/32'] } }).send(message, 5_000, Date.now())
    const last = received.at(-1)!
    assert.equal(last.headers['webhook-id'], 'msg-1')
    assert.ok(verifySignature(SECRET, last.headers as Record<string, string>, last.body))
  })

  test('a bad policy is a config error', () => {
    const parsed = ReceiverSchema.safeParse({ name: 'hook', kind: 'webhook', url, secret: SECRET, ssrf: { allowCidrs: ['10.0.0.0/40'] } })
    assert.equal(parsed.success, false)
    assert.match(JSON.stringify(parsed.error?.issues), /CIDR range/)
  })
})
