/**
 * WAL checkpoints in a worker thread. A checkpoint copies pages back into the database file and
 * fsyncs; done inside a COMMIT on the main thread it stalls the event loop for 10 ms or more.
 *
 * @module
 */
import { Worker } from 'node:worker_threads'
import { createRequire } from 'node:module'

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.file)
db.pragma('busy_timeout = 1000')
parentPort.on('message', (mode) => {
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
    this.#worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver } })
    this.#worker.unref()
    this.#worker.on('message', () => {
      this.#running = false
      if (this.#again) this.request()
    })
    this.#worker.on('error', onError)
  }

  /** Starts a passive checkpoint soon; never waits for it. */
  request(): void {
    if (this.#running) {
      this.#again = true
      return
    }
    this.#again = false
    this.#running = true
    this.#worker.postMessage('PASSIVE')
  }

  /** Stops the thread. */
  async close(): Promise<void> {
    await this.#worker.terminate()
  }
}
