/**
 * Webhook subscriptions against a real HTTP receiver on loopback (allowed explicitly in the
 * test's SSRF policy): the Standard Webhooks signature verifies with the secret shown once at
 * creation; the Slack, Teams and Matrix bodies have their documented shapes; a Matrix message is
 * a PUT to the room's send endpoint whose transaction id is the message id (the same on
 * redelivery). Targets the default policy denies are refused at creation with a clear 422.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ConfigSchema } from '../../src/config/index.js'
import { verifySignature } from '../../src/notify/index.js'
import { startHarness, type SubscriptionHarness } from './support.js'

interface Received {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: string
}

describe('webhook subscriptions to a loopback receiver', () => {
  let h: SubscriptionHarness
  let server: Server
  let base: string
  const received: Received[] = []
  before(async () => {
    server = createServer((request, response) => {
      let body = ''
      request.on('data', (chunk: Buffer) => (body += chunk.toString()))
      request.on('end', () => {
        received.push({ method: request.method!, url: request.url!, headers: request.headers, body })
        response.writeHead(request.url?.startsWith('/matrix/') ? 200 : 204, { 'content-type': 'application/json' }).end(request.url?.startsWith('/matrix/') ? '{"event_id":"$1"}' : '')
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    h = await startHarness({ allowHttpWebhooks: true, ssrf: { allowCidrs: ['127.0.0.0/8'] } })
  })
  after(async () => {
    await h?.dispose()
    await new Promise((resolve) => server?.close(resolve))
  })

  const create = async (body: object) => {
    const res = await h.api('operator', 'POST', '/api/v1/subscriptions', body)
    assert.equal(res.status, 201, await res.clone().text())
    return (await res.json()) as { id: string; secret?: string; format: string }
  }

  test('each format receives the event in its shape; the standard one is signed', async () => {
    const standard = await create({ url: `${base}/standard`, components: ['compute'] })
    assert.match(standard.secret ?? '', /^whsec_[A-Za-z0-9+/]+=*$/)
    assert.equal(standard.format, 'standard')
    await create({ format: 'slack', url: `${base}/slack` })
    await create({ format: 'teams', url: `${base}/teams` })
    const matrix = await create({ format: 'matrix', url: `${base}/matrix`, roomId: '!room:example.org', accessToken: 'syt_secret_matrix_token' })
    assert.equal(matrix.secret, undefined, 'a Matrix token is never shown back')
    const shown = await (await h.api('operator', 'GET', `/api/v1/subscriptions/${standard.id}`)).text()
    assert.ok(!shown.includes(standard.secret!), 'the signing secret is shown only at creation')
    const listing = await (await h.api('admin', 'GET', '/api/v1/subscriptions')).text()
    assert.ok(!listing.includes('syt_secret_matrix_token'), 'the Matrix token is never listed')

    const opened = await h.api('operator', 'POST', '/api/v1/incidents', { title: 'Boot failures', text: 'Instances fail to boot', impacts: [{ component: 'compute', severity: 80 }] })
    assert.equal(opened.status, 201)
    await h.drain()
    assert.equal(received.length, 4, JSON.stringify(received.map((r) => r.url)))

    const signed = received.find((r) => r.url === '/standard')!
    const headers = Object.fromEntries(Object.entries(signed.headers).map(([name, value]) => [name, String(value)]))
    assert.ok(verifySignature(standard.secret!, headers, signed.body), 'the Standard Webhooks signature verifies')
    assert.ok(!verifySignature('whsec_' + Buffer.alloc(32, 1).toString('base64'), headers, signed.body), 'and not with another secret')
    const payload = JSON.parse(signed.body)
    assert.equal(payload.type, 'incident.opened')
    assert.equal(payload.data.title, 'Boot failures')
    assert.deepEqual(payload.data.components, [{ name: 'compute', displayName: 'Compute', locations: ['global'] }])
    assert.match(payload.timestamp, /^\d{4}-\d\d-\d\dT/)

    const slack = JSON.parse(received.find((r) => r.url === '/slack')!.body)
    assert.equal(typeof slack.text, 'string')
    assert.match(slack.text, /New incident: Boot failures/)
    assert.equal(slack.blocks[0].type, 'header')
    assert.equal(slack.blocks[0].text.type, 'plain_text')
    assert.ok(slack.blocks.every((block: { type: string }) => ['header', 'section', 'context', 'actions'].includes(block.type)))

    const teams = JSON.parse(received.find((r) => r.url === '/teams')!.body)
    assert.equal(teams.type, 'message')
    assert.equal(teams.attachments[0].contentType, 'application/vnd.microsoft.card.adaptive')
    assert.equal(teams.attachments[0].content.type, 'AdaptiveCard')
    assert.equal(teams.attachments[0].content.version, '1.4')
    assert.equal(teams.attachments[0].content.body[0].type, 'TextBlock')

    const matrixCall = received.find((r) => r.url.startsWith('/matrix/'))!
    assert.equal(matrixCall.method, 'PUT')
    assert.match(matrixCall.url, /^\/matrix\/_matrix\/client\/v3\/rooms\/!room%3Aexample\.org\/send\/m\.room\.message\/[0-9a-f-]{36}$/)
    assert.equal(matrixCall.headers.authorization, 'Bearer syt_secret_matrix_token')
    const message = JSON.parse(matrixCall.body)
    assert.equal(message.msgtype, 'm.text')
    assert.equal(message.format, 'org.matrix.custom.html')
    const txnId = matrixCall.url.split('/').at(-1)
    const row = await h.store.outbox.get(txnId!)
    assert.equal(row?.receiver, `subscriber:${matrix.id}`, 'the transaction id is the outbox message id')
    const stored = JSON.stringify(await h.store.outbox.list({ limit: 100 }))
    for (const secret of [standard.secret!, 'syt_secret_matrix_token']) {
      assert.ok(!stored.includes(secret), 'no secret in the outbox')
      assert.ok(!h.logged.some((line) => line.includes(secret)), 'no secret in the log')
    }
  })

  test('a network incident reaches the subscribers of everything, not those of compute', async () => {
    received.length = 0
    await h.api('operator', 'POST', '/api/v1/incidents', { title: 'Packet loss', text: 'Looking', impacts: [{ component: 'network', severity: 40 }] })
    await h.drain()
    assert.deepEqual(received.map((r) => r.url.split('/')[1]).sort(), ['matrix', 'slack', 'teams'])
  })

  test('PATCH changes name, scope and URL (checked again); the secret stays', async () => {
    const created = await create({ url: `${base}/patch-me`, components: ['compute'] })
    const renamed = await h.api('operator', 'PATCH', `/api/v1/subscriptions/${created.id}`, { name: 'ops chat' })
    assert.equal(renamed.status, 200)
    const body = (await renamed.json()) as { name: string; components: string[]; url: string }
    assert.deepEqual([body.name, body.components, body.url], ['ops chat', ['compute'], `${base}/patch-me`], 'what is left out stays')
    const moved = await h.api('operator', 'PATCH', `/api/v1/subscriptions/${created.id}`, { url: `${base}/moved`, components: ['network'] })
    assert.deepEqual(((await moved.json()) as { components: string[] }).components, ['network'])
    const refused = await h.api('operator', 'PATCH', `/api/v1/subscriptions/${created.id}`, { url: 'ftp://example.org/x' })
    assert.equal(refused.status, 422)
    assert.equal((await h.store.subscriptions.get(created.id))?.secret, created.secret)
    assert.equal((await h.api('operator', 'DELETE', `/api/v1/subscriptions/${created.id}`)).status, 204)
    assert.equal((await h.api('operator', 'PATCH', `/api/v1/subscriptions/${created.id}`, { name: 'x' })).status, 404)
  })

  test('bad webhook input answers 422 naming the field', async () => {
    const missing = await h.api('operator', 'POST', '/api/v1/subscriptions', { format: 'matrix', url: `${base}/m` })
    assert.equal(missing.status, 422)
    assert.match(await missing.text(), /roomId/)
    const unknown = await h.api('operator', 'POST', '/api/v1/subscriptions', { url: `${base}/x`, components: ['nope'] })
    assert.equal(unknown.status, 422)
    assert.equal((await h.api(null, 'POST', '/api/v1/subscriptions', { url: `${base}/x` })).status, 401)
  })
})

describe('the SSRF guard refuses webhook targets at creation', () => {
  let h: SubscriptionHarness
  before(async () => {
    h = await startHarness({}, { resolve: async (host) => (host === 'rebind.example' ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '203.0.113.10', family: 4 }]) })
  })
  after(() => h?.dispose())

  for (const url of ['https://169.254.169.254/latest/meta-data/', 'https://10.0.0.1/hook', 'https://[fe80::1]/hook', 'https://rebind.example/hook', 'http://hooks.example.com/plain-http']) {
    test(url, async () => {
      const res = await h.api('operator', 'POST', '/api/v1/subscriptions', { url })
      assert.equal(res.status, 422)
      const problem = (await res.json()) as { errors: { path: string; message: string }[] }
      assert.equal(problem.errors[0]!.path, 'url')
      assert.match(problem.errors[0]!.message, /^refused: /)
      assert.deepEqual(await h.store.subscriptions.list(), [])
    })
  }

  test('an allowed public target is accepted', async () => {
    const res = await h.api('operator', 'POST', '/api/v1/subscriptions', { url: 'https://hooks.example.com/x' })
    assert.equal(res.status, 201)
  })
})

describe('the SSRF guard holds again at every send', () => {
  let h: SubscriptionHarness
  let server: Server
  let hits = 0
  before(async () => {
    server = createServer((_request, response) => {
      hits += 1
      response.writeHead(204).end()
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    h = await startHarness({ allowHttpWebhooks: true, ssrf: { allowCidrs: ['127.0.0.0/8'] } })
  })
  after(async () => {
    await h?.dispose()
    await new Promise((resolve) => server?.close(resolve))
  })

  test('a target allowed at creation but denied by the policy in force is not contacted', async () => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`
    assert.equal((await h.api('operator', 'POST', '/api/v1/subscriptions', { url })).status, 201)
    h.runtime.reload(ConfigSchema.parse({ storage: { dataDir: h.dataDir }, subscriptions: { allowHttpWebhooks: true } }))
    await h.api('operator', 'POST', '/api/v1/incidents', { title: 'x', text: 'y' })
    await h.drain()
    assert.equal(hits, 0)
    const [failed] = (await h.store.outbox.list({ limit: 10 })).filter((message) => message.receiver.startsWith('subscriber:'))
    assert.match(failed?.lastError ?? '', /denied by the SSRF guard: loopback/)
  })
})
