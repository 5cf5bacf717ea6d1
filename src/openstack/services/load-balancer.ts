/**
 * Octavia (load-balancer v2): load balancers, listeners and the status tree. Pools, members and
 * health monitors are in `load-balancer-pools.ts`. Every change puts the load balancer in
 * `PENDING_UPDATE`; the next change is refused (409) until it is `ACTIVE` again.
 *
 * @module
 */
import { z } from 'zod'
import type { OpenStackSession } from '../client/index.js'
import { IdRefSchema, many, one, remove, versioned } from './shared.js'
import type { DeleteOptions, Filters, ListOptions } from './shared.js'

/** Provisioning and operating status, as every Octavia object carries them. */
export const LbStatusFields = {
  /** `ACTIVE`, `PENDING_CREATE`, `PENDING_UPDATE`, `PENDING_DELETE`, `DELETED`, `ERROR`. */
  provisioning_status: z.string(),
  /** `ONLINE`, `OFFLINE`, `DEGRADED`, `ERROR`, `NO_MONITOR`, `DRAINING`. */
  operating_status: z.string(),
}

/** A load balancer. */
export const LoadBalancerSchema = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  ...LbStatusFields,
  vip_address: z.string().nullish(),
  vip_port_id: z.string().nullish(),
  vip_subnet_id: z.string().nullish(),
  provider: z.string().nullish(),
  flavor_id: z.string().nullish(),
  listeners: z.array(IdRefSchema).default([]),
  pools: z.array(IdRefSchema).default([]),
})
/** An Octavia load balancer. */
export type LoadBalancer = z.infer<typeof LoadBalancerSchema>

/** A listener. */
export const ListenerSchema = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  ...LbStatusFields,
  protocol: z.string(),
  protocol_port: z.number(),
  default_pool_id: z.string().nullable(),
  loadbalancers: z.array(IdRefSchema).default([]),
})
/** An Octavia listener. */
export type Listener = z.infer<typeof ListenerSchema>

const StatusNodeSchema = z.looseObject({ id: z.string(), name: z.string().nullish(), ...LbStatusFields })

/** `GET /v2/lbaas/loadbalancers/{id}/status`: the tree of statuses down to members. */
export const StatusTreeSchema = z.looseObject({
  loadbalancer: StatusNodeSchema.extend({
    listeners: z.array(StatusNodeSchema.extend({ pools: z.array(StatusNodeSchema.extend({ members: z.array(StatusNodeSchema).default([]) })).default([]) })).default([]),
  }),
})
/** A load balancer's status tree. */
export type StatusTree = z.infer<typeof StatusTreeSchema>

/** Fields of `POST /v2/lbaas/loadbalancers`. */
export interface LoadBalancerCreate {
  vip_subnet_id?: string
  vip_network_id?: string
  vip_port_id?: string
  name?: string
  description?: string
  /** `amphora`, `ovn`, … */
  provider?: string
  flavor_id?: string
  availability_zone?: string
}

/** Fields of `POST /v2/lbaas/listeners`. */
export interface ListenerCreate {
  loadbalancer_id: string
  protocol: 'HTTP' | 'HTTPS' | 'TCP' | 'UDP' | 'TERMINATED_HTTPS' | 'SCTP' | 'PROMETHEUS'
  protocol_port: number
  name?: string
  default_pool_id?: string
}

/**
 * The Octavia path: `/v2/lbaas/…` (or `/lbaas/…` when the endpoint names `v2`).
 *
 * @example
 * await octavia(session, '/lbaas/pools') // '/v2/lbaas/pools'
 */
export function octavia(session: OpenStackSession, path: string): Promise<string> {
  return versioned(session, 'load-balancer', 'v2', path)
}

/**
 * Creates a load balancer (`POST /v2/lbaas/loadbalancers`); `PENDING_CREATE` until `ACTIVE`.
 *
 * @example
 * await createLoadBalancer(session, { vip_subnet_id: subnetId, name: 'glasshouse-1a2b-lb' })
 */
export async function createLoadBalancer(session: OpenStackSession, body: LoadBalancerCreate): Promise<LoadBalancer> {
  return one(session, 'POST', 'load-balancer', 'load-balancer.loadbalancers.create', await octavia(session, '/lbaas/loadbalancers'), { body: { loadbalancer: body } }, 'loadbalancer', LoadBalancerSchema)
}

