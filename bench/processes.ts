/**
 * The child processes of the benchmarks (nginx, pinned servers): whether one accepts
 * connections on loopback yet, and how it is stopped.
 *
 * @module
 */
import type { ChildProcess } from 'node:child_process'
import { createConnection } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'

/**
 * Whether something accepts a TCP connection on 127.0.0.1:`port` now.
 *
 * @example
 * while (!(await acceptsOnLoopback(port))) await sleep(50)
 */
export function acceptsOnLoopback(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => child.once('exit', () => resolve()))
}

/**
 * Stops `child` with `signal` (nginx: SIGQUIT, a graceful stop), then SIGKILL after 5 s; resolves
 * once it has exited.
 *
 * @example
 * await stopProcess(child, 'SIGTERM')
 */
export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const gone = exited(child)
  child.kill(signal)
  if (!(await Promise.race([gone.then(() => true), sleep(5_000).then(() => false)]))) {
    child.kill('SIGKILL')
    await gone
  }
}
