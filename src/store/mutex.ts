/**
 * A first-come first-served async mutex, so writes that yield to the event loop mid-transaction
 * never interleave.
 *
 * @module
 */

/**
 * Runs callbacks one at a time in arrival order.
 *
 * @example
 * const writes = new Mutex()
 * await writes.run(async () => { … })
 */
export class Mutex {
  #tail: Promise<unknown> = Promise.resolve()

  /** Runs `task` once every earlier task has settled; resolves or rejects with its outcome. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(task, task)
    this.#tail = result.catch(() => undefined)
    return result
  }
}
