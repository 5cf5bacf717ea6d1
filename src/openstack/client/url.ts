/**
 * Request URLs from an endpoint, a path template and parameters.
 *
 * @module
 */

/** A query parameter value; arrays repeat the name, undefined drops it. */
export type QueryValue = string | number | boolean | undefined | readonly (string | number)[]

/**
 * Fills `{name}` placeholders with URL-encoded values; a missing value is an error (a bug in
 * the caller, never the cloud's fault).
 *
 * @example
 * fillPath('/servers/{server_id}', { server_id: 'a b' }) // '/servers/a%20b'
 */
export function fillPath(template: string, values: Readonly<Record<string, string>> = {}): string {
  return template.replace(/\{([^}]+)\}/g, (_all, name: string) => {
    const value = values[name]
    if (value === undefined) throw new Error(`path parameter ${name} missing for ${template}`)
    return encodeURIComponent(value)
  })
}

/**
 * Joins an endpoint and a filled path, then appends the query. An empty path keeps the
 * endpoint exactly as given (a version document may need its trailing slash).
 *
 * @example
 * buildUrl('http://h:8774/v2.1', '/flavors', { limit: 1 }).href // 'http://h:8774/v2.1/flavors?limit=1'
 */
export function buildUrl(endpoint: string, path: string, query: Readonly<Record<string, QueryValue>> = {}): URL {
  const base = endpoint.replace(/\/+$/, '')
  const url = new URL(path === '' ? endpoint : `${base}${path.startsWith('/') || path.startsWith('?') ? '' : '/'}${path}`)
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue
    if (Array.isArray(value)) for (const item of value) url.searchParams.append(name, String(item))
    else url.searchParams.set(name, String(value))
  }
  return url
}
