/**
 * Child entry of the status-page benchmark: one server under test, started by the bench under
 * `taskset -c 0`. argv[2] is JSON:
 *
 * - `{ "kind": "glasshouse", "dataDir": … }` — the real app (`createServerApp` through `testServerApp`) over the seeded
 *   SQLite store in `dataDir`;
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
import { createHotResponses, listenHttp } from '../src/server/index.js'
import { openStore } from '../src/store/index.js'
import { testServerApp } from '../test/support/server-app.js'

/** One pre-compressed answer: the URL path, its gzip file (beside the manifest) and its type. */
export interface CopyEntry {
  path: string
  gzipFile: string
  contentType: string
}

/** `manifest.json` of a copies directory. */
export type CopyManifest = CopyEntry[]

type Settings = { kind: 'glasshouse'; dataDir: string } | { kind: 'bare'; copies: string }

function announce(port: number): void {
  process.stdout.write(`${JSON.stringify({ port })}\n`)
}

async function serveGlasshouse(dataDir: string): Promise<void> {
  const store = await openStore({ dataDir })
  const hot = createHotResponses()
  const app = testServerApp(store, { title: 'Bench cloud', version: '0.0.0-bench', log: { error: (obj, msg) => console.error(msg, obj) }, hot })
  const { address } = await listenHttp(app, hot, { hostname: '127.0.0.1', port: 0 })
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
if (settings.kind === 'glasshouse') await serveGlasshouse(settings.dataDir)
else serveBare(settings.copies)
