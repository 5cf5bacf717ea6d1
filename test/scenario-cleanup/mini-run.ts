/**
 * A small customer-eye run for the cleanup tests: network, subnet, router with gateway and
 * interface, security group and rule, keypair, port, volume, server (boot from volume), floating
 * IP, load balancer and listener — every create through the RunLedger, every undo deleting and
 * waiting — and a crash switch that stops the "process" dead at its Nth event (a ledger write or
 * a cloud call), as `kill -9` would.
 *
 * @module
 */
import { setTimeout as sleep } from 'node:timers/promises'
import {
  addRouterInterface,
  createFloatingIp,
  createKeypair,
  createListener,
  createLoadBalancer,
  createNetwork,
  createPort,
  createRouter,
  createSecurityGroup,
  createSecurityGroupRule,
  createServer,
  createSubnet,
  createVolume,
  deleteFloatingIp,
  deleteKeypair,
  deleteLoadBalancer,
  deleteNetwork,
  deletePort,
  deleteRouter,
  deleteSecurityGroup,
  deleteServer,
  deleteSubnet,
  deleteVolume,
  getLoadBalancer,
  getServer,
  getVolume,
  listFlavors,
  listImages,
  listNetworks,
  OpenStackError,
  removeRouterInterface,
} from '../../src/openstack/index.js'
import type { OpenStackSession } from '../../src/openstack/index.js'
import { RunLedger } from '../../src/scenario/index.js'
import type { CreateSpec, RunScope, Undo } from '../../src/scenario/index.js'
import type { LedgerRepository } from '../../src/store/index.js'

/** Thrown at the crash point and by everything after it. */
export class Crash extends Error {}

/**
 * Counts events; the `at`th (or the first for which `when(what, previous)` holds) and every
 * later one throws {@link Crash}.
 */
export class CrashSwitch {
  events = 0
  /** What the process was about to do when it died (`created`, `delete server`, …). */
  diedBefore: string | null = null
  #previous: string | null = null
  constructor(
    readonly at: number = Number.POSITIVE_INFINITY,
    readonly when?: (what: string, previous: string | null) => boolean,
  ) {}
  get crashed(): boolean {
    return this.diedBefore !== null
  }
  tick(what: string): void {
    if (this.crashed) throw new Crash(`dead before ${what}`)
    this.events++
    const previous = this.#previous
    this.#previous = what
    if (this.events >= this.at || this.when?.(what, previous)) {
      this.diedBefore = what
      throw new Crash(`crashed before ${what}`)
    }
  }
}

/** The ledger as a process that may die: each write first asks the switch. */
export function crashingLedger(ledger: LedgerRepository, crash: CrashSwitch): LedgerRepository {
  return {
    intent: (intent, now) => (crash.tick('intent'), ledger.intent(intent, now)),
    created: (entryId, resourceId, now) => (crash.tick('created'), ledger.created(entryId, resourceId, now)),
    deleted: (entryId, now) => (crash.tick('deleted'), ledger.deleted(entryId, now)),
    leftovers: (cloud, filter) => ledger.leftovers(cloud, filter),
    get: (entryId) => ledger.get(entryId),
  }
}

/** Polls `check` until it is true (or throws after `ms`). */
async function until(check: () => Promise<boolean>, ms = 20_000, interval = 20): Promise<void> {
  const deadline = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting')
    await sleep(interval)
  }
}

const gone = (read: () => Promise<unknown>) => async () => {
  try {
    await read()
    return false
  } catch (error) {
    if (error instanceof OpenStackError && error.code === 'not_found') return true
    throw error
  }
}

/** What the run needs from the cloud. */
export interface RunCloud {
  session: OpenStackSession
  /** Waits between polls; 20 ms on the simulator. */
  pollMs?: number
  /** Create a load balancer and listener (the real cloud's Octavia takes a while). */
  loadBalancer?: boolean
  /** Create a server (and its root volume). */
  server?: boolean
}

/**
 * Runs the creates, then (unless `teardown` is false) the undos in reverse order. Stops at the
 * crash; resolves with how many events happened.
 *
 * @example
 * const events = await miniRun({ session }, ledger, scope, new CrashSwitch(17))
 */
