/**
 * Errors the store raises at its boundary.
 *
 * @module
 */

/**
 * The database cannot be opened or reached: unreachable server, refused credentials, a data
 * directory that cannot be written. The CLI maps it to exit code 3, `/readyz` to not ready.
 * The message is one line and never contains a password.
 *
 * @example
 * try { await openStore(options) } catch (error) {
 *   if (error instanceof StoreUnavailableError) process.exitCode = 3
 * }
 */
export class StoreUnavailableError extends Error {
  /** Stable code for the error mapping. */
  readonly code = 'STORE_UNAVAILABLE'

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'StoreUnavailableError'
  }
}

/**
 * Replaces the password of a connection URL by `***`, for messages and logs.
 *
 * @example
 * redactUrl('postgres://app:s3cret@db:5432/gh') // 'postgres://app:***@db:5432/gh'
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@')
  }
}

/** The first line of an error's message, with every occurrence of `secret` replaced by `***`. */
export function describeCause(error: unknown, secret: string | null): string {
  const text = error instanceof Error ? error.message || error.name : String(error)
  const line = text.split('\n')[0] ?? ''
  const code = (error as { code?: unknown })?.code
  const withCode = typeof code === 'string' && !line.includes(code) ? `${code}: ${line}` : line
  return secret ? withCode.split(secret).join('***') : withCode
}

/**
 * The operation does not exist for this database (e.g. `db backup` on PostgreSQL, where
 * `pg_dump` is the tool). The message says what to use instead; the CLI maps it to exit code 2.
 */
export class StoreUnsupportedError extends Error {
  /** Stable code for the error mapping. */
  readonly code = 'STORE_UNSUPPORTED'

  constructor(message: string) {
    super(message)
    this.name = 'StoreUnsupportedError'
  }
}
