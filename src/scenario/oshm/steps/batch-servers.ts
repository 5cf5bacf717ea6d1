/**
 * Batch creation (OSHM `-D`): one `POST /servers` per VM network with `min_count` = `max_count`
 * = that network's VMs. Nova names them `<name>-1`, `<name>-2`, … (a batch of one: `<name>`); one list call by name finds
 * them, and each gets its own ledger row and undo (delete, wait until gone). The batch call's
 * own row (intent before the call, so a crash during it leaves a record) is marked done once its
 * servers are in the ledger. Step `vm-<i>` then hands VM i its server, so the waits, metadata,
 * reachability and load-balancer steps are the same as for one call per VM.
 *
 * @module
 */
import type { Flavor, Image, Server, ServerCreate } from '../../../openstack/index.js'
import { createServer, deleteServer, listServers } from '../../../openstack/index.js'
import { SERVER_BOOT } from '../../engine/index.js'
import type { StepContext, StepDefinition } from '../../engine/index.js'
import { ScenarioStepError, step } from '../env.js'
import type { ScenarioEnv } from '../env.js'
import { names } from '../plan.js'
import type { VmSlot } from '../plan.js'
import { userDataMarker } from '../reachability-hook.js'
import { netIds } from './network.js'
import { imageStep } from './volumes.js'
import type { Requested } from './volumes.js'

/** What a batch step returns: the servers by Nova's number (1-based) and when they were requested. */
interface Batch {
  servers: Map<number, string>
  requestedAt: number
}

/**
 * The cloud-config of a batch: every VM of it shares one user data, so the marker file holds
 * the marker of each (the reachability check looks for its VM's line), and the HTTP backend.
 *
 * @example
 * batchUserData('gh-mon1-k3x9-', [1, 3], false) // '#cloud-config\nwrite_files:\n  - path: /tmp/testfile\n    content: "glasshouse.gh-mon1-k3x9-1\nglasshouse.gh-mon1-k3x9-3\n"\n'
 */
export function batchUserData(prefix: string, numbers: readonly number[], httpBackend: boolean): string {
  const markers = numbers.map((number) => `${userDataMarker(prefix, number)}\\n`).join('')
  const lines = ['#cloud-config', 'write_files:', '  - path: /tmp/testfile', `    content: "${markers}"`]
  if (httpBackend) lines.push('runcmd:', '  - [sh, -c, "mkdir -p /srv/www && hostname > /srv/www/hostname && cd /srv/www && nohup python3 -m http.server 80 >/dev/null 2>&1 &"]')
  return `${lines.join('\n')}\n`
}

/**
 * The batch steps (`vm-batch-<n>`, one per VM network that has VMs) and the step of each VM
 * (`vm-<i>`) taking its server from its batch.
 */
export function batchServerSteps(env: ScenarioEnv): StepDefinition[] {
  const steps: StepDefinition[] = []
  for (let n = 1; n <= env.plan.networks; n++) {
    const members = env.plan.vms.filter((vm) => vm.network === n - 1)
    if (members.length === 0) continue
    steps.push(batchStep(env, n, members))
    members.forEach((vm, index) =>
      steps.push(
        step(`vm-${vm.number}`, 'compute', [[`vm-batch-${n}`, `server.name (Nova's multi-instance name <name>-${index + 1})`]], async (ctx) => {
          const batch = ctx.need<Batch>(`vm-batch-${n}`)
          return { id: batch.servers.get(index + 1)!, requestedAt: batch.requestedAt, address: null } satisfies Requested & { address: null }
        }, []),
      ),
    )
  }
  return steps
}

