/**
 * The data plane of a simulated cloud, made of network namespaces: one jump host and N VMs,
 * each running Debian's sshd and answering ping. The guests start without addresses or keys —
 * the cloud decides those: {@link GuestLab.addFloatingIp}, {@link GuestLab.attachVm} and
 * {@link GuestLab.authorize} apply what the simulated cloud handed out (see cloud-mirror.ts).
 *
 * ```
 * root netns (monitor, 198.18.N.1/24) ──veth── JH netns (floating IPs 198.18.N.x)
 *                                                └─ bridge (the VM subnets' gateways) ──veth── VM_i netns (fixed IPs)
 * ```
 * The jump host starts with ip_forward off and no iptables rules: the scenario writes them over
 * SSH. The VMs' default route is the bridge's gateway address in the jump host (on a cloud: the
 * router, whose default route is the jump host's VIP when it has no SNAT). Each guest's sshd
 * runs in a private mount namespace whose `/tmp` is the guest's own directory, so OSHM's
 * `/tmp/testfile` is per guest; its `authorized_keys` (for root) is empty until authorized.
 * `/etc/netns/<ns>/hosts` names the monitor {@link MONITOR_NAME}; any other name fails to
 * resolve at once. Work files live under /var/tmp because each guest's /tmp is replaced.
 *
 * @module
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { MONITOR_NAME } from '../scenario-reachability/netns-lab.js'

export { labMissing, MONITOR_NAME } from '../scenario-reachability/netns-lab.js'

const run = promisify(execFile)
const PREFIX = `ghg${process.pid}`
const WORK_PREFIX = 'glasshouse-guests-'

/** A guest: its namespace, its interface towards the cloud's network, and its own /tmp. */
export interface LabGuest {
  name: string
  namespace: string
  /** The interface addresses are added to (a jump host's outer one, a VM's only one). */
  device: string
  tmp: string
  authorizedKeys: string
}

/** A running lab; `destroy()` removes every process, namespace and file it made. */
export interface GuestLab {
  monitorAddress: string
  /** The external network the simulated cloud must allocate floating IPs from. */
  externalCidr: string
  jumpHost: LabGuest
  vms: LabGuest[]
  /** Gives the jump host a floating IP (and its default route to the monitor). */
  addFloatingIp(address: string): Promise<void>
  /** Gives a VM its fixed IP; the bridge in the jump host answers as the subnet's gateway. */
  attachVm(vm: LabGuest, address: string, prefixLength: number, gateway: string): Promise<void>
  /** Replaces root's authorized_keys of a guest (the keypair Nova would inject). */
  authorize(guest: LabGuest, publicKey: string): Promise<void>
  /** Stops the sshd of one guest (waits until it is gone). */
  stopSshd(guest: LabGuest): Promise<void>
  /** Runs a command inside a guest's namespace. */
  exec(guest: LabGuest, command: string[]): Promise<string>
  destroy(): Promise<void>
}

