/**
 * Batches probe results into the store: one write per second or per 1,000 results, whichever
 * comes first. A failed write keeps its results queued and tries again; only a queue grown past
 * its bound drops the oldest results, and says so.
 *
 * @module
 */
import type { ProbeResult } from '../core/result.js'
import type { GlasshouseMetrics } from '../metrics/index.js'

/** The part of the store the writer needs. */
export interface ResultSink {
  insertBatch(rows: { checkId: string; result: ProbeResult }[]): Promise<void>
}

/** The part of a logger the writer needs. */
export interface WriterLogger {
  error(obj: object, msg?: string): void
}

/** Queues results and writes them in batches. */
export interface ResultWriter {
  push(checkId: string, result: ProbeResult): void
  /** Writes everything queued now; resolves when written (or the write failed and was re-queued). */
  flush(): Promise<void>
  /** Flushes and stops the timer. */
  close(): Promise<void>
  /** Called after each successful batch, e.g. to refresh the public status. */
  onWritten(listener: () => void): void
}

/** Options of {@link createResultWriter}. */
export interface ResultWriterOptions {
  sink: ResultSink
  metrics: GlasshouseMetrics
  log: WriterLogger
  flushEveryMs?: number
  batchSize?: number
  maxQueued?: number
}

/**
 * Creates a writer that flushes on a timer and when a batch is full.
 *
 * @example
 * const writer = createResultWriter({ sink: store.results, metrics, log })
 * writer.push(check.id, result)
 */
export function createResultWriter(options: ResultWriterOptions): ResultWriter {
  const { sink, metrics, log, flushEveryMs = 1_000, batchSize = 1_000, maxQueued = 200_000 } = options
  let queue: { checkId: string; result: ProbeResult }[] = []
  let writing: Promise<void> = Promise.resolve()
  const listeners: (() => void)[] = []
  const timer = setInterval(() => void flush(), flushEveryMs)
  timer.unref()

  async function writeQueued(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.slice(0, batchSize)
      try {
        await sink.insertBatch(batch)
      } catch (error) {
        metrics.countWriteError()
        log.error({ err: error, queued: queue.length }, 'writing results failed; will retry')
        return
      }
      queue = queue.slice(batch.length)
      metrics.countWritten(batch.length)
      for (const listener of listeners) listener()
    }
  }

  function flush(): Promise<void> {
    writing = writing.then(writeQueued)
    return writing
  }

  return {
    push(checkId, result) {
      queue.push({ checkId, result })
      if (queue.length > maxQueued) {
        const dropped = queue.length - maxQueued
        queue = queue.slice(dropped)
        log.error({ dropped }, 'result queue full; oldest results dropped')
      }
      if (queue.length >= batchSize) void flush()
    },
    flush,
    async close() {
      clearInterval(timer)
      await flush()
    },
    onWritten: (listener) => void listeners.push(listener),
  }
}
