/**
 * What a running step gets: the values of the steps it needs, a signal, and a place to register
 * the undo of whatever it created.
 *
 * @module
 */

/** One try of an undo: the retry raises the call timeout by `extraTimeoutMs` (OSHM: +8 s). */
export interface UndoAttempt {
  /** 1 for the first try, 2 for the retry, 3 in the second pass. */
  attempt: number
  extraTimeoutMs: number
  /** Aborts when the teardown is cut short. */
  signal: AbortSignal
}

/** How to remove one thing a step created. Throwing means the deletion failed. */
export interface Undo {
  /** What is deleted, for the record (`network NET_JH`, `server VM_3`); never a secret. */
  name: string
  /** The service the deletion calls; default the step's service. It is also its limit class. */
  service?: string
  run(attempt: UndoAttempt): Promise<void>
}

/** The context of one step run. */
export interface StepContext {
  /** The step's id. */
  readonly id: string
  /** Aborts when the run is cut short (hard stop); a graceful stop does not abort running steps. */
  readonly signal: AbortSignal
  /**
   * The value the step `stepId` returned. Only steps named in this step's `needs` may be read,
   * so every data dependency is a declared, documented edge.
   */
  need<T>(stepId: string): T
  /** Registers an undo for the teardown; undos of one step run in reverse registration order. */
  undo(undo: Undo): void
}
