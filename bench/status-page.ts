/**
 * Issue 7's benchmark: the public status page under wrk. With 200 components and a year of
 * history, on loopback, in one run: (a) Glasshouse serving `/` and `/scs/components`, (b) Debian's
 * nginx serving byte-identical pre-compressed copies (`gzip_static on`, one worker), (c) a bare
 * `node:http` server serving the same bytes from memory. Servers on core 0, load on core 1:
 * `wrk -t1 -c1000 -d20s --latency -H 'Accept-Encoding: gzip'` for throughput, then a fixed rate
 * of 5,000 req/s over 100 connections (our own open-loop generator: Debian has no wrk2) for p99.
 *
 * Run: `node --import tsx bench/status-page.ts`; `BENCH_PAGE_SECONDS=3` for a quick run,
 * `BENCH_PAGE_COMPONENTS` to change the size.
 *
 * @module
 */
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { get } from 'node:http'
import { tmpdir, loadavg } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { setTimeout as sleep } from 'node:timers/promises'
import { gzipSync } from 'node:zlib'
import { openStore } from '../src/store/index.js'
import { freePort } from '../test/support/ports.js'
import { writeBenchJson } from './bench-output.js'
import { runFixedRate, type RateNumbers } from './status-page-load.js'
import { formatStatusPage, type PathNumbers, type StatusPageReport } from './status-page-report.js'
import { seedStatusPage } from './status-page-seed.js'
import { rssBytes, startGzipNginx, startNodeServer, type PinnedServer } from './status-page-servers.js'
import type { CopyManifest } from './status-page-server.js'
import { runWrk } from './status-page-wrk.js'

const PATHS = ['/', '/scs/components'] as const
const SERVER_CORE = 0
const LOAD_CORE = 1
/** Pause after each load so a server's backlog from the last run does not count against the next. */
const SETTLE_MS = 3_000

interface Fetched {
  gzip: Buffer
  contentType: string
  servedGzip: boolean
}

function fetchRaw(url: string): Promise<Fetched> {
  return new Promise((resolvePromise, reject) => {
    get(url, { headers: { 'accept-encoding': 'gzip' } }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.once('end', () => {
        if (response.statusCode !== 200) return reject(new Error(`${url} answered ${response.statusCode}`))
        const body = Buffer.concat(chunks)
        const servedGzip = response.headers['content-encoding'] === 'gzip'
        resolvePromise({ gzip: servedGzip ? body : gzipSync(body), contentType: String(response.headers['content-type']), servedGzip })
      })
    }).once('error', reject)
  })
}

/** Writes each answer as a plain file plus `.gz` (nginx) and a manifest (bare server). */
async function writeCopies(dir: string, answers: Map<string, Fetched>): Promise<{ root: string; copies: string }> {
  const root = join(dir, 'root')
  const manifest: CopyManifest = []
  for (const [path, answer] of answers) {
    const file = join(root, path === '/' ? 'index.html' : path.slice(1))
    await mkdir(dirname(file), { recursive: true })
    await writeFile(file, '')
    await writeFile(`${file}.gz`, answer.gzip)
    manifest.push({ path, gzipFile: `${file}.gz`.slice(dir.length + 1), contentType: answer.contentType })
  }
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest))
  return { root, copies: dir }
}

/** wrk at full concurrency, then the fixed rate, for each path on one server; a copy must first answer the same bytes as `copiesOf`. */
async function measure(server: PinnedServer, seconds: number, sample: () => void, copiesOf?: Map<string, Fetched>): Promise<Record<string, PathNumbers>> {
  const numbers: Record<string, PathNumbers> = {}
  for (const path of PATHS) {
    const served = await fetchRaw(`${server.url}${path}`)
    if (copiesOf !== undefined && !served.gzip.equals(copiesOf.get(path)!.gzip)) throw new Error(`${server.url}${path} does not serve the same gzip bytes as Glasshouse`)
    const sampler = setInterval(sample, 500)
    try {
      const wrk = await runWrk({ url: `${server.url}${path}`, core: LOAD_CORE, connections: 1000, seconds })
      await sleep(SETTLE_MS)
      const rate: RateNumbers = await runFixedRate({ url: `${server.url}${path}`, rate: 5_000, connections: 100, seconds, core: LOAD_CORE })
      numbers[path] = { wrk, rate }
      await sleep(SETTLE_MS)
    } finally {
      clearInterval(sampler)
    }
  }
  return numbers
}

async function seededStore(dir: string, components: number): Promise<string> {
  const dataDir = join(dir, 'data')
  await mkdir(dataDir)
  const store = await openStore({ dataDir })
  try {
    await store.migrate()
    await seedStatusPage(store, components, Date.now())
  } finally {
    await store.close()
  }
  return dataDir
}

/**
 * Runs the benchmark and returns its numbers and table.
 *
 * @example
 * const report = await benchStatusPage(); console.log(report.table)
 */
export async function benchStatusPage(): Promise<StatusPageReport & { table: string }> {
  const seconds = Number(process.env.BENCH_PAGE_SECONDS ?? 20)
  const components = Number(process.env.BENCH_PAGE_COMPONENTS ?? 200)
  const dir = await mkdtemp(join(tmpdir(), 'gh-bench-page-'))
  // nginx started as root serves as `nobody`, which must read the copies.
  await chmod(dir, 0o755)
  const started: PinnedServer[] = []
  try {
    const loadBefore = loadavg()[0]!
    const dataDir = await seededStore(dir, components)
    const glasshouse = await startNodeServer({ kind: 'glasshouse', dataDir }, SERVER_CORE)
    started.push(glasshouse)
    const answers = new Map<string, Fetched>()
    for (const path of PATHS) for (let warm = 0; warm < 20; warm++) answers.set(path, await fetchRaw(`${glasshouse.url}${path}`))
    const rssStart = rssBytes(glasshouse.pid)
    let rssPeak = rssStart
    const glasshouseNumbers = await measure(glasshouse, seconds, () => void (rssPeak = Math.max(rssPeak, rssBytes(glasshouse.pid))))
    const rssEnd = rssBytes(glasshouse.pid)
    await glasshouse.stop()
    const { root, copies } = await writeCopies(join(dir, 'copies'), answers)
    const nginx = await startGzipNginx(join(dir, 'nginx'), root, await freePort(), SERVER_CORE)
    started.push(nginx)
    const nginxNumbers = await measure(nginx, seconds, () => {}, answers)
    await nginx.stop()
    const bare = await startNodeServer({ kind: 'bare', copies }, SERVER_CORE)
    started.push(bare)
    const bareNumbers = await measure(bare, seconds, () => {}, answers)
    await bare.stop()
    const report: StatusPageReport = {
      components,
      seconds,
      loadAverage: { before: loadBefore, after: loadavg()[0]! },
      bytes: Object.fromEntries([...answers].map(([path, answer]) => [path, { gzip: answer.gzip.length, servedGzip: answer.servedGzip }])),
      glasshouse: glasshouseNumbers,
      nginx: nginxNumbers,
      bare: bareNumbers,
      rss: { startMb: rssStart / 2 ** 20, peakMb: Math.max(rssPeak, rssEnd) / 2 ** 20, endMb: rssEnd / 2 ** 20 },
    }
    const file = await writeBenchJson('status-page', report)
    console.error(`numbers: ${file}`)
    return { ...report, table: formatStatusPage(report) }
  } finally {
    for (const server of started) await server.stop()
    await rm(dir, { recursive: true, force: true })
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  console.log((await benchStatusPage()).table)
}
