import { test, describe } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer as createHttpServer, get } from 'node:http'
import { createServer as createNetServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { NGINX_BINARY } from '../../bench/nginx.js'
import { runFixedRate } from '../../bench/status-page-load.js'
import { formatStatusPage, verdicts, type PathNumbers, type StatusPageReport } from '../../bench/status-page-report.js'
import { startGzipNginx, startNodeServer } from '../../bench/status-page-servers.js'
import { parseWrk } from '../../bench/status-page-wrk.js'
import { acceptQueue, listenCounters, listenSysctls, parseAcceptQueue, parseListenCounters } from '../../bench/status-page-kernel.js'
import { freePort } from '../support/ports.js'

const WRK_REPORT = `Running 20s test @ http://127.0.0.1:8080/
  1 threads and 1000 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   120.00ms   30.00ms   1.90s    90.00%
    Req/Sec     8.10k   500.00     9.00k    70.00%
  Latency Distribution
     50%  110.00ms
     75%  130.00ms
     90%  150.00ms
     99%    1.25s
  161234 requests in 20.00s, 1.50GB read
  Socket errors: connect 0, read 3, write 2, timeout 7
  Non-2xx or 3xx responses: 5
Requests/sec:   8061.70
Transfer/sec:     76.80MB
`

describe('wrk report', () => {
  test('reads rate, p99 in any unit, errors (socket + non-2xx) and timeouts', () => {
    assert.deepEqual(parseWrk(WRK_REPORT), { requestsPerSecond: 8061.7, p99Ms: 1250, errors: 10, timeouts: 7, requests: 161234 })
    const clean = WRK_REPORT.replace(/ {2}Socket errors.*\n {2}Non-2xx.*\n/, '').replace('1.25s', '500.00us')
    assert.deepEqual(parseWrk(clean), { requestsPerSecond: 8061.7, p99Ms: 0.5, errors: 0, timeouts: 0, requests: 161234 })
  })

  test('an unreadable report is an error that shows it', () => {
    assert.throws(() => parseWrk('unable to connect to 127.0.0.1:1 Connection refused'), /unreadable report:\nunable to connect/)
  })
})

function numbers(requestsPerSecond: number, rateP99Ms: number, errors = 0): PathNumbers {
  return {
    wrk: { requestsPerSecond, p99Ms: 50, errors, timeouts: 0, requests: requestsPerSecond * 20 },
    rate: { planned: 95_000, ok: 95_000, errors: 0, p50Ms: 2, p99Ms: rateP99Ms, sendLagP99Ms: 1 },
    listen: { acceptQueuePeak: 0, overflows: 0, drops: 0 },
  }
}

function report(glasshouse: PathNumbers, rssPeakMb: number): StatusPageReport {
  return {
    components: 200,
    inService: false,
    seconds: 20,
    loadAverage: { before: 1, after: 1 },
    bytes: { '/': { gzip: 30_000, servedGzip: true } },
    glasshouse: { '/': glasshouse },
    nginx: { '/': numbers(20_000, 3) },
    bare: { '/': numbers(10_000, 4) },
    rss: { glasshouse: { startMb: 100, peakMb: rssPeakMb, endMb: rssPeakMb, afterGcMb: null }, bare: { startMb: 50, peakMb: 90, endMb: 80, afterGcMb: 60 } },
    sysctls: { somaxconn: 4096, tcpMaxSynBacklog: 2048, tcpSyncookies: 1 },
    nodeFlags: ['--max-semi-space-size=32'],
  }
}

describe('targets', () => {
  test('all pass when a/c ≥ 0.7, no errors, p99 < 20 ms at 5k/s and RSS grows < 100 MB', () => {
    const good = report(numbers(7_000, 19.9), 199)
    assert.ok(verdicts(good).every((verdict) => verdict.pass))
    assert.match(formatStatusPage(good), /a\/b 0\.35 {2}a\/c 0\.70/)
  })

  test('each target fails on its own', () => {
    const failed = (r: StatusPageReport) => verdicts(r).filter((verdict) => !verdict.pass).map((verdict) => verdict.target)
    assert.deepEqual(failed(report(numbers(6_900, 5), 100)), ['/ a/c ≥ 0.7'])
    assert.deepEqual(failed(report(numbers(8_000, 5, 1), 100)), ['/ 0 errors and timeouts'])
    assert.deepEqual(failed(report(numbers(8_000, 20), 100)), ['/ p99 < 20 ms at 5,000 req/s'])
    assert.deepEqual(failed(report(numbers(8_000, 5), 200)), ['RSS growth < 100 MB'])
    assert.match(formatStatusPage(report(numbers(8_000, 20), 100)), /^FAIL {2}\/ p99 < 20 ms at 5,000 req\/s: 20\.0 ms$/m)
  })

  test('the RSS verdict and lines show the bare baseline beside ours, and the GC reading when there is one', () => {
    const table = formatStatusPage(report(numbers(8_000, 5), 250))
    assert.match(table, /^FAIL {2}RSS growth < 100 MB: 150\.0 MB \(100 → peak 250 MB; bare node:http 40\.0 MB\)$/m)
    assert.match(table, /^Glasshouse RSS: 100 MB after warm-up, peak 250 MB \(\+150\), end 250 MB$/m)
    assert.match(table, /^bare node:http RSS: 50 MB after warm-up, peak 90 MB \(\+40\), end 80 MB, after a forced GC 60 MB$/m)
    assert.match(table, /^Node servers run with: --max-semi-space-size=32$/m)
    assert.match(table, /net\.core\.somaxconn 4096, net\.ipv4\.tcp_max_syn_backlog 2048/)
    assert.match(table, /accept queue peak 0, listen overflows 0\/drops 0/)
  })
})

describe('kernel readings', () => {
  test('listen counters come from the TcpExt header and value lines', () => {
    const netstat = 'TcpExt: SyncookiesSent ListenOverflows ListenDrops TCPHPHits\nTcpExt: 1 7 9 100\nIpExt: InNoRoutes\nIpExt: 0\n'
    assert.deepEqual(parseListenCounters(netstat), { overflows: 7, drops: 9 })
    assert.throws(() => parseListenCounters('IpExt: InNoRoutes\nIpExt: 0\n'), /no TcpExt counters/)
    assert.throws(() => parseListenCounters('TcpExt: TCPHPHits\nTcpExt: 1\n'), /no TcpExt ListenOverflows/)
  })

  test('the accept queue is Recv-Q of the listening socket on the port, not of a neighbour', () => {
    const ss = 'LISTEN 12     4096   127.0.0.1:18180      0.0.0.0:*\nLISTEN 395    4096   127.0.0.1:18181      0.0.0.0:*\n'
    assert.equal(parseAcceptQueue(ss, 18181), 395)
    assert.equal(parseAcceptQueue(ss, 18180), 12)
    assert.throws(() => parseAcceptQueue(ss, 1818), /no listening socket on port 1818/)
  })

  test('a real listener with nobody accepting shows its queue, and the sysctls read as numbers', async () => {
    const server = createNetServer({ pauseOnConnect: true })
    await new Promise<void>((done) => server.listen({ host: '127.0.0.1', port: 0, backlog: 64 }, done))
    const port = (server.address() as { port: number }).port
    assert.equal(acceptQueue(port), 0)
    assert.ok(listenSysctls().somaxconn > 0)
    assert.ok(listenCounters().overflows >= 0)
    server.close()
  })
})

function fetchRaw(url: string): Promise<{ status: number; encoding: string | undefined; type: string | undefined; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': 'gzip' } }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.once('end', () => resolve({ status: response.statusCode!, encoding: response.headers['content-encoding'], type: response.headers['content-type'], body: Buffer.concat(chunks) }))
    }).once('error', reject)
  })
}

