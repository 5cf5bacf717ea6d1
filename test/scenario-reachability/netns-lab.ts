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
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
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
  await removeStaleLabs()
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
    for (const member of [jumpHost, ...vms]) sshds.set(member.name, await startSshd(work, member, authorizedKey))
    return {
      monitorAddress,
      jumpHost,
      vms,
      stopSshd: async (member) => {
        const child = sshds.get(member.name)
        if (!child || child.exitCode !== null || child.signalCode !== null) return
        const gone = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        await gone
      },
      exec: async (member, command) => (await run('ip', ['netns', 'exec', member.namespace, ...command])).stdout,
      destroy,
    }
  } catch (error) {
    await destroy()
    throw error
  }
}

async function startSshd(work: string, guest: LabGuest, authorizedKey: string): Promise<ChildProcess> {
  const directory = join(work, guest.name)
  await run('/usr/bin/ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', guest.name, '-f', join(directory, 'host_key')])
  await writeFile(join(directory, 'authorized_keys'), `${authorizedKey}\n`, { mode: 0o600 })
  const config = [
    'Port 22', 'ListenAddress 0.0.0.0', `HostKey ${join(directory, 'host_key')}`, 'PidFile none',
    `AuthorizedKeysFile ${join(directory, 'authorized_keys')}`, 'PermitRootLogin prohibit-password',
    'PasswordAuthentication no', 'KbdInteractiveAuthentication no', 'UsePAM no',
    // /var/tmp is world-writable, which StrictModes would refuse for the key files' parents.
    'StrictModes no', 'PrintMotd no', 'LogLevel INFO',
  ]
  await writeFile(join(directory, 'sshd_config'), `${config.join('\n')}\n`)
  const script = `mount --bind ${guest.tmp} /tmp && exec /usr/sbin/sshd -D -e -f ${join(directory, 'sshd_config')}`
  const child = spawn('ip', ['netns', 'exec', guest.namespace, 'unshare', '--mount', '--propagation', 'private', '/bin/sh', '-c', script], {
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  await new Promise<void>((resolve, reject) => {
    let log = ''
    const timer = setTimeout(() => reject(new Error(`sshd in ${guest.name} did not start: ${log}`)), 10_000)
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString()
      if (log.includes('Server listening on')) {
        clearTimeout(timer)
        resolve()
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`sshd in ${guest.name} exited ${code}: ${log}`))
    })
  })
  child.stderr!.resume()
  return child
}

async function ip(...args: string[]): Promise<void> {
  await run('ip', args)
}

/** A 198.18.N.0/24 (RFC 2544 benchmarking range) that no address of this host uses. */
async function freeSubnet(): Promise<string> {
  const { stdout } = await run('ip', ['-4', '-o', 'addr', 'show'])
  for (let offset = 0; offset < 250; offset += 1) {
    const candidate = `198.18.${((process.pid + offset) % 250) + 1}`
    if (!stdout.includes(` ${candidate}.`)) return candidate
  }
  throw new Error('no free 198.18.N.0/24 subnet for the lab')
}

async function removeNamespace(namespace: string): Promise<void> {
  const pids = await run('ip', ['netns', 'pids', namespace]).then((out) => out.stdout.split('\n').filter(Boolean), () => [])
  for (const pid of pids) {
    try {
      process.kill(Number(pid), 'SIGKILL')
    } catch {
      // already gone
    }
  }
  await run('ip', ['netns', 'delete', namespace]).catch(() => undefined)
  await rm(`/etc/netns/${namespace}`, { recursive: true, force: true })
}

/** Namespaces and directories of labs whose test process is gone (killed before its cleanup ran). */
async function removeStaleLabs(): Promise<void> {
  const { stdout } = await run('ip', ['netns', 'list'])
  for (const line of stdout.split('\n')) {
    const match = /^(ghr(\d+)-\S+)/.exec(line)
    if (match && !processAlive(Number(match[2]))) await removeNamespace(match[1]!)
  }
  for (const entry of await readdir('/var/tmp')) {
    const match = /^glasshouse-reach-(\d+)-/.exec(entry)
    if (match && !processAlive(Number(match[1]))) await rm(join('/var/tmp', entry), { recursive: true, force: true })
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
