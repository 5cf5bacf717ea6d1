/**
 * Waits on the load balancer's operating status, as Octavia's health monitor sees the members:
 * one `GET /v2/lbaas/loadbalancers/{id}/status` per poll, recorded as a wait (kind
 * `loadbalancer-online` or `loadbalancer-degraded`) among the iteration's waits.
 *
 * @module
 */
import type { StatusTree } from '../../../openstack/index.js'
import { getLoadBalancerStatus } from '../../../openstack/index.js'
import { ResourcePoller } from '../../waits/index.js'
import type { Observation, WaitRecord } from '../../waits/index.js'
import type { Runtime } from '../env.js'
import { WaitFailedError } from '../waits.js'

/** How long the health monitor may take to see a change (OSHM waits 2 + `WAITLB` = 20 s once), before the time-out scale. */
export const LB_HEALTH_WAIT_MS = 60_000

/** The member statuses the scenario waits for: every member ONLINE, or those named `down` not ONLINE and the pool DEGRADED. */
export interface HealthExpectation {
  /** Member names that must be seen down (ERROR or OFFLINE); empty: every member ONLINE. */
  down: readonly string[]
}

/** A flat view of the status tree: the load balancer's and pools' operating status, each member's by name. */
export interface HealthView {
  loadBalancer: string
  pools: string[]
  members: Map<string, string>
}

/**
 * The status tree flattened.
 *
 * @example
 * healthView(tree).members.get('gh-mon1-k3x9-Member_2') // 'ERROR'
 */
export function healthView(tree: StatusTree): HealthView {
  const pools = tree.loadbalancer.listeners.flatMap((listener) => listener.pools)
  const members = new Map(pools.flatMap((pool) => pool.members).map((member) => [member.name ?? member.id, member.operating_status]))
  return { loadBalancer: tree.loadbalancer.operating_status, pools: pools.map((pool) => pool.operating_status), members }
}

/**
 * Whether the view shows what is expected: every member ONLINE and the load balancer ONLINE; or,
 * with members `down`, those not ONLINE, the others ONLINE and every pool DEGRADED.
 *
 * @example
 * observeHealth(view, { down: [] }) // 'done' once everything is ONLINE
 */
export function observeHealth(view: HealthView, expectation: HealthExpectation, memberCount: number): Observation {
  if (view.members.size < memberCount) return 'pending'
  const members = [...view.members]
  if (expectation.down.length === 0) return view.loadBalancer === 'ONLINE' && view.pools.every((pool) => pool === 'ONLINE') && members.every(([, status]) => status === 'ONLINE') ? 'done' : 'pending'
  const downSeen = members.every(([name, status]) => (expectation.down.includes(name) ? status !== 'ONLINE' && status !== 'NO_MONITOR' : status === 'ONLINE'))
  return downSeen && view.pools.length > 0 && view.pools.every((pool) => pool === 'DEGRADED') ? 'done' : 'pending'
}

/**
 * A one-line status for the wait record: `lb ONLINE, pool DEGRADED, members ONLINE 2 / ERROR 1`.
 *
 * @example
 * describeHealth(view)
 */
export function describeHealth(view: HealthView): string {
  const counts = new Map<string, number>()
  for (const status of view.members.values()) counts.set(status, (counts.get(status) ?? 0) + 1)
  const members = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([status, count]) => `${status} ${count}`).join(' / ') || 'none'
  return `lb ${view.loadBalancer}, pool ${view.pools.join('/') || 'none'}, members ${members}`
}

/**
 * Polls the status tree of `loadBalancerId` until it shows `expectation`; keeps the wait's
 * record in `rt.waits.records` and throws {@link WaitFailedError} when it times out.
 *
 * @example
 * await waitForHealth(rt, { loadBalancerId, memberCount: 3, expectation: { down: [] }, timeoutMs, intervalMs, signal })
 */
export async function waitForHealth(
  rt: Pick<Runtime, 'session' | 'clock' | 'sleep' | 'waits'>,
  request: { loadBalancerId: string; memberCount: number; expectation: HealthExpectation; timeoutMs: number; intervalMs: number; signal: AbortSignal },
): Promise<WaitRecord> {
  const { loadBalancerId, expectation } = request
  const kind = expectation.down.length === 0 ? 'loadbalancer-online' : 'loadbalancer-degraded'
  const poller = new ResourcePoller<{ id: string; view: HealthView }>({
    kind,
    mode: 'create',
    list: async () => [{ id: loadBalancerId, view: healthView(await getLoadBalancerStatus(rt.session, loadBalancerId)) }],
    idOf: (seen) => seen.id,
    observe: (seen) => observeHealth(seen.view, expectation, request.memberCount),
    statusOf: (seen) => describeHealth(seen.view),
    timeoutMs: request.timeoutMs,
    intervalMs: request.intervalMs,
    clock: rt.clock,
    sleep: rt.sleep,
    signal: request.signal,
  })
  const record = await poller.wait(loadBalancerId, rt.clock.now())
  rt.waits.records.push(record)
  if (!record.ok) throw new WaitFailedError(`load balancer ${loadBalancerId} ${expectation.down.length === 0 ? 'ONLINE' : 'DEGRADED'}`, record)
  return record
}
