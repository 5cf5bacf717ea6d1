/**
 * What the CLI's client commands share (`incident`, `maintenance`, `postmortem`): the `--url` and
 * `--format` options, and an action that runs its work against a running server's `/api/v1` and
 * prints the answer as text or JSON — a refusal exits 2 (5xx: 1), an unreachable server 3.
 *
 * @module
 */
import type { Command } from 'commander'
import { ApiRefusedError, ApiUnreachableError, apiClient, type ApiCall } from './api-client.js'
import { UsageError } from './errors.js'
import { EXIT, type CliIo } from './io.js'

/** The options every client command has. */
export interface ClientFlags {
  url?: string
  format?: string
  /** `--silent`: the write does not notify subscribers. */
  silent?: boolean
}

/**
 * Adds `--url` and `--format` to `command`.
 *
 * @example
 * withClientOptions(program.command('list')).action(apiAction(io, setExit, async (call) => …))
 */
export function withClientOptions(command: Command): Command {
  return command
    .option('--url <url>', 'the server (default $GLASSHOUSE_URL or http://127.0.0.1:8080); the token comes from $GLASSHOUSE_TOKEN')
    .option('--format <format>', 'output: text, json', 'text')
}

/**
 * A commander action that runs `work` against the API with the command's arguments and prints
 * its answer; maps refusals and unreachable servers to exit codes.
 *
 * @example
 * apiAction<ClientFlags, [string]>(io, setExit, async (call, flags, id) => ({ json: await call('GET', `/incidents/${id}`), text: '…' }))
 */
export function apiAction<F extends ClientFlags, A extends unknown[]>(io: CliIo, setExit: (code: number) => void, work: (call: ApiCall, flags: F, ...args: A) => Promise<{ json: unknown; text: string }>) {
  return async (...params: unknown[]): Promise<void> => {
    // commander calls an action with (…arguments, options, command)
    const flags = params[params.length - 2] as F
    const args = params.slice(0, -2) as A
    if (flags.format !== 'text' && flags.format !== 'json') throw new UsageError('--format must be one of text, json')
    try {
      const answer = await work(apiClient(flags.url, io.env), flags, ...args)
      io.stdout(flags.format === 'json' ? `${JSON.stringify(answer.json, null, 2)}\n` : answer.text)
      setExit(EXIT.ok)
    } catch (error) {
      if (!(error instanceof ApiRefusedError || error instanceof ApiUnreachableError)) throw error
      io.stderr(`error: ${error.message}\n`)
      setExit(error instanceof ApiUnreachableError ? EXIT.environment : error.status >= 500 ? EXIT.failed : EXIT.usage)
    }
  }
}
