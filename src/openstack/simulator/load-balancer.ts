/**
 * The simulated Octavia: load balancers with a VIP port (PENDING_CREATE → ACTIVE in the
 * profile's time), listeners, pools, members and health monitors. Every change puts the load
 * balancer in PENDING_UPDATE for the profile's update time, and a change meanwhile is refused
 * with 409, as Octavia does; deleting a load balancer with children needs `cascade=true`.
 * Without a data plane members are ONLINE once their pool has a monitor; with the
 * `memberHealth` hook each status-tree read asks it, so a stopped backend shows as ERROR and its
 * pool as DEGRADED.
 *
 * @module
 */
import type { Context, Hono } from 'hono'
import { crud } from './crud.js'
import { fail, route } from './http.js'
import { createPortRow } from './network-ports.js'
import type { Row, Sim } from './state.js'
import { insert, later, table } from './state.js'
import { checkMembers } from './member-health.js'

const L = '/load-balancer/v2/lbaas'
const ACTIVE = { provisioning_status: 'ACTIVE' }
const CHILDREN = ['listeners', 'pools', 'healthmonitors', 'members'] as const

/**
 * Registers the simulated Octavia's routes.
 *
 * @example
 * registerLoadBalancer(app, sim)
 */
export function registerLoadBalancer(app: Hono, sim: Sim): void {
  app.get(`${L}/loadbalancers/:id/status`, route(sim, 'load-balancer.loadbalancers.status.get', async (c) => (await checkMembers(sim, c.req.param('id') ?? ''), statusTree(c, sim))))
  crud(app, sim, {
    path: `${L}/loadbalancers`, op: 'load-balancer.loadbalancers', key: 'loadbalancer', plural: 'loadbalancers', style: 'links',
    create: (fields, c) => {
      const subnet = table(sim, 'subnets').get(String(fields.vip_subnet_id))
      if (!subnet) return fail(c, 400, `Validation failure: Subnet ${String(fields.vip_subnet_id)} not found.`)
      const port = createPortRow(sim, { network_id: subnet.network_id, fixed_ips: [{ subnet_id: subnet.id }], device_owner: 'Octavia', name: 'octavia-lb-pending' }) as Row
      const lb = insert(sim, 'loadbalancers', {
        name: '', description: '', provider: 'amphora', flavor_id: null, admin_state_up: true, availability_zone: null, vip_qos_policy_id: null, tags: [],
        project_id: sim.identity.projectId, tenant_id: sim.identity.projectId,
        provisioning_status: 'PENDING_CREATE', operating_status: 'OFFLINE',
        vip_subnet_id: subnet.id, vip_network_id: subnet.network_id, vip_port_id: port.id, vip_address: (port.fixed_ips as Array<{ ip_address: string }>)[0]?.ip_address,
        listeners: [], pools: [], ...fields,
      })
      port.name = `octavia-lb-${lb.id}`
      later(sim, lb, 'loadBalancerCreate', { provisioning_status: 'ACTIVE', operating_status: 'ONLINE' })
      return lb
    },
    createStatus: 201,
    deleteStatus: 204,
    onDelete: (lb, c) => {
      if (!['ACTIVE', 'ERROR'].includes(String(lb.provisioning_status))) return fail(c, 409, `Invalid state ${String(lb.provisioning_status)} of loadbalancer resource ${lb.id}`)
      const children = CHILDREN.flatMap((kind) => [...table(sim, kind).values()].filter((row) => row._lb === lb.id))
      if (children.length > 0 && c.req.query('cascade') !== 'true') return fail(c, 400, 'Validation failure: Cannot delete Load Balancer - it has children')
      lb.provisioning_status = 'PENDING_DELETE'
      later(sim, lb, 'loadBalancerDelete', 'gone', () => {
        for (const child of children) table(sim, String(child._kind)).delete(child.id)
        table(sim, 'ports').delete(String(lb.vip_port_id))
      })
      return undefined
    },
  })
  child(app, sim, 'listeners', 'listener', (fields) => ({ default_pool_id: null, connection_limit: -1, admin_state_up: true, insert_headers: {}, tags: [], ...fields }))
  child(app, sim, 'pools', 'pool', (fields) => ({ session_persistence: null, healthmonitor_id: null, members: [], admin_state_up: true, tags: [], listeners: fields.listener_id ? [{ id: fields.listener_id }] : [], ...fields }))
  child(app, sim, 'healthmonitors', 'healthmonitor', (fields) => ({ pools: [{ id: fields.pool_id }], admin_state_up: true, tags: [], ...fields }))
  crud(app, sim, {
    path: `${L}/pools/:pool/members`, op: 'load-balancer.members', key: 'member', plural: 'members', style: 'links',
    listFilter: (row, c) => row.pool_id === c.req.param('pool'),
    create: (fields, c) => {
      const pool = table(sim, 'pools').get(c.req.param('pool') ?? '')
      if (!pool) return fail(c, 404, `Pool ${c.req.param('pool')} not found.`)
      return addChild(c, sim, String(pool._lb), 'members', { weight: 1, subnet_id: null, admin_state_up: true, backup: false, tags: [], ...fields, pool_id: pool.id }, pool)
    },
    onDelete: (row, c) => removeChild(c, sim, row),
  })
}

