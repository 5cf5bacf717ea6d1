/**
 * Child entry of the status-page benchmark: one server under test, started by the bench under
 * `taskset -c 0`. argv[2] is JSON:
 *
 * - `{ "kind": "glasshouse", "dataDir": …, "inService": false }` — the real app (`createServerApp` through `testServerApp`) over the seeded
 *   SQLite store in `dataDir`; with `inService`, results keep arriving as in service (see
 *   {@link arriveAsInService});
 * - `{ "kind": "bare", "copies": … }` — a bare `node:http` server answering from memory with the
 *   pre-compressed copies listed in `<copies>/manifest.json` (see {@link CopyManifest}).
 *
 * It listens on a free 127.0.0.1 port and prints `{"port":N}` as one stdout line. With
 * `--expose-gc`, SIGUSR2 runs a full garbage collection.
 *
 * @module
 */
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { systemClock } from '../src/core/index.js'
import { compileHealth, HealthSchema } from '../src/config/index.js'
import { createHealthRunner } from '../src/health-runner/index.js'
import { createHotResponses, listenHttp } from '../src/server/index.js'
import { createStatusReader, SERVE_STATUS_MIN_AGE_MS, type StatusReader } from '../src/status/index.js'
import { openStore, type Store } from '../src/store/index.js'
import { httpResult } from '../test/support/results.js'
import { testServerApp } from '../test/support/server-app.js'

/** One pre-compressed answer: the URL path, its gzip file (beside the manifest) and its type. */
export interface CopyEntry {
  path: string
  gzipFile: string
  contentType: string
}

/** `manifest.json` of a copies directory. */
export type CopyManifest = CopyEntry[]

type Settings = { kind: 'glasshouse'; dataDir: string; inService?: boolean } | { kind: 'bare'; copies: string }

/** The check interval of the seeded checks: each gets one result per interval in service. */
const CHECK_INTERVAL_MS = 60_000

function announce(port: number): void {
  process.stdout.write(`${JSON.stringify({ port })}\n`)
}

/**
 * Results arriving as in service: every check one result per interval, spread over the interval
 * (a batch each second), each batch written, then evaluated by the health rules — and the status
 * reader told, as `glasshouse serve` wires its result writer and health runner. So the status
 * snapshot changes every few seconds and the page is rendered again, as on a live page.
 */
async function arriveAsInService(store: Store, status: StatusReader): Promise<void> {
  const checkIds = (await store.checks.list()).map((row) => row.id)
  const perSecond = Math.ceil(checkIds.length / (CHECK_INTERVAL_MS / 1_000))
  const health = compileHealth(HealthSchema.parse({}))
  const runner = createHealthRunner({ store, clock: systemClock, log: { warn: () => {}, error: (obj, msg) => console.error(msg, obj) }, ruleSets: health.ruleSets, defaultRuleSet: health.defaultName })
  let next = 0
  const batch = async () => {
    const now = Date.now()
    const rows = Array.from({ length: perSecond }, () => ({ checkId: checkIds[next++ % checkIds.length]!, result: httpResult({ startedAt: now, ok: true }) }))
    await store.results.insertBatch(rows)
    status.invalidate()
    await runner.evaluateNow()
    status.invalidate()
  }
  setInterval(() => void batch().catch((error: unknown) => console.error('in-service results failed', error)), 1_000)
}

async function serveGlasshouse(dataDir: string, inService: boolean): Promise<void> {
  const store = await openStore({ dataDir })
  const hot = createHotResponses()
  const status = createStatusReader({ store, clock: systemClock, minAgeMs: SERVE_STATUS_MIN_AGE_MS })
  const app = testServerApp(store, { title: 'Bench cloud', version: '0.0.0-bench', log: { error: (obj, msg) => console.error(msg, obj) }, hot, status })
  const { address } = await listenHttp(app, hot, { hostname: '127.0.0.1', port: 0 })
  if (inService) await arriveAsInService(store, status)
  announce(address.port)
}

function serveBare(copies: string): void {
  const manifest = JSON.parse(readFileSync(join(copies, 'manifest.json'), 'utf8')) as CopyManifest
  const answers = new Map(manifest.map((entry) => [entry.path, { body: readFileSync(join(copies, entry.gzipFile)), type: entry.contentType }]))
  const server = createServer((request, response) => {
    const answer = answers.get(request.url ?? '')
    if (answer === undefined) {
      response.writeHead(404).end()
      return
    }
    response.writeHead(200, { 'content-type': answer.type, 'content-encoding': 'gzip', 'content-length': answer.body.length, vary: 'Accept-Encoding' })
    response.end(answer.body)
  })
  server.listen({ host: '127.0.0.1', port: 0, backlog: 4096 }, () => announce((server.address() as AddressInfo).port))
}

/** Started with `--expose-gc` (`BENCH_PAGE_GC=1`): SIGUSR2 runs a full GC, so the bench can read the resident set that stays. */
function collectOnSignal(): void {
  const gc = (globalThis as { gc?: () => void }).gc
  if (gc !== undefined) process.on('SIGUSR2', () => gc())
}

collectOnSignal()
const settings = JSON.parse(process.argv[2] ?? '{}') as Settings
if (settings.kind === 'glasshouse') await serveGlasshouse(settings.dataDir, settings.inService === true)
else serveBare(settings.copies)
