/**
 * The child processes of the schedule benchmark: forked TypeScript entries (through tsx) that
 * talk over IPC, with bounded waits and a kill that always cleans up.
 *
 * @module
 */
import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

/** A forked benchmark entry. */
export interface BenchChild {
  pid: number
  /** Resolves with the next message of `type`; rejects when the child exits first or time runs out. */
  next<T extends object>(type: string, timeoutMs: number): Promise<T & { type: string }>
  send(message: object): void
  /** The child's stderr lines so far (the first 200). */
  stderrLines(): string[]
  /** Ends the child if it still runs (SIGTERM, then SIGKILL after 5 s) and waits for it. */
  kill(): Promise<void>
}

interface Waiter {
  type: string
  resolve(message: object): void
  reject(error: Error): void
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => child.once('exit', () => resolve()))
}

/**
 * Forks `bench/<entry>` with `--import tsx`, passing `arg` as JSON in argv[2].
 *
 * @example
 * const child = forkEntry('schedule-baseline.ts', { checks: 2000, intervalMs: 30_000 })
 * await child.next('ready', 30_000)
 */
export function forkEntry(entry: string, arg: unknown): BenchChild {
  const child = fork(fileURLToPath(new URL(entry, import.meta.url)), [JSON.stringify(arg)], {
    cwd: ROOT,
    // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of each child there, to see where its time goes.
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [])],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  })
  const inbox: (object & { type?: string })[] = []
  const waiters: Waiter[] = []
  const lines: string[] = []
  let partial = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    const parts = (partial + chunk.toString()).split('\n')
    partial = parts.pop() ?? ''
    for (const line of parts) if (lines.length < 200 && line.trim() !== '') lines.push(line)
  })
  child.on('message', (message: object & { type?: string }) => {
    const index = waiters.findIndex((waiter) => waiter.type === message.type)
    if (index < 0) return void inbox.push(message)
    waiters.splice(index, 1)[0]!.resolve(message)
  })
  child.once('exit', (code, signal) => {
    const tail = lines.slice(-10).join('\n')
    for (const waiter of waiters.splice(0)) waiter.reject(new Error(`${entry} exited (${code ?? signal}) before "${waiter.type}"\n${tail}`))
  })

  return {
    pid: child.pid!,
    next<T extends object>(type: string, timeoutMs: number) {
      const queued = inbox.findIndex((message) => message.type === type)
      if (queued >= 0) return Promise.resolve(inbox.splice(queued, 1)[0] as T & { type: string })
      if (child.exitCode !== null || child.signalCode !== null) return Promise.reject(new Error(`${entry} already exited`))
      return new Promise<T & { type: string }>((resolve, reject) => {
        const waiter: Waiter = {
          type,
          resolve: (message) => {
            clearTimeout(timer)
            resolve(message as T & { type: string })
          },
          reject: (error) => {
            clearTimeout(timer)
            reject(error)
          },
        }
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1)
          reject(new Error(`${entry}: no "${type}" within ${timeoutMs} ms`))
        }, timeoutMs)
        waiters.push(waiter)
      })
    },
    send: (message) => void child.send(message),
    stderrLines: () => [...lines],
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      const done = await Promise.race([exited(child).then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 5_000))])
      if (!done) {
        child.kill('SIGKILL')
        await exited(child)
      }
    },
  }
}
