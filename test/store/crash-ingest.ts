/**
 * Child process of crash.test.ts: ingests tagged batches through the public store interface
 * until killed, printing each batch's tag after its write returned. It opens the store, prints
 * `ready`, and starts only when a line arrives on stdin, so the parent can start it early.
 *
 * Environment: CRASH_DATA_DIR, CRASH_DATABASE_URL (optional), CRASH_CHECK_ID, CRASH_FIRST_TAG,
 * CRASH_BATCH (rows per batch, ≤ 1000). Result `startedAt` is `tag * 1000 + row`.
 */
import { openStore } from '../../src/store/index.js'
import { sampleResult } from './sample-result.js'

const store = await openStore({ dataDir: process.env.CRASH_DATA_DIR!, databaseUrl: process.env.CRASH_DATABASE_URL })
const checkId = process.env.CRASH_CHECK_ID!
const size = Number(process.env.CRASH_BATCH)
process.stdout.write('ready\n')
await new Promise((resolve) => process.stdin.once('data', resolve))
for (let tag = Number(process.env.CRASH_FIRST_TAG); tag < Number(process.env.CRASH_FIRST_TAG) + 999; tag++) {
  const rows = Array.from({ length: size }, (_, row) => ({ checkId, result: sampleResult(tag * 1000 + row) }))
  await store.results.insertBatch(rows)
  process.stdout.write(`${tag}\n`)
}
await store.close()
