/**
 * Issue 7's benchmark: the public status page under wrk. With 200 components and a year of
 * history, on loopback, in one run: (a) Glasshouse serving `/` and `/scs/components`, (b) Debian's
 * nginx serving byte-identical pre-compressed copies (`gzip_static on`, one worker), (c) a bare
 * `node:http` server serving the same bytes from memory. Servers on core 0, load on core 1:
 * `wrk -t1 -c1000 -d20s --latency -H 'Accept-Encoding: gzip'` for throughput, then a fixed rate
 * of 5,000 req/s over 100 connections (our own open-loop generator: Debian has no wrk2) for p99.
 *
 * Run: `node --import tsx bench/status-page.ts`; `BENCH_PAGE_SECONDS=3` for a quick run,
 * `BENCH_PAGE_COMPONENTS` to change the size, `BENCH_PAGE_GC=1` to read each Node server's
 * resident set after a forced GC at the end, `BENCH_PAGE_NODE_FLAGS` for the servers' Node flags,
 * `BENCH_PAGE_IN_SERVICE=1` to have results arrive during the run as in service (every check
 * once a minute, evaluated as they come), so the page is rendered again every second or so.
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
import { acceptQueue, listenCounters, listenSysctls } from './status-page-kernel.js'
import { formatStatusPage, type PathNumbers, type RssNumbers, type StatusPageReport } from './status-page-report.js'
import { seedStatusPage } from './status-page-seed.js'
import { rssBytes, startGzipNginx, startNodeServer, type PinnedServer } from './status-page-servers.js'
import type { CopyManifest } from './status-page-server.js'
import { runWrk } from './status-page-wrk.js'

const PATHS = ['/', '/scs/components'] as const
const SERVER_CORE = 0
const LOAD_CORE = 1
/** Pause after each load so a server's backlog from the last run does not count against the next. */
const SETTLE_MS = 3_000
/**
 * A young generation twice Node's default: fewer scavenges, so fewer of the objects of 1,000
 * requests in flight survive two of them and get promoted to the old generation, where they
 * stay until the next full GC (docs/operations.md, "Memory under many connections").
 */
const RECOMMENDED_NODE_FLAGS = '--max-semi-space-size=32'
/** Time for a forced GC to finish and give pages back before the resident set is read. */
const GC_SETTLE_MS = 1_000

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

/**
 * Node flags of both Node servers: the production recommendation of docs/operations.md
 * (`--max-semi-space-size=32`), or `BENCH_PAGE_NODE_FLAGS` (space-separated; empty for Node's defaults).
 */
function serverNodeFlags(): string[] {
  const flags = process.env.BENCH_PAGE_NODE_FLAGS ?? RECOMMENDED_NODE_FLAGS
  return flags.split(/\s+/).filter((flag) => flag !== '')
}

function portOf(server: PinnedServer): number {
  return Number(new URL(server.url).port)
}

/** Samples a server while it is under load: its resident set and its listen socket's accept queue. */
class LoadWatch {
  rssPeak = 0
  acceptQueuePeak = 0
  private timer: NodeJS.Timeout | undefined

  /** `rssPid`: the process whose resident set to follow (null: none, e.g. nginx, whose master is not its worker). */
  constructor(private readonly port: number, private readonly rssPid: number | null) {}

  start(): void {
    this.acceptQueuePeak = 0
    this.timer = setInterval(() => this.sample(), 500)
  }

  stop(): void {
    clearInterval(this.timer)
    this.sample()
  }

  private sample(): void {
    if (this.rssPid !== null) this.rssPeak = Math.max(this.rssPeak, rssBytes(this.rssPid))
    this.acceptQueuePeak = Math.max(this.acceptQueuePeak, acceptQueue(this.port))
  }
}

