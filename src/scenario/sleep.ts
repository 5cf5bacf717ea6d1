/**
 * The sleep seam: everything in the scenario engine that pauses takes a {@link Sleep}, so tests
 * run on virtual time instead of waiting.
 *
 * @module
 */

/** Pauses `ms` milliseconds; resolves early (never rejects) when `signal` aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>

/**
 * The real sleep: a timer that is cleared on abort.
 *
 * @example
 * await systemSleep(1_000, signal)
 */
export const systemSleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal?.aborted || ms <= 0) return resolve()
    const done = (): void => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal?.addEventListener('abort', done, { once: true })
  })
