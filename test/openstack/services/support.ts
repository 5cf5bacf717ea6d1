/**
 * Shared pieces of the service-module suites: bounded polling, a cleanup stack that runs in
 * `finally`, unique names, an OpenSSH public key, and the sweep of earlier runs' leftovers.
 *
 * @module
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import type { OpenStackSession } from '../../../src/openstack/index.js'
import {
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
  listFloatingIps,
  listKeypairs,
  listLoadBalancers,
  listNetworks,
  listPorts,
  listRouters,
  listSecurityGroups,
  listServers,
  listSubnets,
  listVolumes,
  removeRouterInterface,
  updateRouter,
} from '../../../src/openstack/services/index.js'

/** The prefix of every resource the suites create on a real cloud. */
export const TEST_PREFIX = 'glasshouse-test-'

/**
 * A unique name prefix for one run: `glasshouse-test-<random>-`.
 *
 * @example
 * const name = runPrefix(); `${name}net`
 */
export function runPrefix(): string {
  return `${TEST_PREFIX}${randomBytes(3).toString('hex')}-`
}

/**
 * Polls `read` (one call per poll) until `done` holds; fails after `timeoutMs` with the last value.
 *
 * @example
 * await waitFor('volume available', () => getVolume(session, id), (volume) => volume.status === 'available', { timeoutMs: 60_000 })
 */
export async function waitFor<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, options: { timeoutMs: number; intervalMs?: number }): Promise<T> {
  const deadline = Date.now() + options.timeoutMs
  let last: T
  for (;;) {
    last = await read()
    if (done(last)) return last
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${options.timeoutMs} ms; last ${JSON.stringify(last).slice(0, 400)}`)
    await sleep(options.intervalMs ?? 250)
  }
}

/** Undo steps run in reverse order; every step runs even when an earlier one fails. */
export class Cleanup {
  readonly #steps: Array<{ what: string; run: () => Promise<unknown> }> = []

  /** Remembers an undo step. */
  add(what: string, run: () => Promise<unknown>): void {
    this.#steps.push({ what, run })
  }

  /** Runs every step, newest first; throws one error naming every failed step. */
  async run(): Promise<void> {
    const failed: string[] = []
    for (const step of this.#steps.reverse()) {
      try {
        await step.run()
      } catch (error) {
        failed.push(`${step.what}: ${(error as Error).message}`)
      }
    }
    this.#steps.length = 0
    if (failed.length > 0) throw new Error(`cleanup failed: ${failed.join('; ')}`)
  }
}

/**
 * A fresh ed25519 public key in OpenSSH's one-line format.
 *
 * @example
 * sshPublicKey() // 'ssh-ed25519 AAAAC3Nza… glasshouse-test'
 */
export function sshPublicKey(): string {
  const { publicKey } = generateKeyPairSync('ed25519')
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url')
  const lengthPrefixed = (value: Buffer) => {
    const length = Buffer.alloc(4)
    length.writeUInt32BE(value.length, 0)
    return Buffer.concat([length, value])
  }
  const blob = Buffer.concat([lengthPrefixed(Buffer.from('ssh-ed25519')), lengthPrefixed(raw)])
  return `ssh-ed25519 ${blob.toString('base64')} glasshouse-test`
}

const mine = (name: string | null | undefined): boolean => (name ?? '').startsWith(TEST_PREFIX)

/**
 * Deletes every `glasshouse-test-` resource an earlier, interrupted run left behind, in
 * dependency order; returns how many it found.
 *
 * @example
 * await sweepLeftovers(session)
 */
export async function sweepLeftovers(session: OpenStackSession, timeoutMs = 60_000): Promise<number> {
  let found = 0
  const gone = { missingOk: true }
  const lbs = (await listLoadBalancers(session)).filter((lb) => mine(lb.name))
  const servers = (await listServers(session, { name: TEST_PREFIX })).filter((server) => mine(server.name))
  for (const lb of lbs) await deleteLoadBalancer(session, lb.id, { cascade: true, ...gone })
  for (const server of servers) await deleteServer(session, server.id, gone)
  found += lbs.length + servers.length
  if (lbs.length > 0) await waitFor('leftover load balancers gone', () => listLoadBalancers(session), (all) => !all.some((lb) => mine(lb.name)), { timeoutMs, intervalMs: 1_000 })
  if (servers.length > 0) await waitFor('leftover servers gone', () => listServers(session, { name: TEST_PREFIX }), (all) => all.length === 0, { timeoutMs, intervalMs: 500 })
  for (const ip of (await listFloatingIps(session)).filter((ip) => mine(ip.description))) found += Number(await deleteFloatingIp(session, ip.id, gone))
  const routers = (await listRouters(session)).filter((router) => mine(router.name))
  for (const router of routers) {
    for (const port of await listPorts(session, { device_id: router.id, device_owner: 'network:router_interface' })) {
      for (const ip of port.fixed_ips) await removeRouterInterface(session, router.id, ip.subnet_id)
    }
    if (router.routes.length > 0) await updateRouter(session, router.id, { routes: [] })
    found += Number(await deleteRouter(session, router.id, gone))
  }
  for (const port of (await listPorts(session)).filter((port) => mine(port.name))) found += Number(await deletePort(session, port.id, gone))
  for (const subnet of (await listSubnets(session)).filter((subnet) => mine(subnet.name))) found += Number(await deleteSubnet(session, subnet.id, gone))
  for (const network of (await listNetworks(session)).filter((network) => mine(network.name))) found += Number(await deleteNetwork(session, network.id, gone))
  for (const group of (await listSecurityGroups(session)).filter((group) => mine(group.name))) found += Number(await deleteSecurityGroup(session, group.id, gone))
  for (const keypair of (await listKeypairs(session)).filter((keypair) => mine(keypair.name))) found += Number(await deleteKeypair(session, keypair.name, gone))
  const volumes = (await listVolumes(session)).filter((volume) => mine(volume.name))
  for (const volume of volumes.filter((volume) => volume.status !== 'deleting')) found += Number(await deleteVolume(session, volume.id, gone))
  return found
}