/** wrk at full concurrency, then the fixed rate, for each path on one server; a copy must first answer the same bytes as `copiesOf`. */
async function measure(server: PinnedServer, watch: LoadWatch, seconds: number, copiesOf?: Map<string, Fetched>): Promise<Record<string, PathNumbers>> {
  const numbers: Record<string, PathNumbers> = {}
  for (const path of PATHS) {
    const served = await fetchRaw(`${server.url}${path}`)
    if (copiesOf !== undefined && !served.gzip.equals(copiesOf.get(path)!.gzip)) throw new Error(`${server.url}${path} does not serve the same gzip bytes as Glasshouse`)
    const countersBefore = listenCounters()
    watch.start()
    try {
      const wrk = await runWrk({ url: `${server.url}${path}`, core: LOAD_CORE, connections: 1000, seconds })
      const countersAfter = listenCounters()
      const listen = { acceptQueuePeak: watch.acceptQueuePeak, overflows: countersAfter.overflows - countersBefore.overflows, drops: countersAfter.drops - countersBefore.drops }
      await sleep(SETTLE_MS)
      const rate: RateNumbers = await runFixedRate({ url: `${server.url}${path}`, rate: 5_000, connections: 100, seconds, core: LOAD_CORE })
      numbers[path] = { wrk, rate, listen }
      await sleep(SETTLE_MS)
    } finally {
      watch.stop()
    }
  }
  return numbers
}

/** Measures a Node server (Glasshouse or the bare baseline) and follows its resident set; with `collect`, reads it once more after a forced GC. */
async function measureNode(server: PinnedServer, seconds: number, collect: boolean, copiesOf?: Map<string, Fetched>): Promise<{ numbers: Record<string, PathNumbers>; rss: RssNumbers }> {
  const watch = new LoadWatch(portOf(server), server.pid)
  const start = rssBytes(server.pid)
  watch.rssPeak = start
  const numbers = await measure(server, watch, seconds, copiesOf)
  const end = rssBytes(server.pid)
  let afterGc: number | null = null
  if (collect) {
    process.kill(server.pid, 'SIGUSR2')
    await sleep(GC_SETTLE_MS)
    afterGc = rssBytes(server.pid)
  }
  const mb = (bytes: number) => bytes / 2 ** 20
  return { numbers, rss: { startMb: mb(start), peakMb: mb(Math.max(watch.rssPeak, end)), endMb: mb(end), afterGcMb: afterGc === null ? null : mb(afterGc) } }
}

/**
 * How far back the seeded data is stamped. A year of history is stored long before a page reads
 * it; stamped a couple of minutes back, the page data's rollup cache refreshes from what changed
 * since its last read (here: nothing) as it does in service, instead of re-reading the whole
 * freshly written year once during the measurement. Less than three check intervals, so the
 * seeded results still count as current.
 */
const SEED_AGE_MS = 2 * 60_000

async function seededStore(dir: string, components: number): Promise<string> {
  const dataDir = join(dir, 'data')
  await mkdir(dataDir)
  const store = await openStore({ dataDir })
  try {
    await store.migrate()
    await seedStatusPage(store, components, Date.now() - SEED_AGE_MS)
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
    const collect = process.env.BENCH_PAGE_GC === '1'
    const nodeFlags = [...serverNodeFlags(), ...(collect ? ['--expose-gc'] : [])]
    const inService = process.env.BENCH_PAGE_IN_SERVICE === '1'
    const glasshouse = await startNodeServer({ kind: 'glasshouse', dataDir, inService }, SERVER_CORE, nodeFlags)
    started.push(glasshouse)
    const answers = new Map<string, Fetched>()
    for (const path of PATHS) for (let warm = 0; warm < 20; warm++) answers.set(path, await fetchRaw(`${glasshouse.url}${path}`))
    const ours = await measureNode(glasshouse, seconds, collect)
    await glasshouse.stop()
    const { root, copies } = await writeCopies(join(dir, 'copies'), answers)
    const nginx = await startGzipNginx(join(dir, 'nginx'), root, await freePort(), SERVER_CORE)
    started.push(nginx)
    const nginxNumbers = await measure(nginx, new LoadWatch(portOf(nginx), null), seconds, answers)
    await nginx.stop()
    const bare = await startNodeServer({ kind: 'bare', copies }, SERVER_CORE, nodeFlags)
    started.push(bare)
    const baseline = await measureNode(bare, seconds, collect, answers)
    await bare.stop()
    const report: StatusPageReport = {
      components,
      inService,
      seconds,
      loadAverage: { before: loadBefore, after: loadavg()[0]! },
      bytes: Object.fromEntries([...answers].map(([path, answer]) => [path, { gzip: answer.gzip.length, servedGzip: answer.servedGzip }])),
      glasshouse: ours.numbers,
      nginx: nginxNumbers,
      bare: baseline.numbers,
      rss: { glasshouse: ours.rss, bare: baseline.rss },
      sysctls: listenSysctls(),
      nodeFlags,
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
