import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createSsrfGuard, guardedRequest, GuardedRequestError, SsrfDeniedError, type Resolver } from '../../src/net/index.js'

/** A resolver fake: every name answers `addresses`. */
const answering = (...addresses: string[]): Resolver => async () => addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))

async function denial(promise: Promise<unknown>): Promise<SsrfDeniedError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof SsrfDeniedError) return error
    throw error
  }
  assert.fail('expected the guard to deny')
}

const DENIED: [string, string][] = [
  ['127.0.0.1', 'loopback'],
  ['127.255.0.9', 'loopback'],
  ['::1', 'loopback'],
  ['169.254.169.254', 'link-local'],
  ['169.254.1.1', 'link-local'],
  ['fe80::1', 'link-local'],
  ['febf:ffff::1', 'link-local'],
  ['10.0.0.1', 'private (10'],
  ['172.16.0.1', 'private (172.16'],
  ['172.31.255.254', 'private (172.16'],
  ['192.168.1.1', 'private (192.168'],
  ['fc00::1', 'unique-local'],
  ['fd12:3456::1', 'unique-local'],
  ['100.64.0.1', 'CGNAT'],
  ['100.127.255.255', 'CGNAT'],
  ['0.0.0.0', 'this-network'],
  ['0.1.2.3', 'this-network'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['ff02::1', 'multicast'],
  ['255.255.255.255', 'broadcast'],
  ['::', 'unspecified'],
  ['::ffff:127.0.0.1', 'loopback'],
  ['::ffff:7f00:1', 'loopback'],
  ['::ffff:169.254.169.254', 'link-local'],
  ['::ffff:10.1.2.3', 'private (10'],
  ['64:ff9b::192.168.0.1', 'private (192.168'],
  ['::10.0.0.1', 'private (10'],
]

const ALLOWED = ['93.184.216.34', '172.32.0.1', '172.15.255.255', '100.128.0.1', '11.0.0.1', '2001:db8::1', '2a00:1450::1', '::ffff:8.8.8.8', '223.255.255.255', 'fec0::1']

describe('SSRF guard: which addresses a name may resolve to', () => {
  for (const [address, rule] of DENIED) {
    test(`${address} is denied (${rule})`, async () => {
      const error = await denial(createSsrfGuard({}, answering(address)).check('https://hooks.example.test/x'))
      assert.ok(error.rule.includes(rule), `rule "${error.rule}" should name ${rule}`)
      assert.match(error.message, new RegExp(`hooks\\.example\\.test resolves to it.*${rule.replace(/[()]/g, '\\$&')}`))
    })
  }
  for (const address of ALLOWED) {
    test(`${address} is allowed`, async () => {
      const target = await createSsrfGuard({}, answering(address)).check('https://hooks.example.test/x')
      assert.equal(target.address, address)
    })
  }

  test('one private address among public ones denies the name', async () => {
    const error = await denial(createSsrfGuard({}, answering('93.184.216.34', '2001:db8::1', '10.9.9.9')).check('https://multi.example.test/'))
    assert.match(error.message, /10\.9\.9\.9/)
  })

  test('IP literals in any notation the URL parser accepts are judged as the address they reach', async () => {
    const guard = createSsrfGuard({ allowHttp: true }, answering('93.184.216.34'))
    for (const url of ['http://2130706433/', 'http://0177.0.0.1/', 'http://0x7f.1/', 'http://127.1/', 'http://[::ffff:127.0.0.1]/', 'http://[0:0:0:0:0:ffff:a9fe:a9fe]/', 'http://169.254.169.254/latest/meta-data/']) {
      const error = await denial(guard.check(url))
      assert.ok(/loopback|link-local/.test(error.rule), `${url}: ${error.rule}`)
    }
  })

  test('https only unless configured; URLs with credentials and unknown schemes are refused', async () => {
    assert.equal((await denial(createSsrfGuard({}, answering('93.184.216.34')).check('http://hooks.example.test/'))).rule, 'scheme')
    assert.equal((await createSsrfGuard({ allowHttp: true }, answering('93.184.216.34')).check('http://hooks.example.test/')).address, '93.184.216.34')
    assert.equal((await denial(createSsrfGuard({ allowHttp: true }).check('file:///etc/passwd'))).rule, 'scheme')
    assert.equal((await denial(createSsrfGuard({}).check('https://user:pw@hooks.example.test/'))).rule, 'url')
    assert.equal((await denial(createSsrfGuard({}).check('not a url'))).rule, 'url')
  })

  test('allow and deny lists: explicit deny > explicit allow > built-in ranges', async () => {
    const policy = { allowCidrs: ['10.20.0.0/16'], denyCidrs: ['93.184.216.0/24', '10.20.30.0/24'], allowHosts: ['*.internal.example'], denyHosts: ['evil.example.test'] }
    const check = (address: string, host = 'hooks.example.test') => createSsrfGuard(policy, answering(address)).check(`https://${host}/`)
    assert.equal((await check('10.20.1.1')).address, '10.20.1.1')
    assert.equal((await denial(check('10.20.30.1'))).rule, 'deny-cidr 10.20.30.0/24')
    assert.equal((await denial(check('93.184.216.34'))).rule, 'deny-cidr 93.184.216.0/24')
    assert.equal((await check('192.168.7.7', 'chat.internal.example')).address, '192.168.7.7')
    assert.equal((await denial(check('93.1.1.1', 'evil.example.test'))).rule, 'deny-host')
    assert.throws(() => createSsrfGuard({ allowCidrs: ['10.0.0.0/33'] }), /CIDR/)
  })

  test('a name that does not resolve is refused, naming the rule', async () => {
    const failing: Resolver = async () => {
      throw Object.assign(new Error('nope'), { code: 'ENOTFOUND' })
    }
    const error = await denial(createSsrfGuard({}, failing).check('https://gone.example.test/'))
    assert.equal(error.rule, 'resolve')
    assert.match(error.message, /ENOTFOUND/)
  })
})

describe('SSRF guard: requests', () => {
  let server: Server
  let port: number
  const seen: { host: string | undefined; path: string | undefined }[] = []

  before(async () => {
    server = createServer((req: IncomingMessage, res) => {
      seen.push({ host: req.headers.host, path: req.url })
      req.resume()
      if (req.url === '/moved') {
        res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end()
        return
      }
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    port = (server.address() as AddressInfo).port
  })
  after(() => new Promise<void>((resolve) => server.close(() => resolve())))

  test('a real loopback server is refused by default and reached with an allow-list entry', async () => {
    const url = `http://127.0.0.1:${port}/hook`
    const before = seen.length
    const error = await denial(guardedRequest(createSsrfGuard({ allowHttp: true }), url, { body: '{}', timeoutMs: 5_000 }))
    assert.match(error.rule, /loopback/)
    assert.equal(seen.length, before, 'no connection was made')
    const answer = await guardedRequest(createSsrfGuard({ allowHttp: true, allowCidrs: ['127.0.0.1/32'] }), url, { body: '{}', timeoutMs: 5_000 })
    assert.equal(answer.status, 200)
    assert.equal(seen.at(-1)?.path, '/hook')
  })

  test('DNS rebinding: the second answer is private, but the connection goes to the checked address', async () => {
    let calls = 0
    const rebinding: Resolver = async () => [{ address: calls++ === 0 ? '127.0.0.1' : '10.255.255.1', family: 4 }]
    const guard = createSsrfGuard({ allowHttp: true, allowCidrs: ['127.0.0.1/32'] }, rebinding)
    const answer = await guardedRequest(guard, `http://rebind.example.test:${port}/rebound`, { body: '{}', timeoutMs: 5_000 })
    assert.equal(answer.status, 200)
    assert.equal(calls, 1, 'the name was resolved once, by the guard')
    assert.deepEqual(seen.at(-1), { host: `rebind.example.test:${port}`, path: '/rebound' }, 'the Host header keeps the name')
    await denial(guard.check(`http://rebind.example.test:${port}/`))
  })

  test('a redirect is not followed: a 3xx is a failure', async () => {
    const guard = createSsrfGuard({ allowHttp: true, allowCidrs: ['127.0.0.1/32'] })
    const before = seen.length
    await assert.rejects(guardedRequest(guard, `http://127.0.0.1:${port}/moved`, { body: '{}', timeoutMs: 5_000 }), (error: unknown) => {
      assert.ok(error instanceof GuardedRequestError)
      assert.equal(error.status, 302)
      assert.match(error.message, /redirects are not followed/)
      return true
    })
    assert.equal(seen.length, before + 1, 'only the first request was made')
  })
})
