/**
 * Failure codes shared by every probe, and the one table that maps protocol answers to them.
 *
 * @module
 */

/** Every way a probe can fail. A probe's `failure.code` is always one of these. */
export const FAILURE_CODES = [
  'dns',
  'connect',
  'tls',
  'timeout',
  'auth',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'quota',
  'http_4xx',
  'http_5xx',
  'malformed',
  'assertion',
  'resource_error',
  'slow',
  'leaked',
  'internal',
] as const

/** One of {@link FAILURE_CODES}. */
export type FailureCode = (typeof FAILURE_CODES)[number]

/**
 * Whether a failure with this code counts against availability. Failures that describe the
 * monitor's own trouble (`internal`) or a customer-side limit (`quota`, `rate_limited`) do not.
 */
export const COUNTS_AGAINST_AVAILABILITY: Readonly<Record<FailureCode, boolean>> = {
  dns: true,
  connect: true,
  tls: true,
  timeout: true,
  auth: true,
  forbidden: true,
  not_found: true,
  conflict: true,
  rate_limited: false,
  quota: false,
  http_4xx: true,
  http_5xx: true,
  malformed: true,
  assertion: true,
  resource_error: true,
  slow: true,
  leaked: true,
  internal: false,
}

/**
 * Classifies an HTTP status code that was not expected into a failure code.
 *
 * @example
 * failureCodeForHttpStatus(503) // 'http_5xx'
 * failureCodeForHttpStatus(429) // 'rate_limited'
 */
export function failureCodeForHttpStatus(status: number): FailureCode {
  if (status === 401) return 'auth'
  if (status === 403) return 'forbidden'
  if (status === 404) return 'not_found'
  if (status === 409) return 'conflict'
  if (status === 413) return 'quota'
  if (status === 429) return 'rate_limited'
  if (status >= 500) return 'http_5xx'
  if (status >= 400) return 'http_4xx'
  return 'assertion'
}
