/**
 * The CLI's window on the world, so tests run `main(argv, io)` without a real terminal.
 *
 * @module
 */

/** Streams and environment a command uses. */
export interface CliIo {
  stdout(text: string): void
  stderr(text: string): void
  env: NodeJS.ProcessEnv
  cwd: string
  /** Resolves when the user asks to stop (SIGINT/SIGTERM); used by long-running commands. */
  untilStopped(): Promise<void>
  /** Calls `listener` on each reload request (SIGHUP). */
  onReload(listener: () => void): void
}

/** The real process's streams, environment and signals. */
export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    untilStopped: () =>
      new Promise((resolve) => {
        process.once('SIGINT', () => resolve())
        process.once('SIGTERM', () => resolve())
      }),
    onReload: (listener) => void process.on('SIGHUP', listener),
  }
}

/** Exit codes, as DESIGN.md fixes them. */
export const EXIT = { ok: 0, failed: 1, usage: 2, environment: 3 } as const
