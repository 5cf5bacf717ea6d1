/**
 * Servers: one jump host per AZ and the VMs striped over AZs and networks, booted from the
 * image, a pre-created volume or a block-device mapping; each boot is a create step (holding
 * a `server-boot` slot) and a wait until ACTIVE; then the metadata update on every VM.
 *
 * @module
 */
import type { BlockDeviceMapping, Flavor, Image, Port, ServerCreate } from '../../../openstack/index.js'
import { createServer, deleteServer, getServer, updateServerMetadata } from '../../../openstack/index.js'
import { SERVER_BOOT } from '../../engine/index.js'
import type { StepContext, StepDefinition } from '../../engine/index.js'
import { step } from '../env.js'
import type { ScenarioEnv } from '../env.js'
import type { BootMode } from '../options.js'
import { names } from '../plan.js'
import type { VmSlot } from '../plan.js'
import { userDataMarker } from '../reachability-hook.js'
import { batchServerSteps } from './batch-servers.js'
import { netIds } from './network.js'
import { imageStep } from './volumes.js'
import type { Requested } from './volumes.js'

/** A booted server: its id and fixed IPv4 address (null for a jump host, reached by its floating IP). */
export interface BootedServer {
  id: string
  address: string | null
}

/**
 * The cloud-config of VM `number`: the user-data marker, and the HTTP backend for the LB test.
 *
 * @example
 * vmUserData('gh-mon1-k3x9-', 3, false) // '#cloud-config\nwrite_files:\n  - path: /tmp/testfile\n …'
 */
export function vmUserData(prefix: string, number: number, httpBackend: boolean): string {
  const lines = ['#cloud-config', 'write_files:', '  - path: /tmp/testfile', `    content: "${userDataMarker(prefix, number)}\\n"`]
  if (httpBackend) lines.push('runcmd:', '  - [sh, -c, "mkdir -p /srv/www && hostname > /srv/www/hostname && cd /srv/www && nohup python3 -m http.server 80 >/dev/null 2>&1 &"]')
  return `${lines.join('\n')}\n`
}

/** The jump hosts' cloud-config: iptables for the port forwarding, no package upgrades. */
export const JUMP_HOST_USER_DATA = '#cloud-config\npackage_update: true\npackage_upgrade: false\npackages:\n  - iptables\n'

interface Boot {
  id: string
  name: string
  zone: string
  mode: BootMode
  volumeGb: number
  image: string
  flavor: string
  keypair: string
  userData: string
  network: { port: string } | { network: string; subnet: string; group: string }
  volume: string
}

/** The server steps. */
export function serverSteps(env: ScenarioEnv): StepDefinition[] {
  const { options, plan } = env
  const p = plan.prefix
  const steps: StepDefinition[] = []
  for (const jh of plan.jumpHosts) {
    steps.push(
      ...boot(env, {
        id: `jh-${jh.number}`,
        name: names.jumpHost(p, jh.number),
        zone: jh.zone,
        mode: plan.jumpHostBoot,
        volumeGb: plan.jumpHostVolumeGb,
        image: imageStep(env, 'jh'),
        flavor: 'jh-flavor',
        keypair: 'keypair-jh',
        userData: JUMP_HOST_USER_DATA,
        network: { port: `jh-port-${jh.number}` },
        volume: `jh-volume-${jh.number}-ready`,
      }),
    )
  }
  if (options.batchCreate) steps.push(...batchServerSteps(env))
  for (const vm of plan.vms) {
    steps.push(
      ...(options.batchCreate ? [activeStep(env, `vm-${vm.number}`)] : boot(env, vmBoot(env, vm))),
      step(`vm-${vm.number}-metadata`, 'compute', [[`vm-${vm.number}-active`, 'server.id (metadata of an ACTIVE server)']], async (ctx) =>
        updateServerMetadata(env.rt.session, ctx.need<BootedServer>(`vm-${vm.number}-active`).id, { deployment: 'cftest', serverno: String(vm.number) }),
      ),
    )
  }
  return steps
}

/** VM `vm` booted on its own (one create call per VM). */
function vmBoot({ options, plan }: ScenarioEnv, vm: VmSlot): Boot {
  const ids = netIds(vm.network + 1)
  return {
    id: `vm-${vm.number}`,
    name: names.vm(plan.prefix, vm.number),
    zone: vm.zone,
    mode: plan.vmBoot,
    volumeGb: plan.vmVolumeGb,
    image: imageStep({ options }, 'vm'),
    flavor: 'flavor',
    keypair: 'keypair-vm',
    userData: vmUserData(plan.prefix, vm.number, options.loadBalancer.enabled),
    network: options.precreatePorts ? { port: `vm-port-${vm.number}` } : { network: ids.network, subnet: ids.subnet, group: 'sg-internal' },
    volume: `vm-volume-${vm.number}-ready`,
  }
}

