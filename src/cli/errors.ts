/**
 * Maps what a command threw to one clear message and an exit code: 2 for usage and config, 3 for
 * the environment (database, data dir), never a stack trace for a user's mistake.
 *
 * @module
 */
import { ConfigError, formatIssues } from '../config/index.js'
import { CloudConfigError } from '../openstack/index.js'
import { StoreUnavailableError, StoreUnsupportedError } from '../store/index.js'
import { EXIT } from './io.js'

/** A usage error found by a command itself (bad flag combination, bad value). */
export class UsageError extends Error {
  readonly code = 'USAGE'
}

/** The message and exit code for an error, or null when it is a bug to report with its stack. */
export function describeFailure(error: unknown): { message: string; exitCode: number } | null {
  if (error instanceof ConfigError) return { message: formatIssues(error.issues), exitCode: EXIT.usage }
  if (error instanceof UsageError) return { message: `error: ${error.message}`, exitCode: EXIT.usage }
  if (error instanceof StoreUnavailableError) return { message: `error: ${error.message}`, exitCode: EXIT.environment }
  if (error instanceof StoreUnsupportedError) return { message: `error: ${error.message}`, exitCode: EXIT.usage }
  if (error instanceof CloudConfigError) return { message: `error: ${error.message}`, exitCode: EXIT.environment }
  if (!(error instanceof Error)) return null
  const code = 'code' in error ? error.code : undefined
  if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
    return { message: `error: cannot listen: ${error.message}`, exitCode: EXIT.environment }
  }
  return null
}
