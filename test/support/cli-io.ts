/**
 * A CLI window for tests: captures stdout and stderr, fixed environment, no signals.
 *
 * @module
 */
import type { CliIo } from '../../src/cli/index.js'

/** A captured CLI io; `out()` and `err()` return everything written so far. */
export function captureIo(env: NodeJS.ProcessEnv = {}, cwd = process.cwd()): { io: CliIo; out(): string; err(): string } {
  const out: string[] = []
  const err: string[] = []
  const io: CliIo = {
    stdout: (text) => void out.push(text),
    stderr: (text) => void err.push(text),
    env,
    cwd,
    untilStopped: () => new Promise(() => {}),
    onReload: () => {},
  }
  return { io, out: () => out.join(''), err: () => err.join('') }
}
