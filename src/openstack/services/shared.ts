/**
 * What every service module shares: one-resource calls unwrapped from their key, lists over
 * every page, deletes that may tolerate a resource already gone, and API paths that work
 * whether or not the catalog endpoint names the API version.
 *
 * @module
 */
import { z } from 'zod'
import { listAll } from '../client/index.js'
import type { OpenStackSession, QueryValue, RequestParams } from '../client/index.js'

/** The HTTP methods the service modules use. */
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** Query filters of a list call (`name`, `network_id`, `tags`, …), as the API names them. */
export type Filters = Record<string, QueryValue>

/** How a list call walks its pages. */
export interface ListOptions {
  /** Items per page (`limit`); default the server's page size. */
  limit?: number
  /** A bound on the pages fetched; default 100. */
  maxPages?: number
}

/** How a delete treats a resource that is already gone. */
export interface DeleteOptions {
  /**
   * A 404 counts as done (returns false) instead of failing with `not_found`: for cleanups
   * that may race with cascades. The 404 is then recorded as a successful call.
   */
  missingOk?: boolean
}

/**
 * The path of an API whose catalog endpoint may or may not carry its version segment
 * (Neutron's `http://h:9696` vs `http://h:9696/v2.0`): `/v2.0/networks` or `/networks`.
 *
 * @example
 * await versioned(session, 'network', 'v2.0', '/networks') // '/v2.0/networks'
 */
export async function versioned(session: OpenStackSession, service: string, version: string, path: string): Promise<string> {
  const { url } = await session.endpoint(service)
  return new URL(url).pathname.split('/').includes(version) ? path : `/${version}${path}`
}

/**
 * One call whose answer wraps one resource in `key` (`{"network": {…}}`); returns the
 * resource validated by `schema`.
 *
 * @example
 * const network = await one(session, 'GET', 'network', 'network.networks.get', '/v2.0/networks/{network_id}', { path: { network_id: id } }, 'network', NetworkSchema)
 */
export async function one<T>(
  session: OpenStackSession,
  method: Method,
  service: string,
  operation: string,
  pathTemplate: string,
  params: RequestParams,
  key: string,
  schema: z.ZodType<T>,
): Promise<T> {
  const wrapper = z.object({ [key]: schema }) as unknown as z.ZodType<Record<string, T>>
  const { data } = await session.request(method, service, operation, pathTemplate, params, wrapper)
  return data[key] as T
}

/**
 * Every item of a list over all its pages (each page a recorded call of `operation`).
 *
 * @example
 * const ports = await many(session, 'network', 'network.ports.list', '/v2.0/ports', { network_id: id }, PortSchema, 'ports', {})
 */
export function many<T>(
  session: OpenStackSession,
  service: string,
  operation: string,
  pathTemplate: string,
  query: Filters,
  itemSchema: z.ZodType<T>,
  itemsKey: string,
  options: ListOptions & { path?: Record<string, string> },
): Promise<T[]> {
  const { limit, maxPages, path } = options
  const params: RequestParams = { query, ...(path ? { path } : {}) }
  return listAll(session, service, operation, pathTemplate, params, itemSchema, {
    itemsKey,
    ...(limit === undefined ? {} : { limit }),
    ...(maxPages === undefined ? {} : { maxPages }),
  })
}

/**
 * A DELETE; true when the server deleted (or began deleting) the resource, false when it was
 * already gone and `missingOk` was asked for.
 *
 * @example
 * await remove(session, 'compute', 'compute.servers.delete', '/servers/{server_id}', { path: { server_id: id } }, { missingOk: true })
 */
export async function remove(session: OpenStackSession, service: string, operation: string, pathTemplate: string, params: RequestParams, options: DeleteOptions = {}): Promise<boolean> {
  const expect = options.missingOk ? { expect: [200, 202, 204, 404] } : {}
  const { status } = await session.delete(service, operation, pathTemplate, { ...params, ...expect })
  return status !== 404
}

/** An id/name reference as Octavia and Cinder embed them (`loadbalancers: [{ id }]`). */
export const IdRefSchema = z.looseObject({ id: z.string() })

/** An availability zone as Nova and Cinder list it (`GET /os-availability-zone`). */
export const ZoneInfoSchema = z.looseObject({
  zoneName: z.string(),
  zoneState: z.looseObject({ available: z.boolean() }),
})
/** A Nova or Cinder availability zone. */
export type ZoneInfo = z.infer<typeof ZoneInfoSchema>
