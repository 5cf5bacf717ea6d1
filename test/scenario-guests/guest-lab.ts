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
import type { AddRow } from '../../src/openstack/simulator/index.js'
import type { ChildProcess } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { execInNamespace, freeSubnet, ip, removeNamespace, removeStaleLabs, startSshd, stopSshd } from '../support/netns.js'
import { MONITOR_NAME } from '../scenario-reachability/netns-lab.js'

export { labMissing, MONITOR_NAME } from '../scenario-reachability/netns-lab.js'

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
  await removeStaleLabs('ghg', WORK_PREFIX)
  const work = await mkdtemp(`/var/tmp/${WORK_PREFIX}${process.pid}-`)
  const sshds = new Map<string, ChildProcess>()
  const namespaces: string[] = []
  const destroy = async (): Promise<void> => {
    for (const child of sshds.values()) child.kill('SIGKILL')
    for (const namespace of namespaces) await removeNamespace(namespace)
    await rm(work, { recursive: true, force: true })
  }
  try {
    const subnet = await freeSubnet(125)
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
    for (const member of [jumpHost, ...vms]) sshds.set(member.name, await startSshd(work, member, member.authorizedKeys))
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
      stopSshd: (member) => stopSshd(sshds.get(member.name)),
      exec: (member, command) => execInNamespace(member.namespace, command),
      destroy,
    }
  } catch (error) {
    await destroy()
    throw error
  }
}

/**
 * Seeds the simulated cloud's external network on the lab's external subnet, the monitor host as
 * its gateway: floating IPs come from there.
 *
 * @example
 * startSimulatedCloud({ …, initial: (add) => (seedDefaultCloud(add), labExternalNetwork(lab)(add)) })
 */
export function labExternalNetwork(lab: Pick<GuestLab, 'externalCidr' | 'monitorAddress'>): (add: AddRow) => void {
  return (add) => {
    const network = add('networks', { name: 'lab-external', description: '', status: 'ACTIVE', admin_state_up: true, 'router:external': true, shared: false, mtu: 1500, subnets: [], availability_zone_hints: [], availability_zones: [], tags: [] })
    const subnet = add('subnets', { name: 'lab-external-subnet', network_id: network.id, cidr: lab.externalCidr, ip_version: 4, gateway_ip: lab.monitorAddress, enable_dhcp: false, allocation_pools: [], dns_nameservers: [], host_routes: [], tags: [] })
    ;(network.subnets as string[]).push(subnet.id)
  }
}
