/**
 * The process logger: pino JSON lines (pretty on a terminal), with secrets redacted by key.
 *
 * @module
 */
import { pino, type Logger, type DestinationStream } from 'pino'

/** The levels a logger accepts. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

const SECRET_KEYS = [
  'password',
  'token',
  'secret',
  'authorization',
  'Authorization',
  'cookie',
  'apiKey',
  'x-auth-token',
  'X-Auth-Token',
  'application_credential_secret',
  'databaseUrl',
]

/** Paths pino replaces with `***`: each secret key at the top and up to two levels down. */
export const REDACTED_PATHS = SECRET_KEYS.flatMap((key) => [`["${key}"]`, `*["${key}"]`, `*.*["${key}"]`])

/**
 * Creates the logger. Pretty output only when writing to a terminal and no destination is given.
 *
 * @example
 * const log = createLogger({ level: 'info' })
 * log.info({ check: 'api' }, 'probe finished')
 */
export function createLogger(options: { level: LogLevel; destination?: DestinationStream }): Logger {
  const base = {
    level: options.level,
    redact: { paths: REDACTED_PATHS, censor: '***' },
    base: { service: 'glasshouse' },
  }
  if (options.destination) return pino(base, options.destination)
  if (process.stderr.isTTY) {
    return pino({ ...base, transport: { target: 'pino-pretty', options: { destination: 2 } } })
  }
  return pino(base, pino.destination(2))
}

export type { Logger }
