/**
 * The simulated Octavia's health monitor, when a data plane stands behind the simulator (the
 * `memberHealth` hook, e.g. real HTTP backends in network namespaces): member, pool, listener
 * and load-balancer `operating_status` follow what really answers on the members' addresses.
 *
 * @module
 */
import type { Row, Sim } from './state.js'
import { table } from './state.js'

/**
 * Checks every monitored, provisioned member of load balancer `lbId` through the hook (at once)
 * and sets the operating statuses: a member ONLINE or ERROR; a pool ONLINE (all answer),
 * DEGRADED (some) or ERROR (none); its listeners and the load balancer ONLINE or DEGRADED.
 * Without the hook it does nothing.
 *
 * @example
 * await checkMembers(sim, lb.id)
 */
export async function checkMembers(sim: Sim, lbId: string): Promise<void> {
  const probe = sim.hooks.memberHealth
  const lb = table(sim, 'loadbalancers').get(lbId)
  if (!probe || !lb) return
  const pools = [...table(sim, 'pools').values()].filter((pool) => pool._lb === lbId && pool.healthmonitor_id)
  let degraded = false
  for (const pool of pools) {
    const monitor = table(sim, 'healthmonitors').get(String(pool.healthmonitor_id))
    const members = [...table(sim, 'members').values()].filter((member) => member.pool_id === pool.id && member.provisioning_status === 'ACTIVE')
    if (!monitor || members.length === 0) continue
    const answers = await Promise.all(members.map((member) => memberAnswers(probe, member, monitor)))
    members.forEach((member, index) => (member.operating_status = answers[index] ? 'ONLINE' : 'ERROR'))
    const up = answers.filter(Boolean).length
    pool.operating_status = up === members.length ? 'ONLINE' : up === 0 ? 'ERROR' : 'DEGRADED'
    degraded ||= pool.operating_status !== 'ONLINE'
  }
  if (lb.provisioning_status !== 'ACTIVE') return
  const status = degraded ? 'DEGRADED' : 'ONLINE'
  lb.operating_status = status
  for (const listener of table(sim, 'listeners').values()) if (listener._lb === lbId) listener.operating_status = status
}

async function memberAnswers(probe: NonNullable<Sim['hooks']['memberHealth']>, member: Row, monitor: Row): Promise<boolean> {
  try {
    return await probe({ address: String(member.address), port: Number(member.protocol_port), type: String(monitor.type), urlPath: typeof monitor.url_path === 'string' ? monitor.url_path : null })
  } catch {
    return false
  }
}
