/**
 * The iteration's plan, fixed once discovery has answered: how many jump hosts, networks and
 * VMs, where each VM goes, OSHM's names and address plan, the boot mode and the time budget.
 *
 * @module
 */
import type { BootMode, ScenarioOptions } from './options.js'

/** The jump-host subnet (OSHM: `10.250.255.0/24`). */
export const JUMP_HOST_CIDR = '10.250.255.0/24'

/**
 * VM subnet `n` (0-based): `10.250.(4n).0/22`, room for 1,018 VMs each (OSHM's plan).
 *
 * @example
 * vmSubnetCidr(1) // '10.250.4.0/22'
 */
export function vmSubnetCidr(network: number): string {
  if (!Number.isInteger(network) || network < 0 || network > 62) throw new RangeError(`VM network ${network} is outside the address plan (0–62)`)
  return `10.250.${network * 4}.0/22`
}

/** What discovery found that shapes the iteration. */
export interface Discovered {
  computeZones: string[]
  volumeZones: string[]
  networkZones: string[]
  image: { id: string; minDiskGb: number; sizeBytes: number; originalUser: string | null }
  jumpHostImage: { id: string; minDiskGb: number }
  flavor: { id: string; diskGb: number }
  jumpHostFlavor: { id: string; diskGb: number }
  externalNetworkId: string
}

/** Where one VM goes. */
export interface VmSlot {
  /** 1-based, as in OSHM's names (`VM_VM3`). */
  number: number
  zone: string
  volumeZone: string
  /** 0-based VM network. */
  network: number
  /** The jump host (0-based) that forwards to it, and the port it forwards (OSHM: 222 + ⌊i / #AZ⌋). */
  jumpHost: number
  forwardPort: number
}

/** The plan of one iteration. */
export interface IterationPlan {
  /** Every resource name starts with it (`gh-mon1-k3x9-`). */
  prefix: string
  /** One jump host per compute AZ. */
  jumpHosts: Array<{ number: number; zone: string; volumeZone: string }>
  networks: number
  /** AZ hints per VM network; empty when the cloud has at most one network AZ. */
  networkHints: string[][]
  vms: VmSlot[]
  vmBoot: BootMode
  jumpHostBoot: BootMode
  vmVolumeGb: number
  jumpHostVolumeGb: number
  sshUser: string
  budgetMs: number
}

/**
 * The plan for `options` and what discovery found.
 *
 * @example
 * const plan = planIteration(options, discovered, 'gh-mon1-k3x9-')
 * plan.vms[2] // { number: 3, zone: 'az1', network: 0, jumpHost: 0, forwardPort: 223, … }
 */
export function planIteration(options: ScenarioOptions, found: Discovered, prefix: string): IterationPlan {
  const zones = found.computeZones
  const volumeZones = found.volumeZones.length > 0 ? found.volumeZones : zones
  const networks = options.networks ?? zones.length
  const vms: VmSlot[] = Array.from({ length: options.vms }, (_, index) => ({
    number: index + 1,
    // OSHM -D: one create call per network, so one AZ per network.
    zone: zones[(options.batchCreate ? index % networks : index) % zones.length]!,
    volumeZone: volumeZones[index % volumeZones.length]!,
    network: index % networks,
    jumpHost: index % zones.length,
    forwardPort: 222 + Math.floor(index / zones.length),
  }))
  const hints = found.networkZones.length > 1 ? Array.from({ length: networks }, (_, n) => [found.networkZones[n % found.networkZones.length]!]) : []
  const vmVolumeGb = options.volumeSize ?? Math.max(1, found.image.minDiskGb, Math.ceil(found.image.sizeBytes / 2 ** 30))
  const jumpHostVolumeGb = options.volumeSize ?? Math.max(1, found.jumpHostImage.minDiskGb)
  return {
    prefix,
    jumpHosts: zones.map((zone, index) => ({ number: index + 1, zone, volumeZone: volumeZones[index % volumeZones.length]! })),
    networks,
    networkHints: hints,
    vms,
    vmBoot: effectiveBoot(options.batchCreate ? 'image' : options.bootMode, found.flavor.diskGb, vmVolumeGb),
    jumpHostBoot: effectiveBoot(options.bootMode, found.jumpHostFlavor.diskGb, jumpHostVolumeGb),
    vmVolumeGb,
    jumpHostVolumeGb,
    sshUser: options.sshUser ?? found.image.originalUser ?? 'ubuntu',
    budgetMs: options.budgetMs ?? oshmBudgetMs(zones.length, networks, options.vms, options.loadBalancer.enabled),
  }
}

/** OSHM: a flavor whose disk is smaller than the image needs is diskless; it boots from a volume. */
function effectiveBoot(mode: BootMode, flavorDiskGb: number, neededGb: number): BootMode {
  return mode === 'image' && flavorDiskGb < neededGb ? 'bdm' : mode
}

/**
 * OSHM's per-iteration budget `MAXCYC` at its lower factors (FACT 24, NFACT 8):
 * 384 + (FACT + NFACT/2)·#AZ + NFACT·#networks + FACT·#VMs seconds, plus 120 s with a load balancer.
 *
 * @example
 * oshmBudgetMs(1, 1, 12, false) // 708_000
 */
export function oshmBudgetMs(zones: number, networks: number, vms: number, loadBalancer: boolean): number {
  return (384 + 28 * zones + 8 * networks + 24 * vms + (loadBalancer ? 120 : 0)) * 1_000
}

/** OSHM's resource names under the iteration's prefix. */
export const names = {
  router: (p: string) => `${p}Router`,
  jumpHostNetwork: (p: string) => `${p}NET_JH`,
  vmNetwork: (p: string, n: number) => `${p}NET_VM_${n}`,
  jumpHostSubnet: (p: string) => `${p}SUBNET_JH`,
  vmSubnet: (p: string, n: number) => `${p}SUBNET_VM_${n}`,
  jumpHostGroup: (p: string) => `${p}SG_JumpHost`,
  internalGroup: (p: string) => `${p}SG_Internal`,
  vip: (p: string) => `${p}VirtualIP`,
  jumpHostPort: (p: string, k: number) => `${p}Port_JH${k}`,
  vmPort: (p: string, i: number) => `${p}Port_VM${i}`,
  jumpHostVolume: (p: string, k: number) => `${p}RootVol_JH${k}`,
  vmVolume: (p: string, i: number) => `${p}RootVol_VM${i}`,
  jumpHostKeypair: (p: string) => `${p}Keypair_JH`,
  vmKeypair: (p: string) => `${p}Keypair_VM`,
  jumpHost: (p: string, k: number) => `${p}VM_JH${k}`,
  vm: (p: string, i: number) => `${p}VM_VM${i}`,
  /** One batch create per VM network (OSHM `-D`); Nova names its servers `<name>-1`, `<name>-2`, …. */
  vmBatch: (p: string, n: number) => `${p}VM_VM_NET${n}`,
  loadBalancer: (p: string) => `${p}LB_0`,
  pool: (p: string) => `${p}Pool_0`,
  listener: (p: string) => `${p}Listener_0`,
  healthMonitor: (p: string) => `${p}HealthMon_0`,
  member: (p: string, i: number) => `${p}Member_${i}`,
  /** Floating IPs have no name; OSHM puts this in their description. */
  jumpHostFip: (p: string, k: number) => `${p}JH${k}`,
  loadBalancerFip: (p: string) => `${p}LB`,
}
