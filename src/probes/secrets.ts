/**
 * The secret values of a check, so every output of a run can be scrubbed of them.
 *
 * @module
 */
import type { Check } from '../config/check-schema.js'
import { isSecretName } from '../core/redact.js'

/**
 * Collects the values of secret headers and query parameters and the URL password.
 *
 * @example
 * secretsOf(check) // ['s3cr3t-token', 'hunter2']
 */
export function secretsOf(check: Check): string[] {
  if (check.kind !== 'http') return []
  const secrets = Object.entries(check.headers)
    .filter(([name]) => isSecretName(name, check.redact))
    .map(([, value]) => value)
  const url = URL.canParse(check.url) ? new URL(check.url) : null
  if (url === null) return secrets
  if (url.password !== '') secrets.push(url.password, decodeURIComponent(url.password))
  for (const [name, value] of url.searchParams) if (isSecretName(name, check.redact)) secrets.push(value)
  return secrets.filter((secret) => secret !== '')
}
