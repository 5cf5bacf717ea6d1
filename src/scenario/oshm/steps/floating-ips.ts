/**
 * Floating IPs: one per jump-host port, and the load balancer's on its VIP port. They have no
 * name; their description carries the prefix (OSHM), so the janitor finds them.
 *
 * @module
 */
import type { FloatingIp } from '../../../openstack/index.js'
import { createFloatingIp, deleteFloatingIp, OpenStackError, updateFloatingIp } from '../../../openstack/index.js'
import type { StepContext, StepDefinition } from '../../engine/index.js'
import { step } from '../env.js'
import type { ScenarioEnv } from '../env.js'
import { tagResource } from './tags.js'

/** What a floating IP's port and network need besides the port itself. */
export const ROUTED: ReadonlyArray<readonly [string, string]> = [
  ['external-network', 'floatingip.floating_network_id'],
  ['router-gateway', 'floatingip.floating_network_id (reached by the router gateway)'],
  ['router-if-jh', 'floatingip.port_id (its subnet on the router)'],
]

/**
 * Allocates a floating IP for `portId` through the ledger (description = `description`), tagged
 * when the iteration tags (OSHM `-T`). Its undo first disassociates it (`PUT port_id: null`, its
 * own timed call) when the iteration asks for it (OSHM `-I`), then deletes it.
 *
 * @example
 * await floatingIp(env.rt, ctx, port.id, 'gh-mon1-k3x9-JH1')
 */
export async function floatingIp(rt: ScenarioEnv['rt'], ctx: StepContext, portId: string, description: string): Promise<FloatingIp> {
  const created = await rt.ledger.create(ctx, {
    kind: 'floating-ip',
    name: description,
    create: () => createFloatingIp(rt.session, { floating_network_id: ctx.need<string>('external-network'), port_id: portId, description }),
    idOf: (made) => made.id,
    remove: async (id) => {
      if (rt.disassociateFloatingIps) await disassociate(rt, id)
      await deleteFloatingIp(rt.session, id, { missingOk: true })
    },
  })
  await tagResource(rt, 'floatingips', created.value.id)
  return created.value
}

/** `PUT port_id: null`; a floating IP already gone is left to the delete (which accepts 404). */
async function disassociate(rt: ScenarioEnv['rt'], id: string): Promise<void> {
  try {
    await updateFloatingIp(rt.session, id, { port_id: null })
  } catch (error) {
    if (!(error instanceof OpenStackError && error.status === 404)) throw error
  }
}

/** The jump hosts' floating-IP steps. */
export function floatingIpSteps({ plan, rt }: ScenarioEnv): StepDefinition[] {
  return plan.jumpHosts.map(({ number }) =>
    step(`jh-fip-${number}`, 'network', [[`jh-port-${number}`, 'floatingip.port_id'], ...ROUTED], async (ctx) =>
      floatingIp(rt, ctx, ctx.need<{ id: string }>(`jh-port-${number}`).id, `${plan.prefix}JH${number}`),
    ),
  )
}
