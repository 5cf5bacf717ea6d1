/**
 * The iteration's waits: one shared poller per resource kind and direction (servers ACTIVE,
 * volumes available, load balancers ACTIVE, and each gone), so many resources cost one list
 * call per poll; every wait's record is kept for the result.
 *
 * @module
 */
import type { Clock } from '../../core/clock.js'
import type { FailureCode } from '../../core/failure.js'
import type { LoadBalancer, OpenStackSession, Server, Volume } from '../../openstack/index.js'
import { listLoadBalancers, listServers, listVolumes } from '../../openstack/index.js'
import type { Sleep } from '../sleep.js'
import { ResourcePoller } from '../waits/index.js'
import type { Observation, WaitRecord } from '../waits/index.js'

/** A wait that did not reach its state; `code` classifies it for the result. */
export class WaitFailedError extends Error {
  override readonly name = 'WaitFailedError'
  readonly code: FailureCode

  constructor(what: string, record: WaitRecord) {
    super(`${what}: ${record.reason ?? record.outcome}`)
    this.code = codeOfWait(record)
  }
}

function codeOfWait(record: WaitRecord): FailureCode {
  if (record.outcome === 'timeout') return 'timeout'
  if (record.outcome === 'list_errors') return 'http_5xx'
  if (record.outcome === 'aborted') return 'internal'
  return 'resource_error'
}

/** What the waits need. */
export interface WaitSettings {
  session: OpenStackSession
  prefix: string
  timeoutsMs: { server: number; volume: number; loadBalancer: number }
  intervalMs: number
  clock: Clock
  sleep: Sleep
  signal: AbortSignal
}

const mine = (prefix: string) => (name: string | null | undefined) => (name ?? '').startsWith(prefix)

/** The pollers of one iteration and the record of every wait. */
export class IterationWaits {
  /** Every wait that ended, in the order it ended. */
  readonly records: WaitRecord[] = []
  readonly #servers: { up: ResourcePoller<Server>; gone: ResourcePoller<Server> }
  readonly #volumes: { up: ResourcePoller<Volume>; free: ResourcePoller<Volume>; gone: ResourcePoller<Volume> }
  readonly #loadBalancers: { up: ResourcePoller<LoadBalancer>; gone: ResourcePoller<LoadBalancer> }
  readonly #abort = new AbortController()

  constructor(settings: WaitSettings) {
    const { session, prefix, timeoutsMs } = settings
    const signal = AbortSignal.any([settings.signal, this.#abort.signal])
    const common = { intervalMs: settings.intervalMs, clock: settings.clock, sleep: settings.sleep, signal }
    const servers = async () => (await listServers(session, { name: `^${prefix}` })).filter((server) => mine(prefix)(server.name))
    const volumes = async () => (await listVolumes(session)).filter((volume) => mine(prefix)(volume.name))
    const balancers = async () => (await listLoadBalancers(session)).filter((lb) => mine(prefix)(lb.name))
    const server = { kind: 'server', list: servers, idOf: (s: Server) => s.id, statusOf: (s: Server) => s.status, timeoutMs: timeoutsMs.server, ...common }
    const volume = { kind: 'volume', list: volumes, idOf: (v: Volume) => v.id, statusOf: (v: Volume) => v.status, timeoutMs: timeoutsMs.volume, ...common }
    const lb = { kind: 'loadbalancer', list: balancers, idOf: (l: LoadBalancer) => l.id, statusOf: (l: LoadBalancer) => l.provisioning_status, timeoutMs: timeoutsMs.loadBalancer, ...common }
    this.#servers = {
      up: new ResourcePoller({ ...server, mode: 'create', observe: (s) => state(s.status, ['ACTIVE'], ['ERROR']) }),
      gone: new ResourcePoller({ ...server, mode: 'delete', observe: (s) => state(s.status, ['DELETED'], []) }),
    }
    this.#volumes = {
      up: new ResourcePoller({ ...volume, mode: 'create', observe: (v) => state(v.status, ['available'], ['error']) }),
      free: new ResourcePoller({ ...volume, kind: 'volume-detach', mode: 'delete', observe: (v) => state(v.status, ['available', 'error'], []) }),
      gone: new ResourcePoller({ ...volume, mode: 'delete', observe: (v) => state(v.status, [], ['error_deleting']) }),
    }
    this.#loadBalancers = {
      up: new ResourcePoller({ ...lb, mode: 'create', observe: (l) => state(l.provisioning_status, ['ACTIVE'], ['ERROR']) }),
      gone: new ResourcePoller({ ...lb, mode: 'delete', observe: (l) => state(l.provisioning_status, ['DELETED'], ['ERROR']) }),
    }
  }

  /** Waits until the server is ACTIVE (boot time from `requestedAt`); throws {@link WaitFailedError}. */
  serverActive(id: string, requestedAt: number): Promise<WaitRecord> {
    return this.#keep(`server ${id} ACTIVE`, this.#servers.up.wait(id, requestedAt))
  }

  /** Waits until the server is gone (deletion time). */
  serverGone(id: string, requestedAt: number): Promise<WaitRecord> {
    return this.#keep(`server ${id} deleted`, this.#servers.gone.wait(id, requestedAt))
  }

  /** Waits until the volume is available (creation time). */
  volumeAvailable(id: string, requestedAt: number): Promise<WaitRecord> {
    return this.#keep(`volume ${id} available`, this.#volumes.up.wait(id, requestedAt))
  }

  /** Waits until the volume is detached (available or error) or gone, so it can be deleted. */
  volumeFree(id: string, requestedAt: number): Promise<WaitRecord> {
    return this.#keep(`volume ${id} detached`, this.#volumes.free.wait(id, requestedAt))
  }

  /** Waits until the volume is gone (deletion time). */
  volumeGone(id: string, requestedAt: number): Promise<WaitRecord> {
    return this.#keep(`volume ${id} deleted`, this.#volumes.gone.wait(id, requestedAt))
  }

  /** Waits until the load balancer is ACTIVE (after its creation or any change to it). */
  loadBalancerActive(id: string, requestedAt: number): Promise<WaitRecord> {
    return this.#keep(`load balancer ${id} ACTIVE`, this.#loadBalancers.up.wait(id, requestedAt))
  }

  /** Waits until the load balancer is gone (deletion time). */
  loadBalancerGone(id: string, requestedAt: number): Promise<WaitRecord> {
    return this.#keep(`load balancer ${id} deleted`, this.#loadBalancers.gone.wait(id, requestedAt))
  }

  /** Ends every wait now, and every later one at once, as `aborted` (the teardown's budget ran out). */
  abort(): void {
    this.#abort.abort()
  }

  async #keep(what: string, waiting: Promise<WaitRecord>): Promise<WaitRecord> {
    const record = await waiting
    this.records.push(record)
    if (!record.ok) throw new WaitFailedError(what, record)
    return record
  }
}

function state(status: string, done: readonly string[], failed: readonly string[]): Observation {
  if (done.includes(status)) return 'done'
  return failed.includes(status) ? 'failed' : 'pending'
}
