/**
 * Octavia pools, their members and health monitors.
 *
 * @module
 */
import { z } from 'zod'
import type { OpenStackSession } from '../client/index.js'
import { LbStatusFields, octavia } from './load-balancer.js'
import { IdRefSchema, many, one, remove } from './shared.js'
import type { DeleteOptions, Filters, ListOptions } from './shared.js'

/** A pool. */
export const PoolSchema = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  ...LbStatusFields,
  protocol: z.string(),
  lb_algorithm: z.string(),
  session_persistence: z.looseObject({ type: z.string() }).nullish(),
  healthmonitor_id: z.string().nullish(),
  loadbalancers: z.array(IdRefSchema).default([]),
  members: z.array(IdRefSchema).default([]),
})
/** An Octavia pool. */
export type Pool = z.infer<typeof PoolSchema>

/** A pool member. */
export const MemberSchema = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  ...LbStatusFields,
  address: z.string(),
  protocol_port: z.number(),
  subnet_id: z.string().nullish(),
})
/** An Octavia member. */
export type Member = z.infer<typeof MemberSchema>

/** A health monitor. */
export const HealthMonitorSchema = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  ...LbStatusFields,
  type: z.string(),
  delay: z.number(),
  timeout: z.number(),
  max_retries: z.number(),
  max_retries_down: z.number().optional(),
  url_path: z.string().nullish(),
  pools: z.array(IdRefSchema).default([]),
})
/** An Octavia health monitor. */
export type HealthMonitor = z.infer<typeof HealthMonitorSchema>

/** Fields of `POST /v2/lbaas/pools`; give `loadbalancer_id` or `listener_id`. */
export interface PoolCreate {
  protocol: 'HTTP' | 'HTTPS' | 'TCP' | 'UDP' | 'PROXY' | 'PROXYV2' | 'SCTP'
  lb_algorithm: 'ROUND_ROBIN' | 'LEAST_CONNECTIONS' | 'SOURCE_IP' | 'SOURCE_IP_PORT'
  loadbalancer_id?: string
  listener_id?: string
  name?: string
  session_persistence?: { type: 'SOURCE_IP' | 'HTTP_COOKIE' | 'APP_COOKIE'; cookie_name?: string } | null
}

/** Fields of `POST /v2/lbaas/healthmonitors`. */
export interface HealthMonitorCreate {
  pool_id: string
  type: 'HTTP' | 'HTTPS' | 'PING' | 'TCP' | 'TLS-HELLO' | 'UDP-CONNECT' | 'SCTP'
  delay: number
  timeout: number
  max_retries: number
  max_retries_down?: number
  url_path?: string
  name?: string
}

/** Fields of `POST /v2/lbaas/pools/{pool_id}/members`. */
export interface MemberCreate {
  address: string
  protocol_port: number
  subnet_id?: string
  name?: string
  weight?: number
}

/**
 * Creates a pool (`POST /v2/lbaas/pools`).
 *
 * @example
 * await createPool(session, { loadbalancer_id: lbId, protocol: 'HTTP', lb_algorithm: 'ROUND_ROBIN' })
 */
export async function createPool(session: OpenStackSession, body: PoolCreate): Promise<Pool> {
  return one(session, 'POST', 'load-balancer', 'load-balancer.pools.create', await octavia(session, '/lbaas/pools'), { body: { pool: body } }, 'pool', PoolSchema)
}

/**
 * One pool (`GET /v2/lbaas/pools/{pool_id}`): `operating_status` `ONLINE` once members answer.
 *
 * @example
 * (await getPool(session, id)).operating_status
 */
export async function getPool(session: OpenStackSession, poolId: string): Promise<Pool> {
  return one(session, 'GET', 'load-balancer', 'load-balancer.pools.get', await octavia(session, '/lbaas/pools/{pool_id}'), { path: { pool_id: poolId } }, 'pool', PoolSchema)
}

/**
 * Deletes a pool (`DELETE /v2/lbaas/pools/{pool_id}`).
 *
 * @example
 * await deletePool(session, id)
 */
export async function deletePool(session: OpenStackSession, poolId: string, options: DeleteOptions = {}): Promise<boolean> {
  return remove(session, 'load-balancer', 'load-balancer.pools.delete', await octavia(session, '/lbaas/pools/{pool_id}'), { path: { pool_id: poolId } }, options)
}

/**
 * Adds a member (`POST /v2/lbaas/pools/{pool_id}/members`).
 *
 * @example
 * await createMember(session, poolId, { address: '10.250.0.11', protocol_port: 80, subnet_id })
 */
export async function createMember(session: OpenStackSession, poolId: string, body: MemberCreate): Promise<Member> {
  const params = { path: { pool_id: poolId }, body: { member: body } }
  return one(session, 'POST', 'load-balancer', 'load-balancer.members.create', await octavia(session, '/lbaas/pools/{pool_id}/members'), params, 'member', MemberSchema)
}

/**
 * A pool's members (`GET /v2/lbaas/pools/{pool_id}/members`, all pages).
 *
 * @example
 * (await listMembers(session, poolId)).map((member) => member.operating_status)
 */
export async function listMembers(session: OpenStackSession, poolId: string, filters: Filters = {}, options: ListOptions = {}): Promise<Member[]> {
  return many(session, 'load-balancer', 'load-balancer.members.list', await octavia(session, '/lbaas/pools/{pool_id}/members'), filters, MemberSchema, 'members', { ...options, path: { pool_id: poolId } })
}

/**
 * Removes a member (`DELETE /v2/lbaas/pools/{pool_id}/members/{member_id}`).
 *
 * @example
 * await deleteMember(session, poolId, memberId)
 */
export async function deleteMember(session: OpenStackSession, poolId: string, memberId: string, options: DeleteOptions = {}): Promise<boolean> {
  const params = { path: { pool_id: poolId, member_id: memberId } }
  return remove(session, 'load-balancer', 'load-balancer.members.delete', await octavia(session, '/lbaas/pools/{pool_id}/members/{member_id}'), params, options)
}

/**
 * Creates a health monitor (`POST /v2/lbaas/healthmonitors`).
 *
 * @example
 * await createHealthMonitor(session, { pool_id: poolId, type: 'HTTP', delay: 3, timeout: 2, max_retries: 1, max_retries_down: 1, url_path: '/' })
 */
export async function createHealthMonitor(session: OpenStackSession, body: HealthMonitorCreate): Promise<HealthMonitor> {
  return one(session, 'POST', 'load-balancer', 'load-balancer.healthmonitors.create', await octavia(session, '/lbaas/healthmonitors'), { body: { healthmonitor: body } }, 'healthmonitor', HealthMonitorSchema)
}

/**
 * Deletes a health monitor (`DELETE /v2/lbaas/healthmonitors/{healthmonitor_id}`).
 *
 * @example
 * await deleteHealthMonitor(session, id)
 */
export async function deleteHealthMonitor(session: OpenStackSession, monitorId: string, options: DeleteOptions = {}): Promise<boolean> {
  const params = { path: { healthmonitor_id: monitorId } }
  return remove(session, 'load-balancer', 'load-balancer.healthmonitors.delete', await octavia(session, '/lbaas/healthmonitors/{healthmonitor_id}'), params, options)
}
