/**
 * The fake Octavia: load balancers with a VIP port (PENDING_CREATE → ACTIVE), listeners, pools,
 * members and health monitors. Every change puts the load balancer in PENDING_UPDATE for
 * `settleMs`, and a change meanwhile is refused with 409, as Octavia does; deleting a load
 * balancer with children needs `cascade=true`.
 *
 * @module
 */
import type { Context, Hono } from 'hono'
import type { FakeState } from '../state.js'
import { crud } from './crud.js'
import { createPortRow } from './network.js'
import { fail, insert, later, route, table } from './store.js'
import type { FakeCloud, Row } from './store.js'

const L = '/load-balancer/v2/lbaas'
const ACTIVE = { provisioning_status: 'ACTIVE' }
const CHILDREN = ['listeners', 'pools', 'healthmonitors', 'members'] as const

/**
 * Registers the fake Octavia's routes.
 *
 * @example
 * registerLoadBalancer(app, state)
 */
export function registerLoadBalancer(app: Hono, state: FakeState): void {
  app.get(`${L}/loadbalancers/:id/status`, route(state, 'load-balancer.loadbalancers.status.get', (c, cloud) => statusTree(c, cloud)))
  crud(app, state, {
    path: `${L}/loadbalancers`, op: 'load-balancer.loadbalancers', key: 'loadbalancer', plural: 'loadbalancers', style: 'links',
    create: (fields, c, cloud) => {
      const subnet = table(cloud, 'subnets').get(String(fields.vip_subnet_id))
      if (!subnet) return fail(c, 400, `Validation failure: Subnet ${String(fields.vip_subnet_id)} not found.`)
      const port = createPortRow(cloud, { network_id: subnet.network_id, fixed_ips: [{ subnet_id: subnet.id }], device_owner: 'Octavia', name: 'octavia-lb-pending' }) as Row
      const lb = insert(cloud, 'loadbalancers', { name: '', description: '', provider: 'amphora', flavor_id: null, provisioning_status: 'PENDING_CREATE', operating_status: 'OFFLINE', vip_subnet_id: subnet.id, vip_network_id: subnet.network_id, vip_port_id: port.id, vip_address: (port.fixed_ips as Array<{ ip_address: string }>)[0]?.ip_address, listeners: [], pools: [], ...fields })
      port.name = `octavia-lb-${lb.id}`
      later(cloud, lb, { provisioning_status: 'ACTIVE', operating_status: 'ONLINE' })
      return lb
    },
    onDelete: (lb, c, cloud) => {
      if (!['ACTIVE', 'ERROR'].includes(String(lb.provisioning_status))) return fail(c, 409, `Invalid state PENDING_* of loadbalancer resource ${lb.id}`)
      const children = CHILDREN.flatMap((kind) => [...table(cloud, kind).values()].filter((row) => row._lb === lb.id))
      if (children.length > 0 && c.req.query('cascade') !== 'true') return fail(c, 400, 'Validation failure: Cannot delete Load Balancer - it has children')
      lb.provisioning_status = 'PENDING_DELETE'
      later(cloud, lb, 'gone', () => {
        for (const child of children) table(cloud, String(child._kind)).delete(child.id)
        table(cloud, 'ports').delete(String(lb.vip_port_id))
      })
      return undefined
    },
  })
  child(app, state, 'listeners', 'listener', (fields) => ({ default_pool_id: null, ...fields }))
  child(app, state, 'pools', 'pool', (fields) => ({ session_persistence: null, healthmonitor_id: null, members: [], ...fields }))
  child(app, state, 'healthmonitors', 'healthmonitor', (fields) => ({ pools: [{ id: fields.pool_id }], ...fields }))
  crud(app, state, {
    path: `${L}/pools/:pool/members`, op: 'load-balancer.members', key: 'member', plural: 'members', style: 'links',
    listFilter: (row, c) => row.pool_id === c.req.param('pool'),
    create: (fields, c, cloud) => {
      const pool = table(cloud, 'pools').get(c.req.param('pool') ?? '')
      if (!pool) return fail(c, 404, `Pool ${c.req.param('pool')} not found.`)
      return addChild(c, cloud, String(pool._lb), 'members', { weight: 1, subnet_id: null, ...fields, pool_id: pool.id }, pool)
    },
    onDelete: (row, c, cloud) => removeChild(c, cloud, row),
  })
}

