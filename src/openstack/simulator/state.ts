/**
 * The simulated cloud's state: its one project and user, the tokens it issued, its resource
 * tables and the transitions waiting to happen. Transitions are applied lazily: every read of
 * a table first applies those whose time has come, so no timer runs between requests.
 *
 * @module
 */
import type { Context } from 'hono'
import type { LatencyProfile, TransitionName } from './profile.js'
import { transitionMs } from './profile.js'
import type { SeededRandom } from './random.js'

/** One stored resource; fields starting with `_` are the simulator's own and never sent. */
export type Row = Record<string, unknown> & { id: string }

/** The simulated cloud's one project, user and application credential. */
export interface SimIdentity {
  projectId: string
  projectName: string
  userId: string
  username: string
  password: string
  applicationCredential: { id: string; name: string; secret: string }
}

/** A token the simulator issued. */
export interface SimToken {
  userId: string
  projectId: string
  /** Epoch ms (wall clock: the client compares it with its own). */
  expiresAt: number
}

/** A catalog entry as Keystone sends it. */
export interface CatalogEntry {
  type: string
  name: string
  id: string
  endpoints: Array<{ interface: string; region: string; region_id: string; url: string; id: string }>
}

/** An answer that replaces the simulator's own (after the token check). */
export type Override = (c: Context) => Response | Promise<Response>

/** Ways for a wrapper (the test fake) to change what the simulator answers. */
export interface SimulatorHooks {
  /**
   * Runs first for every request, with the operation named like the client's
   * (`compute.servers.create`). It may delay; an {@link Override} it returns answers instead of
   * the simulator, after the token check.
   */
  request?: (operation: string, c: Context) => Promise<Override | undefined> | Override | undefined
  /** Changes the catalog of every token issued (extra regions, endpoints). */
  catalog?: (entries: CatalogEntry[]) => CatalogEntry[]
  /**
   * The data plane behind Octavia's health monitor: whether a member answers the monitor's
   * check (`HTTP`: a GET of `urlPath`, `TCP`: a connect). Given, every read of a load
   * balancer's status tree checks its monitored members and sets member, pool, listener and
   * load-balancer `operating_status` from the answers (ONLINE, DEGRADED, ERROR); absent,
   * members are ONLINE once their pool has a monitor.
   */
  memberHealth?: (member: { address: string; port: number; type: string; urlPath: string | null }) => Promise<boolean>
}

/** A delayed change: new fields, or removal (with a side effect such as deleting a root volume). */
interface Pending {
  at: number
  to: Record<string, unknown> | 'gone'
  then?: () => void
}

/** Everything behind the simulator's routes. */
export interface Sim {
  baseUrl: string
  identity: SimIdentity
  tokens: Map<string, SimToken>
  tokenTtlMs: number
  profile: LatencyProfile
  timeScale: number
  random: SeededRandom
  hooks: SimulatorHooks
  /** Availability zone names (compute, volume and network alike). */
  zones: string[]
  tables: Map<string, Map<string, Row>>
  pending: Map<Row, Pending>
  /** Next host number handed out per subnet (`.10`, `.11`, …). */
  nextHost: Map<string, number>
}

/**
 * The rows of a table, after every delayed change that is due was applied.
 *
 * @example
 * table(sim, 'servers').get(id)?.status // 'ACTIVE' once the boot time passed
 */
export function table(sim: Sim, kind: string): Map<string, Row> {
  const now = Date.now()
  for (const [row, change] of sim.pending) {
    if (change.at > now) continue
    sim.pending.delete(row)
    if (change.to === 'gone') sim.tables.get(String(row._kind))?.delete(row.id)
    else Object.assign(row, change.to, stamps(row, now))
    change.then?.()
  }
  let rows = sim.tables.get(kind)
  if (!rows) sim.tables.set(kind, (rows = new Map()))
  return rows
}

function stamps(row: Row, now: number): Record<string, string> {
  const at = new Date(now).toISOString()
  return { ...('updated_at' in row ? { updated_at: at } : {}), ...('updated' in row ? { updated: at.replace(/\.\d+Z$/, 'Z') } : {}) }
}

/**
 * Stores a new row of `kind` with a seeded id (unless `fields` has one) and, unless `stamped`
 * is false, `created_at`/`updated_at`.
 *
 * @example
 * insert(sim, 'networks', { name: 'net', status: 'ACTIVE' })
 */
export function insert(sim: Sim, kind: string, fields: Record<string, unknown>, stamped = true): Row {
  const at = new Date().toISOString()
  const row: Row = { id: sim.random.uuid(), ...(stamped ? { created_at: at, updated_at: at } : {}), ...fields, _kind: kind }
  table(sim, kind).set(row.id, row)
  return row
}

/**
 * Changes `row` to `to` (or removes it) once the profile's `transition` passed in simulated time.
 *
 * @example
 * later(sim, server, 'serverBoot', { status: 'ACTIVE' })
 */
export function later(sim: Sim, row: Row, transition: TransitionName, to: Pending['to'], then?: () => void): void {
  sim.pending.set(row, { at: Date.now() + transitionMs(sim.profile, sim.timeScale, transition), to, ...(then ? { then } : {}) })
}

/**
 * What a row looks like on the wire.
 *
 * @example
 * return { network: view(row) }
 */
export function view(row: Row): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([key]) => !key.startsWith('_')))
}
