/**
 * Turns the errors Node and undici raise into failure codes and operator-safe messages.
 *
 * @module
 */
import type { FailureCode } from '../core/failure.js'
import { formatDuration } from '../core/duration.js'

/** A classified error of one probe run. */
export interface ProbeError {
  code: FailureCode
  message: string
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA'])
const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'EADDRNOTAVAIL',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
])
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'])

/** Human reasons for the TLS verification errors operators meet most. */
const TLS_REASONS: Readonly<Record<string, string>> = {
  CERT_HAS_EXPIRED: 'certificate expired',
  CERT_NOT_YET_VALID: 'certificate not yet valid',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in the chain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unable to get local issuer (missing intermediate certificate?)',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'unable to get local issuer (unknown CA or missing intermediate)',
  UNABLE_TO_GET_ISSUER_CERT: 'unable to get issuer certificate',
  ERR_TLS_CERT_ALTNAME_INVALID: 'hostname mismatch',
  CERT_REVOKED: 'certificate revoked',
}

/**
 * Describes a TLS verification error code (`authorizationError`) for operators.
 *
 * @example
 * describeTlsError('CERT_HAS_EXPIRED') // 'certificate expired (CERT_HAS_EXPIRED)'
 */
export function describeTlsError(code: string): string {
  const reason = TLS_REASONS[code]
  return reason ? `${reason} (${code})` : code
}

/** An error raised by our own connectors for a certificate the check does not accept. */
export class TlsVerificationError extends Error {
  override readonly name = 'TlsVerificationError'
  constructor(readonly reason: string) {
    super(`TLS verification failed: ${describeTlsError(reason)}`)
  }
}

/**
 * Classifies what went wrong: the deadline (`timeout`), a cancelled run (`internal`), or the
 * error's own code. Messages never carry more than the error's code and message.
 *
 * @example
 * classifyError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), signal, 5000)
 * // { code: 'connect', message: 'connect ECONNREFUSED' }
 */
export function classifyError(error: unknown, signal: AbortSignal, timeoutMs: number): ProbeError {
  if (signal.aborted) return abortError(signal, timeoutMs)
  const code = errorCode(error)
  const message = error instanceof Error ? error.message : String(error)
  if (error instanceof TlsVerificationError) return { code: 'tls', message }
  if (code === 'ENOENT' || code === 'EACCES') return { code: 'internal', message: `cannot read a configured file: ${message}` }
  if (DNS_CODES.has(code)) return { code: 'dns', message: `name lookup failed: ${message}` }
  if (CONNECT_CODES.has(code)) return { code: 'connect', message }
  if (TIMEOUT_CODES.has(code)) return { code: 'timeout', message }
  if (code === 'DNS_MALFORMED' || code.startsWith('HPE_') || (error instanceof Error && error.name === 'HTTPParserError')) {
    return { code: 'malformed', message: `not a valid HTTP response: ${message}` }
  }
  if (code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || /SSL|TLS/.test(message)) return { code: 'tls', message }
  return { code: 'connect', message: code ? `${message} (${code})` : message }
}

/**
 * The failure of a run whose signal fired: over the deadline (`timeout`) or cancelled by the
 * caller (`internal`, which does not count against availability).
 *
 * @example
 * abortError(AbortSignal.abort(), 1000) // { code: 'internal', message: 'run cancelled' }
 */
export function abortError(signal: AbortSignal, timeoutMs: number): ProbeError {
  const reason: unknown = signal.reason
  if (reason instanceof Error && reason.name === 'TimeoutError') {
    return { code: 'timeout', message: `no answer within ${formatDuration(timeoutMs)}` }
  }
  return { code: 'internal', message: 'run cancelled' }
}

function errorCode(error: unknown): string {
  if (error === null || typeof error !== 'object') return ''
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string') return code
  const cause = (error as { cause?: unknown }).cause
  return cause !== undefined && cause !== error ? errorCode(cause) : ''
}
