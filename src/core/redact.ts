/**
 * Redaction of secrets in everything a probe outputs: URLs, headers, free text. Names are
 * matched with case-insensitive globs (`*token*`); values are replaced by `***`.
 *
 * @module
 */
import { matchesGlob } from './conditions/glob.js'

/** What a redacted value is replaced with. */
export const REDACTED = '***'

const USERINFO = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^/?#@]*)@/

/**
 * Whether a header, query parameter or field name is secret by one of the glob patterns.
 *
 * @example
 * isSecretName('X-Auth-Token', ['*token*']) // true
 */
export function isSecretName(name: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => matchesGlob(name, pattern, true))
}

/**
 * Replaces the values of secret query parameters and the password of the userinfo with `***`,
 * leaving the rest of the URL byte-for-byte as it was (works on unparsable text too).
 *
 * @example
 * redactUrl('https://u:pw@h/x?token=abc&a=1', ['*token*']) // 'https://u:***@h/x?token=***&a=1'
 */
export function redactUrl(url: string, patterns: readonly string[]): string {
  const hashAt = url.indexOf('#')
  const fragment = hashAt >= 0 ? url.slice(hashAt) : ''
  const beforeFragment = hashAt >= 0 ? url.slice(0, hashAt) : url
  const queryAt = beforeFragment.indexOf('?')
  const base = queryAt >= 0 ? beforeFragment.slice(0, queryAt) : beforeFragment
  const query = queryAt >= 0 ? `?${redactQuery(beforeFragment.slice(queryAt + 1), patterns)}` : ''
  const safeBase = base.replace(USERINFO, (_all, scheme: string, userinfo: string) => {
    const colon = userinfo.indexOf(':')
    return colon >= 0 ? `${scheme}${userinfo.slice(0, colon)}:${REDACTED}@` : `${scheme}${userinfo}@`
  })
  return `${safeBase}${query}${fragment}`
}

function redactQuery(query: string, patterns: readonly string[]): string {
  return query
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=')
      const rawName = equals >= 0 ? pair.slice(0, equals) : pair
      return equals >= 0 && isSecretName(decodeSafely(rawName), patterns) ? `${rawName}=${REDACTED}` : pair
    })
    .join('&')
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    return text
  }
}

/**
 * Returns a copy of the headers with the values of secret ones replaced by `***`.
 *
 * @example
 * redactHeaders({ 'X-Auth-Token': 'abc', accept: 'json' }, ['*token*']) // { 'X-Auth-Token': '***', accept: 'json' }
 */
export function redactHeaders<V extends string | readonly string[]>(
  headers: Readonly<Record<string, V>>,
  patterns: readonly string[],
): Record<string, V | typeof REDACTED> {
  const safe: Record<string, V | typeof REDACTED> = {}
  for (const [name, value] of Object.entries(headers)) safe[name] = isSecretName(name, patterns) ? REDACTED : value
  return safe
}

/**
 * Replaces every occurrence of every secret value (and its URL-encoded form) with `***`.
 * Longer secrets go first so one secret containing another leaves nothing behind.
 *
 * @example
 * redactText('GET /x?token=s3cr3t failed', ['s3cr3t']) // 'GET /x?token=*** failed'
 */
export function redactText(text: string, secrets: readonly string[]): string {
  const variants = new Set<string>()
  for (const secret of secrets) {
    if (secret === '') continue
    variants.add(secret)
    variants.add(encodeURIComponent(secret))
  }
  let safe = text
  for (const variant of [...variants].sort((a, b) => b.length - a.length)) safe = safe.split(variant).join(REDACTED)
  return safe
}
