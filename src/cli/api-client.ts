/**
 * The CLI's client of a running server's `/api/v1`: the base URL from `--url` or
 * `GLASSHOUSE_URL` (default `http://127.0.0.1:8080`), the token only from `GLASSHOUSE_TOKEN`
 * (never a flag: flags end up in shell history and `ps`). Refusals come back as
 * {@link ApiRefusedError} with the server's problem detail; an unreachable server as
 * {@link ApiUnreachableError}.
 *
 * @module
 */

/** The server answered 4xx/5xx; `message` is its problem detail. */
export class ApiRefusedError extends Error {
  constructor(readonly status: number, message: string) {
    super(message)
    this.name = 'ApiRefusedError'
  }
}

/** The server could not be reached. */
export class ApiUnreachableError extends Error {
  constructor(url: string, cause: unknown) {
    super(`cannot reach ${url}: ${cause instanceof Error ? (cause.cause instanceof Error ? cause.cause.message : cause.message) : String(cause)}`)
    this.name = 'ApiUnreachableError'
  }
}

/** Calls the API: JSON in, JSON out. */
export type ApiCall = (method: string, path: string, body?: unknown) => Promise<any>

/**
 * A client for the server at `url` (or the environment's), authenticated with `GLASSHOUSE_TOKEN`.
 *
 * @example
 * const call = apiClient(flags.url, io.env)
 * const incident = await call('POST', '/incidents', { title: 'Slow API', text: 'Looking' })
 */
export function apiClient(url: string | undefined, env: NodeJS.ProcessEnv): ApiCall {
  const base = `${(url ?? env.GLASSHOUSE_URL ?? 'http://127.0.0.1:8080').replace(/\/+$/, '')}/api/v1`
  const token = env.GLASSHOUSE_TOKEN
  return async (method, path, body) => {
    const headers: Record<string, string> = { accept: 'application/json' }
    if (token !== undefined && token !== '') headers.authorization = `Bearer ${token}`
    if (body !== undefined) headers['content-type'] = 'application/json'
    let res: Response
    try {
      res = await fetch(base + path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })
    } catch (error) {
      throw new ApiUnreachableError(base, error)
    }
    const text = await res.text()
    if (res.ok) return text === '' ? null : JSON.parse(text)
    let detail = text.slice(0, 500)
    try {
      const problem = JSON.parse(text) as { title?: string; detail?: string }
      detail = problem.detail ?? problem.title ?? detail
    } catch {
      // not a problem body: the text itself is the best detail
    }
    throw new ApiRefusedError(res.status, `${method} ${path}: ${res.status} ${detail}`)
  }
}
