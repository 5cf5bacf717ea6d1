/**
 * WAL checkpoints in a worker thread. A checkpoint copies pages back into the database file and
 * fsyncs; done inside a COMMIT on the main thread it stalls the event loop for 10 ms or more.
 *
 * @module
 */
import { Worker } from 'node:worker_threads'
import { createRequire } from 'node:module'

/**
 * WAL size above which the worker runs a TRUNCATE checkpoint. Under sustained writes a passive
 * checkpoint never catches up with the writer, so the WAL would grow without bound; TRUNCATE
 * makes writers wait (asynchronously, in `beginImmediate`) while it finishes.
 */
export const WAL_TRUNCATE_BYTES = 32 * 1024 * 1024

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const { statSync } = require('node:fs')
const Database = require(workerData.driver)
const db = new Database(workerData.file)
db.pragma('busy_timeout = 2000')
function walBytes() {
  try { return statSync(workerData.file + '-wal').size } catch { return 0 }
}
parentPort.on('message', () => {
  const mode = walBytes() > workerData.truncateBytes ? 'TRUNCATE' : 'PASSIVE'
  try { db.pragma('wal_checkpoint(' + mode + ')') } catch {}
  parentPort.postMessage('done')
})
`

/**
 * Asks a background thread to checkpoint the WAL; requests while one runs coalesce into one.
 *
 * @example
 * const checkpointer = new SqliteCheckpointer('/var/lib/glasshouse/glasshouse.db', console.warn)
 * checkpointer.request()
 * await checkpointer.close()
 */
export class SqliteCheckpointer {
  readonly #worker: Worker
  #running = false
  #again = false

  constructor(file: string, onError: (error: Error) => void) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3')
    this.#worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, truncateBytes: WAL_TRUNCATE_BYTES } })
    this.#worker.unref()
    this.#worker.on('message', () => {
      this.#running = false
      if (this.#again) this.request()
    })
    this.#worker.on('error', onError)
  }

  /** Starts a checkpoint soon (passive, or truncating when the WAL is large); never waits for it. */
  request(): void {
    if (this.#running) {
      this.#again = true
      return
    }
    this.#again = false
    this.#running = true
    this.#worker.postMessage('checkpoint')
  }

  /** Stops the thread. */
  async close(): Promise<void> {
    await this.#worker.terminate()
  }
}