function boot({ options, rt }: ScenarioEnv, spec: Boot): StepDefinition[] {
  const needs: Array<readonly [string, string]> = [
    [spec.flavor, 'server.flavorRef'],
    [spec.keypair, 'server.key_name'],
  ]
  if (spec.mode === 'image') needs.push([spec.image, 'server.imageRef'])
  if (spec.mode === 'bdm') needs.push([spec.image, 'server.block_device_mapping_v2.uuid (source image)'])
  if (spec.mode === 'volume') needs.push([spec.volume, 'server.block_device_mapping_v2.uuid (an available volume)'])
  if ('port' in spec.network) needs.push([spec.network.port, 'server.networks.port'])
  else needs.push([spec.network.network, 'server.networks.uuid'], [spec.network.subnet, 'server.networks.uuid (a network with a subnet)'], [spec.network.group, 'server.security_groups'])

  const body = (ctx: StepContext): ServerCreate => {
    const mapping = blockDevice(ctx, spec, options.volumeType)
    const nic = spec.network
    return {
      name: spec.name,
      flavorRef: ctx.need<Flavor>(spec.flavor).id,
      ...(spec.mode === 'image' ? { imageRef: ctx.need<Image>(spec.image).id } : {}),
      ...(mapping ? { block_device_mapping_v2: [mapping] } : {}),
      key_name: ctx.need<string>(spec.keypair),
      user_data: spec.userData,
      availability_zone: spec.zone,
      networks: 'port' in nic ? [{ port: ctx.need<Port>(nic.port).id }] : [{ uuid: ctx.need<string>(nic.network) }],
      ...('port' in nic ? {} : { security_groups: [ctx.need<string>(nic.group)] }),
    }
  }
  return [
    step(spec.id, 'compute', needs, async (ctx) => {
      const requestedAt = rt.clock.now()
      const created = await rt.ledger.create(ctx, {
        kind: 'server',
        name: spec.name,
        create: () => createServer(rt.session, body(ctx)),
        idOf: (made) => made.id,
        remove: async (serverId) => {
          const deleting = rt.clock.now()
          if (await deleteServer(rt.session, serverId, { missingOk: true })) await rt.waits.serverGone(serverId, deleting)
        },
      })
      const address = 'port' in spec.network ? (ctx.need<Port>(spec.network.port).fixed_ips[0]?.ip_address ?? null) : null
      return { id: created.id, requestedAt, address }
    }, ['compute', SERVER_BOOT]),
    activeStep({ rt }, spec.id),
  ]
}

/** `<id>-active`: the wait until the server of step `<id>` is ACTIVE, then its fixed address. */
function activeStep({ rt }: Pick<ScenarioEnv, 'rt'>, id: string): StepDefinition {
  return step(`${id}-active`, 'compute', [[id, 'server.id (polled until ACTIVE)']], async (ctx) => {
    const { id: serverId, requestedAt, address } = ctx.need<Requested & { address: string | null }>(id)
    await rt.waits.serverActive(serverId, requestedAt)
    if (address !== null || id.startsWith('jh-')) return { id: serverId, address } satisfies BootedServer
    return { id: serverId, address: firstFixedAddress(await getServer(rt.session, serverId)) } satisfies BootedServer
  }, [])
}

function blockDevice(ctx: StepContext, spec: Boot, volumeType: string | undefined): BlockDeviceMapping | null {
  if (spec.mode === 'bdm') {
    return { boot_index: 0, uuid: ctx.need<Image>(spec.image).id, source_type: 'image', destination_type: 'volume', volume_size: spec.volumeGb, delete_on_termination: true, ...(volumeType ? { volume_type: volumeType } : {}) }
  }
  if (spec.mode === 'volume') return { boot_index: 0, uuid: ctx.need<string>(spec.volume), source_type: 'volume', destination_type: 'volume', delete_on_termination: false }
  return null
}

function firstFixedAddress(server: { addresses: Record<string, Array<{ addr: string; version: number; 'OS-EXT-IPS:type'?: string | undefined }>> }): string | null {
  for (const list of Object.values(server.addresses)) {
    const fixed = list.find((address) => address.version === 4 && address['OS-EXT-IPS:type'] !== 'floating')
    if (fixed) return fixed.addr
  }
  return null
}