function batchStep(env: ScenarioEnv, n: number, members: readonly VmSlot[]): StepDefinition {
  const { options, plan, rt } = env
  const ids = netIds(n)
  const image = imageStep(env, 'vm')
  const name = names.vmBatch(plan.prefix, n)
  const needs = [
    ['flavor', 'server.flavorRef'],
    ['keypair-vm', 'server.key_name'],
    [image, plan.vmBoot === 'bdm' ? 'server.block_device_mapping_v2.uuid (source image)' : 'server.imageRef'],
    [ids.network, 'server.networks.uuid'],
    [ids.subnet, 'server.networks.uuid (a network with a subnet)'],
    ['sg-internal', 'server.security_groups'],
  ] as const
  const body = (ctx: StepContext): ServerCreate => {
    const imageId = ctx.need<Image>(image).id
    return {
      name,
      flavorRef: ctx.need<Flavor>('flavor').id,
      ...(plan.vmBoot === 'bdm'
        ? { block_device_mapping_v2: [{ boot_index: 0, uuid: imageId, source_type: 'image', destination_type: 'volume', volume_size: plan.vmVolumeGb, delete_on_termination: true, ...(options.volumeType ? { volume_type: options.volumeType } : {}) }] }
        : { imageRef: imageId }),
      key_name: ctx.need<string>('keypair-vm'),
      user_data: batchUserData(plan.prefix, members.map((vm) => vm.number), options.loadBalancer.enabled),
      availability_zone: members[0]!.zone,
      networks: [{ uuid: ctx.need<string>(ids.network) }],
      security_groups: [ctx.need<string>('sg-internal')],
      min_count: members.length,
      max_count: members.length,
    }
  }
  return step(`vm-batch-${n}`, 'compute', needs, async (ctx): Promise<Batch> => {
    const requestedAt = rt.clock.now()
    const call = await rt.ledger.create(ctx, { kind: 'server', name, create: () => createServer(rt.session, body(ctx)), idOf: (first) => first.id })
    const found = await batchMembers(env, ctx, name, call.entryId)
    const servers = new Map<number, string>()
    for (const [number, server] of found) {
      const created = await rt.ledger.create(ctx, {
        kind: 'server',
        name: server.name,
        create: async () => server,
        idOf: (made) => made.id,
        remove: async (serverId) => {
          const deleting = rt.clock.now()
          if (await deleteServer(rt.session, serverId, { missingOk: true })) await rt.waits.serverGone(serverId, deleting)
        },
      })
      servers.set(number, created.id)
    }
    await rt.ledger.deleted(call.entryId)
    const missing = members.map((_vm, index) => index + 1).filter((number) => !servers.has(number))
    if (missing.length > 0) throw new ScenarioStepError(`the batch ${name} made ${servers.size} of ${members.length} servers (missing ${missing.map((number) => `${name}-${number}`).join(', ')})`, 'resource_error')
    return { servers, requestedAt }
  }, ['compute', SERVER_BOOT])
}

/**
 * The batch's servers by one list call; when that call fails, the undo deletes whatever servers
 * of the batch exist (listing again) and closes the batch call's ledger row.
 */
async function batchMembers({ rt }: ScenarioEnv, ctx: StepContext, name: string, entryId: string): Promise<Map<number, Server>> {
  try {
    return numbered(await listServers(rt.session, { name: `^${name}` }), name)
  } catch (error) {
    ctx.undo({
      name: `server ${name}-*`,
      run: async () => {
        for (const server of numbered(await listServers(rt.session, { name: `^${name}` }), name).values()) {
          const deleting = rt.clock.now()
          if (await deleteServer(rt.session, server.id, { missingOk: true })) await rt.waits.serverGone(server.id, deleting)
        }
        await rt.ledger.deleted(entryId)
      },
    })
    throw error
  }
}

/**
 * The servers named `<name>-<k>`, by k; a batch of one keeps its name as is (Nova applies its
 * multi-instance name template only to more than one), so `<name>` is number 1.
 */
function numbered(servers: readonly Server[], name: string): Map<number, Server> {
  const found = new Map<number, Server>()
  for (const server of servers) {
    if (server.name === name) found.set(1, server)
    const match = server.name.startsWith(`${name}-`) ? /^\d+$/.exec(server.name.slice(name.length + 1)) : null
    if (match) found.set(Number(match[0]), server)
  }
  return found
}
