/**
 * Graceful stop of `glasshouse probe run scenario` (issue 4 item 8). First SIGTERM/SIGINT: start
 * nothing new, stop the iteration at its next step boundary, tear down within the grace; a
 * second: skip the rest of the teardown (it stays in the ledger). With `--finish-iteration`
 * (OSHM's one ^C) the first only ends the loop after the current iteration; the next two then
 * act as above.
 *
 * @module
 */

/** The signals a run obeys and what the user asked for so far. */
export interface StopControl {
  /** Aborted: the iteration stops at its next step boundary. */
  readonly stop: AbortSignal
  /** Aborted: the teardown starts nothing new and calls in flight are cancelled. */
  readonly teardown: AbortSignal
  /** True once no further iteration may start. */
  readonly finishing: boolean
  /** Forgets the grace timer (the run is over). */
  dispose(): void
}

/**
 * Listens for stop requests (`untilStopped` resolves once per request) and turns them into the
 * two signals; `say` tells the user what happens next.
 *
 * @example
 * const control = stopControl(io.untilStopped, { graceMs: 60_000, finishIteration: false, say: io.stderr })
 */
export function stopControl(untilStopped: () => Promise<void>, options: { graceMs: number; finishIteration: boolean; say(text: string): void }): StopControl {
  const stop = new AbortController()
  const teardown = new AbortController()
  let finishing = false
  let grace: NodeJS.Timeout | undefined
  let disposed = false
  const seconds = Math.round(options.graceMs / 1000)

  const stopNow = (): void => {
    finishing = true
    stop.abort()
    grace = setTimeout(() => {
      options.say(`the shutdown grace of ${seconds} s is over: the teardown is given up; what is left stays in the ledger for the next run or glasshouse cleanup\n`)
      teardown.abort()
    }, options.graceMs)
    options.say(`stopping: the iteration ends at its next step boundary, then the teardown runs (up to ${seconds} s); signal again to skip the teardown\n`)
  }
  const skipTeardown = (): void => {
    teardown.abort()
    options.say('skipping the teardown: what is left stays in the ledger for the next run or glasshouse cleanup\n')
  }
  const actions = options.finishIteration
    ? [() => ((finishing = true), options.say('finishing the current iteration, then stopping; signal again to stop at the next step boundary\n')), stopNow, skipTeardown]
    : [stopNow, skipTeardown]

  const listen = async (): Promise<void> => {
    for (const action of actions) {
      await untilStopped()
      if (disposed) return
      action()
    }
  }
  void listen()

  return {
    stop: stop.signal,
    teardown: teardown.signal,
    get finishing() {
      return finishing
    },
    dispose() {
      disposed = true
      clearTimeout(grace)
    },
  }
}
