/**
 * A background job that runs now, then again `everyMs` after each run ends; runs never overlap,
 * and an on-demand run queues behind the one in progress.
 *
 * @module
 */

/** A job started with {@link createPeriodicJob}. */
export interface PeriodicJob<T> {
  /** Runs at once, then every `everyMs` after each run ends. */
  start(): void
  /** Stops planning and waits for a run in progress. */
  stop(): Promise<void>
  /** Runs now (after a run in progress) and resolves with its outcome. */
  runNow(): Promise<T>
}

/**
 * Wraps `run` as a periodic job. A failed run goes to `onError` and the next one is still planned.
 *
 * @example
 * const job = createPeriodicJob(() => rollUp(), 60_000, (error) => log.error({ err: error }, 'rollups failed'))
 * job.start()
 */
export function createPeriodicJob<T>(run: () => Promise<T>, everyMs: number, onError: (error: unknown) => void): PeriodicJob<T> {
  let chain: Promise<unknown> = Promise.resolve()
  let timer: NodeJS.Timeout | undefined
  let started = false

  function runNow(): Promise<T> {
    const next = chain.then(run)
    chain = next.catch(() => undefined)
    return next
  }

  function tick(): void {
    runNow()
      .catch(onError)
      .finally(() => {
        if (!started) return
        timer = setTimeout(tick, everyMs)
        timer.unref()
      })
  }

  return {
    start() {
      if (started) return
      started = true
      timer = setTimeout(tick, 0)
      timer.unref()
    },
    async stop() {
      started = false
      clearTimeout(timer)
      await chain
    },
    runNow,
  }
}
