/**
 * How the incoming-report routes answer their own refusals.
 *
 * @module
 */
import type { Context } from 'hono'
import { ApiError, problemResponse } from '../problem.js'

/**
 * Runs a report handler and answers its {@link ApiError} as a problem here, so the routes answer
 * the same whether the API app is mounted in the server (whose `onError` would) or used alone.
 */
export async function answeringProblems<T>(c: Context, handle: () => Promise<T>): Promise<T> {
  try {
    return await handle()
  } catch (error) {
    // Every ApiError the handlers throw is one of the route's declared problem responses.
    if (error instanceof ApiError) return problemResponse(c, error) as unknown as T
    throw error
  }
}