describe('the baselines serve the copies byte for byte', () => {
  const page = gzipSync('<!doctype html><title>status</title>')
  const components = gzipSync('{"data":[]}')

  async function copies(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'gh-test-page-copies-'))
    await chmod(dir, 0o755)
    await mkdir(join(dir, 'root', 'scs'), { recursive: true })
    await writeFile(join(dir, 'root', 'index.html'), '')
    await writeFile(join(dir, 'root', 'index.html.gz'), page)
    await writeFile(join(dir, 'root', 'scs', 'components'), '')
    await writeFile(join(dir, 'root', 'scs', 'components.gz'), components)
    const manifest = [
      { path: '/', gzipFile: 'root/index.html.gz', contentType: 'text/html; charset=UTF-8' },
      { path: '/scs/components', gzipFile: 'root/scs/components.gz', contentType: 'application/json' },
    ]
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest))
    return dir
  }

  test('nginx with gzip_static, pinned to core 0', async (t) => {
    if (!existsSync(NGINX_BINARY)) {
      console.log(`SKIPPED status-page nginx baseline: ${NGINX_BINARY} — apt-get install nginx-light`)
      if (process.env.CI === 'true') assert.fail('nginx missing under CI')
      return t.skip()
    }
    const dir = await copies()
    const nginx = await startGzipNginx(join(dir, 'nginx'), join(dir, 'root'), await freePort(), 0)
    try {
      const front = await fetchRaw(`${nginx.url}/`)
      assert.deepEqual([front.status, front.encoding, front.type], [200, 'gzip', 'text/html'])
      assert.ok(front.body.equals(page))
      const api = await fetchRaw(`${nginx.url}/scs/components`)
      assert.deepEqual([api.status, api.encoding, api.type], [200, 'gzip', 'application/json'])
      assert.ok(api.body.equals(components))
    } finally {
      await nginx.stop()
      await rm(dir, { recursive: true, force: true })
    }
  })

  test('bare node:http from memory; unknown paths 404', async () => {
    const dir = await copies()
    const bare = await startNodeServer({ kind: 'bare', copies: dir }, 0)
    try {
      const front = await fetchRaw(`${bare.url}/`)
      assert.deepEqual([front.status, front.encoding, front.type], [200, 'gzip', 'text/html; charset=UTF-8'])
      assert.ok(front.body.equals(page))
      assert.ok((await fetchRaw(`${bare.url}/scs/components`)).body.equals(components))
      assert.equal((await fetchRaw(`${bare.url}/nothing`)).status, 404)
    } finally {
      await bare.stop()
      await rm(dir, { recursive: true, force: true })
    }
  })
})

describe('fixed-rate generator', () => {
  test('offers the planned requests, reads Content-Length and chunked answers, counts non-200 as errors', async () => {
    const server = createHttpServer((request, response) => {
      if (request.url === '/fail') return void response.writeHead(503).end('no')
      if (request.url === '/chunked') {
        response.write('x'.repeat(3_000))
        return void setTimeout(() => response.end('y'.repeat(3_000)), 1)
      }
      response.end('z'.repeat(20_000))
    })
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`
    try {
      const settings = { rate: 200, connections: 5, seconds: 2, core: 1 }
      for (const path of ['/', '/chunked']) {
        const numbers = await runFixedRate({ url: `${base}${path}`, ...settings })
        assert.deepEqual([numbers.planned, numbers.ok, numbers.errors], [200, 200, 0], path)
        assert.ok(numbers.p99Ms > 0 && numbers.p99Ms < 1_000, `${path} p99 ${numbers.p99Ms}`)
      }
      const failing = await runFixedRate({ url: `${base}/fail`, ...settings })
      assert.deepEqual([failing.ok, failing.errors], [0, 200])
    } finally {
      server.close()
    }
  })
})