/**
 * Load balancers (`GET /v2/lbaas/loadbalancers`, all pages).
 *
 * @example
 * await listLoadBalancers(session, { name: 'glasshouse-1a2b-lb' })
 */
export async function listLoadBalancers(session: OpenStackSession, filters: Filters = {}, options: ListOptions = {}): Promise<LoadBalancer[]> {
  return many(session, 'load-balancer', 'load-balancer.loadbalancers.list', await octavia(session, '/lbaas/loadbalancers'), filters, LoadBalancerSchema, 'loadbalancers', options)
}

/**
 * One load balancer (`GET /v2/lbaas/loadbalancers/{loadbalancer_id}`).
 *
 * @example
 * const { provisioning_status, vip_port_id } = await getLoadBalancer(session, id)
 */
export async function getLoadBalancer(session: OpenStackSession, loadBalancerId: string): Promise<LoadBalancer> {
  const params = { path: { loadbalancer_id: loadBalancerId } }
  return one(session, 'GET', 'load-balancer', 'load-balancer.loadbalancers.get', await octavia(session, '/lbaas/loadbalancers/{loadbalancer_id}'), params, 'loadbalancer', LoadBalancerSchema)
}

/**
 * The status tree of a load balancer (`GET /v2/lbaas/loadbalancers/{loadbalancer_id}/status`).
 *
 * @example
 * (await getLoadBalancerStatus(session, id)).loadbalancer.listeners[0]?.pools[0]?.operating_status
 */
export async function getLoadBalancerStatus(session: OpenStackSession, loadBalancerId: string): Promise<StatusTree> {
  const params = { path: { loadbalancer_id: loadBalancerId } }
  return one(session, 'GET', 'load-balancer', 'load-balancer.loadbalancers.status.get', await octavia(session, '/lbaas/loadbalancers/{loadbalancer_id}/status'), params, 'statuses', StatusTreeSchema)
}

/**
 * Deletes a load balancer (`DELETE /v2/lbaas/loadbalancers/{loadbalancer_id}`); `cascade`
 * deletes its listeners, pools, members and monitors with it.
 *
 * @example
 * await deleteLoadBalancer(session, id, { cascade: true, missingOk: true })
 */
export async function deleteLoadBalancer(session: OpenStackSession, loadBalancerId: string, options: DeleteOptions & { cascade?: boolean } = {}): Promise<boolean> {
  const params = { path: { loadbalancer_id: loadBalancerId }, ...(options.cascade ? { query: { cascade: true } } : {}) }
  return remove(session, 'load-balancer', 'load-balancer.loadbalancers.delete', await octavia(session, '/lbaas/loadbalancers/{loadbalancer_id}'), params, options)
}

/**
 * Creates a listener (`POST /v2/lbaas/listeners`).
 *
 * @example
 * await createListener(session, { loadbalancer_id: lbId, protocol: 'HTTP', protocol_port: 80, default_pool_id: poolId })
 */
export async function createListener(session: OpenStackSession, body: ListenerCreate): Promise<Listener> {
  return one(session, 'POST', 'load-balancer', 'load-balancer.listeners.create', await octavia(session, '/lbaas/listeners'), { body: { listener: body } }, 'listener', ListenerSchema)
}

/**
 * One listener (`GET /v2/lbaas/listeners/{listener_id}`).
 *
 * @example
 * (await getListener(session, id)).provisioning_status
 */
export async function getListener(session: OpenStackSession, listenerId: string): Promise<Listener> {
  const params = { path: { listener_id: listenerId } }
  return one(session, 'GET', 'load-balancer', 'load-balancer.listeners.get', await octavia(session, '/lbaas/listeners/{listener_id}'), params, 'listener', ListenerSchema)
}

/**
 * Deletes a listener (`DELETE /v2/lbaas/listeners/{listener_id}`).
 *
 * @example
 * await deleteListener(session, id)
 */
export async function deleteListener(session: OpenStackSession, listenerId: string, options: DeleteOptions = {}): Promise<boolean> {
  return remove(session, 'load-balancer', 'load-balancer.listeners.delete', await octavia(session, '/lbaas/listeners/{listener_id}'), { path: { listener_id: listenerId } }, options)
}
