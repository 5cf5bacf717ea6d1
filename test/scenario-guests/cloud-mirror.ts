/**
 * What a real cloud's hypervisor and cloud-init do, for the simulated cloud and the lab's
 * namespaces: before the simulator answers any request, every server it booted is bound to
 * its lab guest (`VM_JH1` → the jump host, `VM_VM3` → the third VM), gets the addresses the
 * simulated Neutron allocated, root's authorized_keys from its Nova keypair (the public key
 * the scenario uploaded), and its cloud-config `write_files` applied (the user-data marker);
 * a floating IP associated with the jump host's port is added to the jump host. It also runs
 * every 25 ms, so what the last request created is mirrored without a further request.
 *
 * @module
 */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { SimulatedCloud, SimulatorHooks } from '../../src/openstack/simulator/index.js'
import type { GuestLab, LabGuest } from './guest-lab.js'

/** The mirror: a request hook for the simulator, and what it did. */
export interface CloudMirror {
  hooks: SimulatorHooks
  /** Stops the periodic sync. */
  stop(): void
  /** Server name → the guest it was bound to (for the test's assertions). */
  bound: Map<string, LabGuest>
  /** Keypair name → the public key Nova received (kept after the teardown deleted the keypair). */
  keypairs: Map<string, string>
  /** Why a server could not be mirrored (no guest of that number, a path outside /tmp), if any. */
  problems: Set<string>
}

/**
 * Mirrors `cloud()` onto `lab` before each request the simulator answers.
 *
 * @example
 * const mirror = mirrorCloud(lab, () => sim)
 * sim = await startSimulatedCloud({ hooks: mirror.hooks, … })
 */
export function mirrorCloud(lab: GuestLab, cloud: () => SimulatedCloud | undefined): CloudMirror {
  const bound = new Map<string, LabGuest>()
  const boundIds = new Map<string, LabGuest>()
  const floating = new Set<string>()
  const problems = new Set<string>()
  const keypairs = new Map<string, string>()
  let queue: Promise<void> = Promise.resolve()

  const sync = async (): Promise<void> => {
    const sim = cloud()
    if (!sim) return
    const ports = [...sim.resources('ports').values()]
    for (const keypair of sim.resources('keypairs').values()) keypairs.set(String(keypair.name), String(keypair.public_key))
    for (const server of sim.resources('servers').values()) {
      if (boundIds.has(server.id)) continue
      const guest = guestOf(lab, String(server.name))
      const publicKey = keypairs.get(String(server.key_name))
      const own = ports.filter((port) => port.device_id === server.id)
      if (guest === 'none') problems.add(`no lab guest for server ${String(server.name)}`)
      if (guest === 'none' || publicKey === undefined || own.length === 0) continue
      boundIds.set(server.id, guest)
      bound.set(String(server.name), guest)
      await lab.authorize(guest, publicKey)
      await applyCloudConfig(guest, server._userData, problems)
      if (guest === lab.jumpHost) continue
      for (const fixed of own.flatMap((port) => port.fixed_ips as Array<{ subnet_id: string; ip_address: string }>)) {
        const subnet = sim.resources('subnets').get(fixed.subnet_id)!
        await lab.attachVm(guest, fixed.ip_address, Number(String(subnet.cidr).split('/')[1]), String(subnet.gateway_ip))
      }
    }
    for (const ip of sim.resources('floatingips').values()) {
      const port = ip.port_id ? ports.find((row) => row.id === ip.port_id) : undefined
      const address = String(ip.floating_ip_address)
      if (!port || floating.has(address) || boundIds.get(String(port.device_id)) !== lab.jumpHost) continue
      floating.add(address)
      await lab.addFloatingIp(address)
    }
  }

  const next = (): Promise<void> => (queue = queue.then(() => sync().catch((error: unknown) => void problems.add(`mirror: ${String(error)}`))))
  const timer = setInterval(() => void next(), 25)
  return {
    bound,
    keypairs,
    problems,
    stop: () => clearInterval(timer),
    hooks: {
      request: async () => {
        await next()
        return undefined
      },
    },
  }
}

/** The lab guest a server name stands for; 'none' when the lab has no such guest. */
function guestOf(lab: GuestLab, name: string): LabGuest | 'none' {
  const jumpHost = /VM_JH(\d+)$/.exec(name)
  if (jumpHost) return jumpHost[1] === '1' ? lab.jumpHost : 'none'
  const vm = /VM_VM(\d+)$/.exec(name)
  return (vm && lab.vms[Number(vm[1]) - 1]) || 'none'
}

/**
 * cloud-init's `write_files` for the one shape the scenario writes (`- path:` then
 * `content: "…"`), inside the guest's /tmp. A `runcmd` is not run (no HTTP backend here).
 */
async function applyCloudConfig(guest: LabGuest, userData: unknown, problems: Set<string>): Promise<void> {
  if (typeof userData !== 'string') return
  const text = Buffer.from(userData, 'base64').toString('utf8')
  if (!text.startsWith('#cloud-config')) return
  for (const match of text.matchAll(/- path: (\S+)\n\s+content: "((?:[^"\\]|\\.)*)"/g)) {
    const [, path, quoted] = match as unknown as [string, string, string]
    if (!path.startsWith('/tmp/')) {
      problems.add(`${guest.name}: write_files path ${path} is outside /tmp`)
      continue
    }
    await writeFile(join(guest.tmp, path.slice('/tmp/'.length)), JSON.parse(`"${quoted}"`) as string)
  }
}