export async function miniRun(cloud: RunCloud, repository: LedgerRepository, scope: RunScope, crash: CrashSwitch, teardown = true): Promise<number> {
  const { session } = cloud
  const poll = cloud.pollMs ?? 20
  const ledger = new RunLedger(crashingLedger(repository, crash), scope)
  const undos: Undo[] = []
  const ctx = { undo: (undo: Undo) => void undos.push(undo) }
  const p = scope.prefix
  const make = async <T>(spec: CreateSpec<T>) => {
    const guarded: CreateSpec<T> = {
      ...spec,
      create: () => (crash.tick(`create ${spec.kind}`), spec.create()),
      ...(spec.remove ? { remove: async (id, attempt) => (crash.tick(`delete ${spec.kind}`), await spec.remove!(id, attempt), crash.tick(`confirm ${spec.kind}`)) } : {}),
    }
    return ledger.create(ctx, guarded)
  }
  try {
    const [publicNet] = await listNetworks(session, { 'router:external': true })
    const network = await make({ kind: 'network', name: `${p}NET`, create: () => createNetwork(session, { name: `${p}NET` }), idOf: (n) => n.id, remove: (id) => deleteNetwork(session, id, { missingOk: true }).then(() => {}) })
    const subnet = await make({ kind: 'subnet', name: `${p}SUBNET`, create: () => createSubnet(session, { network_id: network.id, name: `${p}SUBNET`, cidr: '10.250.0.0/24', ip_version: 4 }), idOf: (s) => s.id, remove: (id) => deleteSubnet(session, id, { missingOk: true }).then(() => {}) })
    const router = await make({ kind: 'router', name: `${p}ROUTER`, create: () => createRouter(session, { name: `${p}ROUTER`, external_gateway_info: { network_id: publicNet!.id } }), idOf: (r) => r.id, remove: (id) => deleteRouter(session, id, { missingOk: true }).then(() => {}) })
    await make({ kind: 'router-interface', name: `${p}ROUTER:SUBNET`, detail: { routerId: router.id, subnetId: subnet.id }, create: () => addRouterInterface(session, router.id, subnet.id), idOf: (i) => i.port_id, remove: () => removeRouterInterface(session, router.id, subnet.id).then(() => {}) })
    const group = await make({ kind: 'security-group', name: `${p}SG`, create: () => createSecurityGroup(session, { name: `${p}SG` }), idOf: (g) => g.id, remove: async (id) => void (await deleteSecurityGroup(session, id, { missingOk: true })) })
    const rule = await make({ kind: 'security-group-rule', name: `${p}SG:ssh`, create: () => createSecurityGroupRule(session, { security_group_id: group.id, direction: 'ingress', ethertype: 'IPv4', protocol: 'tcp', port_range_min: 22, port_range_max: 22 }), idOf: (r) => r.id })
    ctx.undo({ name: 'rule with its group', run: () => ledger.deleted(rule.entryId) })
    await make({ kind: 'keypair', name: `${p}KEY`, create: () => createKeypair(session, { name: `${p}KEY`, public_key: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDx2Tm9uZQmNz9kCq3hJ0Vb0dYbWq3nS2a2Y6ytJvNq4 test' }), idOf: (k) => k.name, remove: (name) => deleteKeypair(session, name, { missingOk: true }).then(() => {}) })
    const port = await make({ kind: 'port', name: `${p}PORT_VM`, create: () => createPort(session, { network_id: network.id, name: `${p}PORT_VM`, security_groups: [group.id] }), idOf: (q) => q.id, remove: (id) => deletePort(session, id, { missingOk: true }).then(() => {}) })
    await make({
      kind: 'volume', name: `${p}VOL`, create: () => createVolume(session, { size: 1, name: `${p}VOL` }), idOf: (v) => v.id,
      remove: async (id) => {
        await until(async () => ['available', 'error'].includes((await getVolume(session, id)).status), 60_000, poll).catch(() => {})
        await deleteVolume(session, id, { missingOk: true })
        await until(gone(() => getVolume(session, id)), 60_000, poll)
      },
    })
    if (cloud.server ?? true) {
      const [flavor] = (await listFlavors(session)).filter((f) => f.name === 'SCS-1L-1')
      const [image] = await listImages(session, { name: 'Ubuntu 24.04' })
      await make({
        kind: 'server', name: `${p}VM`,
        create: () => createServer(session, { name: `${p}VM`, flavorRef: flavor!.id, key_name: `${p}KEY`, networks: [{ port: port.id }], block_device_mapping_v2: [{ boot_index: 0, uuid: image!.id, source_type: 'image', destination_type: 'volume', volume_size: 5, delete_on_termination: true }] }),
        idOf: (s) => s.id,
        remove: async (id) => {
          await deleteServer(session, id, { missingOk: true })
          await until(gone(() => getServer(session, id)), 60_000, poll)
        },
      })
    }
    await make({ kind: 'floatingip', name: `${p}FIP`, create: () => createFloatingIp(session, { floating_network_id: publicNet!.id, port_id: port.id, description: `${p}FIP` }), idOf: (f) => f.id, remove: (id) => deleteFloatingIp(session, id, { missingOk: true }).then(() => {}) })
    if (cloud.loadBalancer ?? true) {
      const lb = await make({
        kind: 'loadbalancer', name: `${p}LB`, create: () => createLoadBalancer(session, { name: `${p}LB`, vip_subnet_id: subnet.id }), idOf: (l) => l.id,
        remove: async (id) => {
          await until(async () => ['ACTIVE', 'ERROR'].includes((await getLoadBalancer(session, id)).provisioning_status), 600_000, poll)
          await deleteLoadBalancer(session, id, { cascade: true, missingOk: true })
          await until(gone(() => getLoadBalancer(session, id)), 600_000, poll)
        },
      })
      await until(async () => (await getLoadBalancer(session, lb.id)).provisioning_status === 'ACTIVE', 600_000, poll)
      const listener = await make({ kind: 'listener', name: `${p}LISTENER`, create: () => createListener(session, { loadbalancer_id: lb.id, protocol: 'HTTP', protocol_port: 80, name: `${p}LISTENER` }), idOf: (l) => l.id })
      ctx.undo({ name: 'listener with its load balancer', run: () => ledger.deleted(listener.entryId) })
    }
    if (!teardown) return crash.events
    for (const undo of undos.reverse()) await undo.run({ attempt: 1, extraTimeoutMs: 0, signal: new AbortController().signal })
  } catch (error) {
    if (!(error instanceof Crash)) throw error
  }
  return crash.events
}