/** Builds a lab of one jump host and `vmCount` VMs; removes what a killed earlier run left first. */
export async function buildGuestLab(vmCount: number): Promise<GuestLab> {
  await removeStaleLabs()
  const work = await mkdtemp(`/var/tmp/${WORK_PREFIX}${process.pid}-`)
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
    const guest = async (name: string, device: string): Promise<LabGuest> => {
      const namespace = `${PREFIX}-${name.toLowerCase()}`
      namespaces.push(namespace)
      await ip('netns', 'add', namespace)
      await ip('-n', namespace, 'link', 'set', 'lo', 'up')
      await mkdir(`/etc/netns/${namespace}`, { recursive: true })
      await writeFile(`/etc/netns/${namespace}/hosts`, `127.0.0.1 localhost\n${monitorAddress} ${MONITOR_NAME}\n`)
      await writeFile(`/etc/netns/${namespace}/resolv.conf`, 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n')
      const tmp = join(work, name, 'tmp')
      await mkdir(tmp, { recursive: true, mode: 0o1777 })
      const authorizedKeys = join(work, name, 'authorized_keys')
      await writeFile(authorizedKeys, '', { mode: 0o600 })
      return { name, namespace, device, tmp, authorizedKeys }
    }
    const bridge = `${PREFIX}br`
    const jumpHost = await guest('JH1', `${PREFIX}j`)
    await ip('link', 'add', `${PREFIX}m`, 'type', 'veth', 'peer', 'name', jumpHost.device)
    await ip('link', 'set', jumpHost.device, 'netns', jumpHost.namespace)
    await ip('addr', 'add', `${monitorAddress}/24`, 'dev', `${PREFIX}m`)
    await ip('link', 'set', `${PREFIX}m`, 'up')
    await ip('-n', jumpHost.namespace, 'link', 'set', jumpHost.device, 'up')
    await ip('-n', jumpHost.namespace, 'link', 'add', bridge, 'type', 'bridge')
    await ip('-n', jumpHost.namespace, 'link', 'set', bridge, 'up')
    const vms: LabGuest[] = []
    for (let index = 0; index < vmCount; index += 1) {
      const vm = await guest(`VM${index + 1}`, `${PREFIX}v${index}`)
      const onBridge = `${PREFIX}b${index}`
      await ip('link', 'add', vm.device, 'type', 'veth', 'peer', 'name', onBridge)
      await ip('link', 'set', vm.device, 'netns', vm.namespace)
      await ip('link', 'set', onBridge, 'netns', jumpHost.namespace)
      await ip('-n', jumpHost.namespace, 'link', 'set', onBridge, 'master', bridge, 'up')
      await ip('-n', vm.namespace, 'link', 'set', vm.device, 'up')
      vms.push(vm)
    }
    await mkdir('/run/sshd', { recursive: true, mode: 0o755 })
    for (const member of [jumpHost, ...vms]) sshds.set(member.name, await startSshd(work, member))
    return {
      monitorAddress,
      externalCidr: `${subnet}.0/24`,
      jumpHost,
      vms,
      addFloatingIp: async (address) => {
        await ip('-n', jumpHost.namespace, 'addr', 'replace', `${address}/24`, 'dev', jumpHost.device)
        await ip('-n', jumpHost.namespace, 'route', 'replace', 'default', 'via', monitorAddress)
      },
      attachVm: async (vm, address, prefixLength, gateway) => {
        await ip('-n', jumpHost.namespace, 'addr', 'replace', `${gateway}/${prefixLength}`, 'dev', bridge)
        await ip('-n', vm.namespace, 'addr', 'replace', `${address}/${prefixLength}`, 'dev', vm.device)
        await ip('-n', vm.namespace, 'route', 'replace', 'default', 'via', gateway)
      },
      authorize: (member, publicKey) => writeFile(member.authorizedKeys, `${publicKey}\n`, { mode: 0o600 }),
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

/** Debian's sshd in the guest's namespace, with a host key of its own and root's keys from the lab. */
async function startSshd(work: string, guest: LabGuest): Promise<ChildProcess> {
  const directory = join(work, guest.name)
  await run('/usr/bin/ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', guest.name, '-f', join(directory, 'host_key')])
  const config = [
    'Port 22', 'ListenAddress 0.0.0.0', `HostKey ${join(directory, 'host_key')}`, 'PidFile none',
    `AuthorizedKeysFile ${guest.authorizedKeys}`, 'PermitRootLogin prohibit-password',
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
    const candidate = `198.18.${((process.pid + 125 + offset) % 250) + 1}`
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
    const match = /^(ghg(\d+)-\S+)/.exec(line)
    if (match && !processAlive(Number(match[2]))) await removeNamespace(match[1]!)
  }
  for (const entry of await readdir('/var/tmp')) {
    const match = new RegExp(`^${WORK_PREFIX}(\\d+)-`).exec(entry)
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
