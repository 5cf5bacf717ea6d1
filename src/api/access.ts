/**
 * Who may read private data: a request with a valid API token of any scope (see `auth/`), or a
 * direct loopback client — a request that came through a proxy (it carries `Forwarded` or
 * `X-Forwarded-For`) counts as remote even when the proxy itself connects from loopback.
 *
 * @module
 */
import type { Context, MiddlewareHandler } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'
import { ApiError, problemResponse } from './problem.js'

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/

/** Whether the request comes straight from this machine. */
export function isLoopbackRequest(c: Context): boolean {
  if (c.req.header('forwarded') !== undefined || c.req.header('x-forwarded-for') !== undefined) return false
  try {
    return LOOPBACK.test(getConnInfo(c).remote.address ?? '')
  } catch {
    return false
  }
}

/** Middleware answering 403 to anyone but a token holder or a direct loopback client. */
export const loopbackOnly: MiddlewareHandler = async (c, next) => {
  if (c.get('principal') === undefined && !isLoopbackRequest(c)) {
    return problemResponse(
      c,
      new ApiError(403, 'loopback-only', 'Forbidden', 'this resource is served only with an API token (Authorization: Bearer …) or to clients on this machine'),
    )
  }
  await next()
}
