/**
 * Real guests for the reachability tests: network namespaces made here, each running Debian's
 * sshd and answering ping.
 *
 * ```
 * root netns ("monitor", 198.18.N.1) ──veth── JH netns (198.18.N.2 = the "floating IP")
 *                                               └─ bridge 10.250.0.1/22 ──veth── VM_i netns (10.250.0.1i)
 * ```
 * The jump host starts with ip_forward off and no iptables rules: the code under test writes
 * them over SSH. VMs route by default via the jump host (as OSHM's router route to the VIP).
 * Every guest's sshd runs in a private mount namespace whose `/tmp` is the guest's own
 * directory, so the user-data marker sits at OSHM's `/tmp/testfile` per VM; logins are as
 * root with the test's key. `/etc/netns/<ns>/hosts` names the monitor `monitor.glasshouse.test`
 * and `resolv.conf` points at a closed port, so any other name fails to resolve at once.
 * The working directory is under /var/tmp because each guest's /tmp is replaced.
 *
 * @module
 */
import { execFile, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { execInNamespace, freeSubnet, ip, removeNamespace, removeStaleLabs, startSshd, stopSshd } from '../support/netns.js'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** The name every guest resolves to the monitor's address. */
export const MONITOR_NAME = 'monitor.glasshouse.test'

/** A guest of the lab. */
export interface LabGuest {
  name: string
  /** The jump host's outer address ("floating IP"), a VM's inner address. */
  address: string
  namespace: string
  /** Bind-mounted as the guest's /tmp. */
  tmp: string
}

/** A running lab; `destroy()` removes every process, namespace and file it made. */
export interface Lab {
  monitorAddress: string
  jumpHost: LabGuest
  vms: LabGuest[]
  /** Stops the sshd of one guest (waits until it is gone). */
  stopSshd(guest: LabGuest): Promise<void>
  /** Runs a command inside a guest's namespace. */
  exec(guest: LabGuest, command: string[]): Promise<string>
  destroy(): Promise<void>
}

/** What is missing to build a lab, or null. */
export async function labMissing(): Promise<string | null> {
  if (process.getuid?.() !== 0) return 'not root (network namespaces need root)'
  for (const program of ['/usr/sbin/sshd', '/usr/bin/ssh', '/usr/bin/ssh-keygen', '/usr/bin/ping', '/usr/sbin/iptables', '/usr/bin/unshare']) {
    if (!existsSync(program)) return `${program} not installed`
  }
  try {
    await run('ip', ['netns', 'list'])
  } catch {
    return '`ip netns` does not work'
  }
  return null
}

const PREFIX = `ghr${process.pid}`

/**
 * Builds the lab: one jump host and `vmCount` VMs whose sshd accept `authorizedKey` for root.
 * Removes what a crashed earlier run left first.
 */
export async function buildLab(vmCount: number, authorizedKey: string): Promise<Lab> {
  await removeStaleLabs('ghr', 'glasshouse-reach-')
  const work = await mkdtemp(`/var/tmp/glasshouse-reach-${process.pid}-`)
  const sshds = new Map<string, ChildProcess>()
  const namespaces: string[] = []
  const destroy = async (): Promise<void> => {
    for (const child of sshds.values()) child.kill('SIGKILL')
    for (const namespace of namespaces) await removeNamespace(namespace)
    await rm(work, { recursive: true, force: true })
  }
  try {
    const subnet = await freeSubnet()
    const monitorAddress = `${subnet}.1`
    const guest = async (name: string, address: string): Promise<LabGuest> => {
      const namespace = `${PREFIX}-${name.toLowerCase()}`
      namespaces.push(namespace)
      await ip('netns', 'add', namespace)
      await ip('-n', namespace, 'link', 'set', 'lo', 'up')
      await mkdir(`/etc/netns/${namespace}`, { recursive: true })
      await writeFile(`/etc/netns/${namespace}/hosts`, `127.0.0.1 localhost\n${monitorAddress} ${MONITOR_NAME}\n`)
      await writeFile(`/etc/netns/${namespace}/resolv.conf`, 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n')
      const tmp = join(work, name, 'tmp')
      await mkdir(tmp, { recursive: true, mode: 0o1777 })
      return { name, address, namespace, tmp }
    }
    const jumpHost = await guest('JH0', `${subnet}.2`)
    await ip('link', 'add', `${PREFIX}m`, 'type', 'veth', 'peer', 'name', `${PREFIX}j`)
    await ip('link', 'set', `${PREFIX}j`, 'netns', jumpHost.namespace)
    await ip('addr', 'add', `${monitorAddress}/24`, 'dev', `${PREFIX}m`)
    await ip('link', 'set', `${PREFIX}m`, 'up')
    await ip('-n', jumpHost.namespace, 'addr', 'add', `${jumpHost.address}/24`, 'dev', `${PREFIX}j`)
    await ip('-n', jumpHost.namespace, 'link', 'set', `${PREFIX}j`, 'up')
    await ip('-n', jumpHost.namespace, 'route', 'add', 'default', 'via', monitorAddress)
    await ip('-n', jumpHost.namespace, 'link', 'add', `${PREFIX}br`, 'type', 'bridge')
    await ip('-n', jumpHost.namespace, 'addr', 'add', '10.250.0.1/22', 'dev', `${PREFIX}br`)
    await ip('-n', jumpHost.namespace, 'link', 'set', `${PREFIX}br`, 'up')
    const vms: LabGuest[] = []
    for (let index = 0; index < vmCount; index += 1) {
      const vm = await guest(`VM_${index}`, `10.250.0.${10 + index}`)
      const [inVm, onBridge] = [`${PREFIX}v${index}`, `${PREFIX}b${index}`]
      await ip('link', 'add', inVm, 'type', 'veth', 'peer', 'name', onBridge)
      await ip('link', 'set', inVm, 'netns', vm.namespace)
      await ip('link', 'set', onBridge, 'netns', jumpHost.namespace)
      await ip('-n', jumpHost.namespace, 'link', 'set', onBridge, 'master', `${PREFIX}br`, 'up')
      await ip('-n', vm.namespace, 'addr', 'add', `${vm.address}/22`, 'dev', inVm)
      await ip('-n', vm.namespace, 'link', 'set', inVm, 'up')
      await ip('-n', vm.namespace, 'route', 'add', 'default', 'via', '10.250.0.1')
      vms.push(vm)
    }
    await mkdir('/run/sshd', { recursive: true, mode: 0o755 })
    for (const member of [jumpHost, ...vms]) sshds.set(member.name, await startSshd(work, member, await authorize(work, member.name, authorizedKey)))
    return {
      monitorAddress,
      jumpHost,
      vms,
      stopSshd: (member) => stopSshd(sshds.get(member.name)),
      exec: (member, command) => execInNamespace(member.namespace, command),
      destroy,
    }
  } catch (error) {
    await destroy()
    throw error
  }
}

/** Writes root's authorized key of one guest; returns the file. */
async function authorize(work: string, name: string, authorizedKey: string): Promise<string> {
  const file = join(work, name, 'authorized_keys')
  await writeFile(file, `${authorizedKey}\n`, { mode: 0o600 })
  return file
}
