import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import Database from 'better-sqlite3'
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import pg from 'pg'
import { SQLITE_FILE, openStore } from '../../src/store/index.js'
import { DIALECTS, dialectParts, freshDatabase, type Dialect, type FreshDatabase } from './harness.js'
import { seededRandom } from '../support/seeded-random.js'

const parts = dialectParts()
const KILLS = 20
const BATCH = 400
const SEED = 20261122
/** Children started ahead, so their start-up overlaps the previous runs. */
const AHEAD = 2
const CHILD = join(import.meta.dirname, 'crash-child.mjs')

function seededDelays(seed: number, count: number, maxMs: number): number[] {
  const random = seededRandom(seed)
  return Array.from({ length: count }, () => Math.floor(random() * maxMs))
}

/** A started child, waiting for `go`. */
type Child = { ready: Promise<void>; go(delayMs: number): Promise<number[]> }

/**
 * Starts the child, which opens the store and waits; `go` lets it ingest for `delayMs`, kills
 * it and returns the tags it reported. Starting early hides the child's start-up time.
 */
function startChild(fresh: FreshDatabase, checkId: string, firstTag: number): Child {
  const child = spawn(process.execPath, [CHILD], {
    env: {
      ...process.env,
      CRASH_DATA_DIR: fresh.options.dataDir,
      CRASH_DATABASE_URL: fresh.options.databaseUrl ?? '',
      CRASH_CHECK_ID: checkId,
      CRASH_FIRST_TAG: String(firstTag),
      CRASH_BATCH: String(BATCH),
    },
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  const reported: number[] = []
  let buffered = ''
  let onReady: () => void = () => undefined
  const ready = new Promise<void>((resolve) => (onReady = resolve))
  const guard = setTimeout(() => child.kill('SIGKILL'), 30_000)
  const exited = new Promise<number[]>((resolve, reject) => {
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      clearTimeout(guard)
      if (signal === 'SIGKILL') resolve(reported)
      else reject(new Error(`crash child exited by itself (code ${code})`))
    })
  })
  child.stdout!.setEncoding('utf8')
  child.stdout!.on('data', (chunk: string) => {
    buffered += chunk
    const lines = buffered.split('\n')
    buffered = lines.pop()!
    for (const line of lines) {
      if (line === 'ready') onReady()
      else reported.push(Number(line))
    }
  })
  return {
    ready: Promise.race([ready, exited.then(() => undefined)]),
    go(delayMs) {
      child.stdin!.write('go\n')
      setTimeout(() => child.kill('SIGKILL'), delayMs)
      return exited
    },
  }
}

type BatchCounts = Map<number, { results: number; calls: number }>

async function countPerTag(dialect: Dialect, fresh: FreshDatabase): Promise<BatchCounts> {
  const query = `SELECT r.started_at / 1000 AS tag, count(*) AS results, sum(c.calls) AS calls FROM results r
    JOIN (SELECT result_id, count(*) AS calls FROM result_calls GROUP BY result_id) c ON c.result_id = r.id
    GROUP BY r.started_at / 1000`
  let rows: { tag: number | string; results: number | string; calls: number | string }[]
  if (dialect === 'sqlite') {
    const db = new Database(join(fresh.options.dataDir, SQLITE_FILE))
    try {
      assert.equal(db.pragma('integrity_check', { simple: true }), 'ok')
      rows = db.prepare(query).all() as typeof rows
    } finally {
      db.close()
    }
  } else {
    const client = new pg.Client({ connectionString: fresh.options.databaseUrl })
    await client.connect()
    rows = (await client.query(query).finally(() => client.end())).rows
  }
  return new Map(rows.map((row) => [Number(row.tag), { results: Number(row.results), calls: Number(row.calls) }]))
}

describe('crash safety', { concurrency: true }, () => {
for (const dialect of DIALECTS) {
  const part = parts[dialect]
  describe(`on ${dialect}`, { skip: part.available ? false : part.skip }, () => {
    test(`SIGKILL at ${KILLS} seeded points never leaves a half-written or lost batch`, async () => {
      const fresh = await freshDatabase(dialect)
      try {
        const setup = await openStore(fresh.options)
        await setup.migrate()
        const [check] = await setup.checks.sync([{ name: 'crash', kind: 'http', displayName: 'Crash', definition: {} }], 1)
        await setup.close()
        const allReported: number[] = []
        const upcoming = Array.from({ length: AHEAD }, (_, run) => startChild(fresh, check!.id, (run + 1) * 1_000))
        for (const [run, delay] of seededDelays(SEED, KILLS, 300).entries()) {
          const current = upcoming.shift()!
          await current.ready
          const reported = current.go(delay)
          if (run + AHEAD < KILLS) upcoming.push(startChild(fresh, check!.id, (run + AHEAD + 1) * 1_000))
          allReported.push(...(await reported))
          const counts = await countPerTag(dialect, fresh)
          for (const [tag, count] of counts) {
            assert.deepEqual(count, { results: BATCH, calls: BATCH }, `batch ${tag} is half-written after kill ${run}`)
          }
          for (const tag of allReported) assert.ok(counts.has(tag), `batch ${tag} was reported written but is missing`)
          const reopened = await openStore(fresh.options)
          assert.equal(await reopened.results.count(), counts.size * BATCH)
          await reopened.close()
        }
        assert.ok(allReported.length > 0, 'the child never reported a batch; the test proved nothing')
      } finally {
        await fresh.drop()
      }
    })
  })
}
})
