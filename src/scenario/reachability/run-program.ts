/**
 * Runs one of the customer's own programs (`ssh`, `ping`) with a deadline and collects what it
 * printed. Never rejects: a program that cannot start or is killed at the deadline is reported
 * in the answer.
 *
 * @module
 */
import { spawn } from 'node:child_process'

/** What one program run produced. */
export interface ProgramRun {
  /** The exit code; null when it was killed (deadline, abort) or could not start. */
  exitCode: number | null
  stdout: string
  stderr: string
  /** Killed at the deadline. */
  timedOut: boolean
  /** Killed because the caller's signal aborted. */
  aborted: boolean
  /** Why it could not start (`ENOENT` …), else null. */
  startError: string | null
}

/** How to run it. */
export interface ProgramOptions {
  /** Kill the program after this many milliseconds. */
  timeoutMs: number
  /** Written to the program's standard input, which is then closed. */
  input?: string
  signal?: AbortSignal
}

/** Output beyond this many characters per stream is dropped (a runaway remote command). */
const OUTPUT_LIMIT = 64 * 1024

/**
 * Runs `program` with `args` (no shell) until it exits or `timeoutMs` passes.
 *
 * @example
 * const run = await runProgram('/usr/bin/ping', ['-c1', '-w2', '203.0.113.5'], { timeoutMs: 4_000 })
 * run.exitCode // 0 when a reply came back
 */
export function runProgram(program: string, args: readonly string[], options: ProgramOptions): Promise<ProgramRun> {
  return new Promise((resolve) => {
    const outcome: ProgramRun = { exitCode: null, stdout: '', stderr: '', timedOut: false, aborted: false, startError: null }
    if (options.signal?.aborted) return resolve({ ...outcome, aborted: true })
    const child = spawn(program, args, { stdio: ['pipe', 'pipe', 'pipe'] })
    const collect = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
      if (outcome[stream].length < OUTPUT_LIMIT) outcome[stream] += chunk.toString('utf8').slice(0, OUTPUT_LIMIT - outcome[stream].length)
    }
    child.stdout.on('data', collect('stdout'))
    child.stderr.on('data', collect('stderr'))
    const kill = (reason: 'timedOut' | 'aborted') => (): void => {
      outcome[reason] = true
      child.kill('SIGKILL')
    }
    const onAbort = kill('aborted')
    const timer = setTimeout(kill('timedOut'), options.timeoutMs)
    options.signal?.addEventListener('abort', onAbort, { once: true })
    let finished = false
    const finish = (): void => {
      if (finished) return
      finished = true
      clearTimeout(timer)
      options.signal?.removeEventListener('abort', onAbort)
      resolve(outcome)
    }
    child.on('error', (error: NodeJS.ErrnoException) => {
      outcome.startError = error.code ?? error.message
      finish()
    })
    child.on('close', (code) => {
      if (!finished) outcome.exitCode = code
      finish()
    })
    // A program that exits without reading its input must not crash us with EPIPE.
    child.stdin.on('error', () => undefined)
    child.stdin.end(options.input ?? '')
  })
}