type Build = (fields: Record<string, unknown>) => Record<string, unknown>

function child(app: Hono, state: FakeState, plural: (typeof CHILDREN)[number], key: string, build: Build): void {
  crud(app, state, {
    path: `${L}/${plural}`, op: `load-balancer.${plural}`, key, plural, style: 'links',
    create: (fields, c, cloud) => {
      const parent = fields.loadbalancer_id ?? table(cloud, 'pools').get(String(fields.pool_id))?._lb ?? table(cloud, 'listeners').get(String(fields.listener_id))?._lb
      return addChild(c, cloud, String(parent), plural, build(fields))
    },
    onDelete: (row, c, cloud) => removeChild(c, cloud, row),
  })
}

/** Takes the load balancer's lock (409 while it is not ACTIVE) and marks it PENDING_UPDATE. */
function lock(c: Context, cloud: FakeCloud, lbId: string): Row | Response {
  const lb = table(cloud, 'loadbalancers').get(lbId)
  if (!lb) return fail(c, 404, `Load Balancer ${lbId} not found.`)
  if (lb.provisioning_status !== 'ACTIVE') return fail(c, 409, `Load Balancer ${lb.id} is immutable and cannot be updated.`)
  lb.provisioning_status = 'PENDING_UPDATE'
  later(cloud, lb, ACTIVE)
  return lb
}

function addChild(c: Context, cloud: FakeCloud, lbId: string, kind: string, fields: Record<string, unknown>, pool?: Row): Row | Response {
  const lb = lock(c, cloud, lbId)
  if (lb instanceof Response) return lb
  const row = insert(cloud, kind, { name: '', provisioning_status: 'PENDING_CREATE', operating_status: 'OFFLINE', loadbalancers: [{ id: lb.id }], ...fields, _lb: lb.id })
  later(cloud, row, { provisioning_status: 'ACTIVE', operating_status: kind === 'members' ? 'NO_MONITOR' : 'ONLINE' })
  if (kind === 'listeners' || kind === 'pools') (lb[kind] as object[]).push({ id: row.id })
  if (kind === 'healthmonitors') {
    const monitored = table(cloud, 'pools').get(String(fields.pool_id))
    if (monitored) monitored.healthmonitor_id = row.id
  }
  if (pool) (pool.members as object[]).push({ id: row.id })
  return row
}

function removeChild(c: Context, cloud: FakeCloud, row: Row): Response | undefined {
  const lb = lock(c, cloud, String(row._lb))
  if (lb instanceof Response) return lb
  row.provisioning_status = 'PENDING_DELETE'
  later(cloud, row, 'gone')
  const pool = table(cloud, 'pools').get(String(row.pool_id))
  if (pool && row._kind === 'members') pool.members = (pool.members as Array<{ id: string }>).filter((member) => member.id !== row.id)
  if (pool && row._kind === 'healthmonitors') pool.healthmonitor_id = null
  return undefined
}

function statusTree(c: Context, cloud: FakeCloud): unknown {
  const lb = table(cloud, 'loadbalancers').get(c.req.param('id') ?? '')
  if (!lb) return fail(c, 404, `Load Balancer ${c.req.param('id')} not found.`)
  const node = (row: Row) => ({ id: row.id, name: row.name, provisioning_status: row.provisioning_status, operating_status: row.operating_status })
  const members = (poolId: string) => [...table(cloud, 'members').values()].filter((member) => member.pool_id === poolId).map((member) => ({ ...node(member), address: member.address, protocol_port: member.protocol_port }))
  const listeners = [...table(cloud, 'listeners').values()].filter((listener) => listener._lb === lb.id)
  const pools = (listener: Row) => [...table(cloud, 'pools').values()].filter((pool) => pool.id === listener.default_pool_id).map((pool) => ({ ...node(pool), members: members(pool.id) }))
  return { statuses: { loadbalancer: { ...node(lb), listeners: listeners.map((listener) => ({ ...node(listener), pools: pools(listener) })) } } }
}
