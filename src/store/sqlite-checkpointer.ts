/**
 * WAL checkpoints in a worker thread. A checkpoint copies pages back into the database file and
 * fsyncs; done inside a COMMIT on the main thread it stalls the event loop for 10 ms or more.
 *
 * @module
 */
import { statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

/**
 * WAL size above which the store asks for a RESTART checkpoint while holding its write mutex:
 * under sustained writes a passive checkpoint never quite catches up with the writer, so the
 * WAL would otherwise grow without bound. After a restart the next writer reuses the file.
 */
export const WAL_RESTART_BYTES = 32 * 1024 * 1024

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.file)
db.pragma('busy_timeout = 5000')
parentPort.on('message', (mode) => {
  try {
    db.pragma('wal_checkpoint(' + mode + ')')
    parentPort.postMessage(null)
  } catch (error) {
    parentPort.postMessage(String(error && error.message))
  }
})
`

type Mode = 'PASSIVE' | 'RESTART'

/**
 * Runs checkpoints on a background thread, one at a time; passive requests coalesce.
 *
 * @example
 * const checkpointer = new SqliteCheckpointer('/var/lib/glasshouse/glasshouse.db', console.warn)
 * checkpointer.passive()
 * await checkpointer.close()
 */
export class SqliteCheckpointer {
  readonly #file: string
  readonly #worker: Worker
  readonly #waiting: ((failure: string | null) => void)[] = []
  #passiveQueued = false

  constructor(file: string, onError: (error: Error) => void) {
    this.#file = file
    const driver = createRequire(import.meta.url).resolve('better-sqlite3')
    this.#worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver } })
    this.#worker.unref()
    this.#worker.on('message', (failure: string | null) => this.#waiting.shift()?.(failure))
    this.#worker.on('error', (error) => {
      onError(error)
      for (const settle of this.#waiting.splice(0)) settle(error.message)
    })
  }

  #send(mode: Mode): Promise<string | null> {
    return new Promise((resolve) => {
      this.#waiting.push(resolve)
      this.#worker.postMessage(mode)
    })
  }

  /** Bytes in the WAL file now (0 when there is none). */
  walBytes(): number {
    try {
      return statSync(`${this.#file}-wal`).size
    } catch {
      return 0
    }
  }

  /** Starts a passive checkpoint unless one is already queued; never waits for it. */
  passive(): void {
    if (this.#passiveQueued) return
    this.#passiveQueued = true
    void this.#send('PASSIVE').then(() => {
      this.#passiveQueued = false
    })
  }

  /** Checkpoints everything so the WAL starts over; the caller keeps writers out meanwhile. */
  async restart(): Promise<void> {
    const failure = await this.#send('RESTART')
    if (failure !== null) throw new Error(`WAL checkpoint failed: ${failure}`)
  }

  /** Stops the thread. */
  async close(): Promise<void> {
    await this.#worker.terminate()
  }
}