type Build = (fields: Record<string, unknown>) => Record<string, unknown>

function child(app: Hono, sim: Sim, plural: (typeof CHILDREN)[number], key: string, build: Build): void {
  crud(app, sim, {
    path: `${L}/${plural}`, op: `load-balancer.${plural}`, key, plural, style: 'links',
    create: (fields, c) => {
      const parent = fields.loadbalancer_id ?? table(sim, 'pools').get(String(fields.pool_id))?._lb ?? table(sim, 'listeners').get(String(fields.listener_id))?._lb
      return addChild(c, sim, String(parent), plural, build(fields))
    },
    onDelete: (row, c) => removeChild(c, sim, row),
  })
}

/** Takes the load balancer's lock (409 while it is not ACTIVE) and marks it PENDING_UPDATE. */
function lock(c: Context, sim: Sim, lbId: string): Row | Response {
  const lb = table(sim, 'loadbalancers').get(lbId)
  if (!lb) return fail(c, 404, `Load Balancer ${lbId} not found.`)
  if (lb.provisioning_status !== 'ACTIVE') return fail(c, 409, `Load Balancer ${lb.id} is immutable and cannot be updated.`)
  lb.provisioning_status = 'PENDING_UPDATE'
  later(sim, lb, 'loadBalancerUpdate', ACTIVE)
  return lb
}

function addChild(c: Context, sim: Sim, lbId: string, kind: string, fields: Record<string, unknown>, pool?: Row): Row | Response {
  const lb = lock(c, sim, lbId)
  if (lb instanceof Response) return lb
  const row = insert(sim, kind, { name: '', description: '', project_id: sim.identity.projectId, provisioning_status: 'PENDING_CREATE', operating_status: 'OFFLINE', loadbalancers: [{ id: lb.id }], ...fields, _lb: lb.id })
  const monitored = kind === 'members' && pool?.healthmonitor_id
  later(sim, row, 'loadBalancerUpdate', { provisioning_status: 'ACTIVE', operating_status: kind === 'members' && !monitored ? 'NO_MONITOR' : 'ONLINE' })
  if (kind === 'listeners' || kind === 'pools') (lb[kind] as object[]).push({ id: row.id })
  if (kind === 'pools' && fields.listener_id) {
    const listener = table(sim, 'listeners').get(String(fields.listener_id))
    if (listener && listener.default_pool_id === null) listener.default_pool_id = row.id
  }
  if (kind === 'healthmonitors') {
    const target = table(sim, 'pools').get(String(fields.pool_id))
    if (target) target.healthmonitor_id = row.id
    for (const member of [...table(sim, 'members').values()].filter((candidate) => candidate.pool_id === fields.pool_id && candidate.operating_status === 'NO_MONITOR')) member.operating_status = 'ONLINE'
  }
  if (pool) (pool.members as object[]).push({ id: row.id })
  return row
}

function removeChild(c: Context, sim: Sim, row: Row): Response | undefined {
  const lb = lock(c, sim, String(row._lb))
  if (lb instanceof Response) return lb
  row.provisioning_status = 'PENDING_DELETE'
  later(sim, row, 'loadBalancerUpdate', 'gone')
  const pool = table(sim, 'pools').get(String(row.pool_id))
  if (pool && row._kind === 'members') pool.members = (pool.members as Array<{ id: string }>).filter((member) => member.id !== row.id)
  if (pool && row._kind === 'healthmonitors') pool.healthmonitor_id = null
  return undefined
}

function statusTree(c: Context, sim: Sim): unknown {
  const lb = table(sim, 'loadbalancers').get(c.req.param('id') ?? '')
  if (!lb) return fail(c, 404, `Load Balancer ${c.req.param('id')} not found.`)
  const node = (row: Row) => ({ id: row.id, name: row.name, provisioning_status: row.provisioning_status, operating_status: row.operating_status })
  const members = (poolId: string) => [...table(sim, 'members').values()].filter((member) => member.pool_id === poolId).map((member) => ({ ...node(member), address: member.address, protocol_port: member.protocol_port }))
  const listeners = [...table(sim, 'listeners').values()].filter((listener) => listener._lb === lb.id)
  const pools = (listener: Row) => [...table(sim, 'pools').values()].filter((pool) => pool.id === listener.default_pool_id).map((pool) => ({ ...node(pool), members: members(pool.id) }))
  return { statuses: { loadbalancer: { ...node(lb), listeners: listeners.map((listener) => ({ ...node(listener), pools: pools(listener) })) } } }
}
