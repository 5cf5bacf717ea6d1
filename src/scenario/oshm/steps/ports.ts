/**
 * Ports: the VIP, one port per jump host (then allowed-address pairs 0.0.0.0/1 and
 * 128.0.0.0/1, so a jump host can forward and answer for the VIP), and the pre-created VM ports.
 *
 * @module
 */
import type { Port, PortCreate, Subnet } from '../../../openstack/index.js'
import { createPort, deletePort, updatePort } from '../../../openstack/index.js'
import type { StepContext, StepDefinition } from '../../engine/index.js'
import { step } from '../env.js'
import type { ScenarioEnv } from '../env.js'
import { names } from '../plan.js'
import { netIds } from './network.js'
import { tagResource } from './tags.js'

/** The pairs OSHM gives every jump-host port. */
export const FORWARDING_PAIRS = [{ ip_address: '0.0.0.0/1' }, { ip_address: '128.0.0.0/1' }]

/** The port steps. */
export function portSteps({ options, plan, rt }: ScenarioEnv): StepDefinition[] {
  const p = plan.prefix
  const port = (id: string, name: string, networkStep: string, subnetStep: string, groupStep: string): StepDefinition => {
    const needs = [
      [networkStep, 'port.network_id'],
      [subnetStep, 'port.fixed_ips.subnet_id'],
      [groupStep, 'port.security_groups'],
    ] as const
    return step(id, 'network', needs, async (ctx: StepContext) => {
      const body: PortCreate = { name, network_id: ctx.need<string>(networkStep), fixed_ips: [{ subnet_id: ctx.need<Subnet>(subnetStep).id }], security_groups: [ctx.need<string>(groupStep)] }
      const created = await rt.ledger.create(ctx, {
        kind: 'port',
        name,
        create: () => createPort(rt.session, body),
        idOf: (made) => made.id,
        remove: async (portId) => void (await deletePort(rt.session, portId, { missingOk: true })),
      })
      await tagResource(rt, 'ports', created.id)
      return created.value
    })
  }
  const steps: StepDefinition[] = [port('vip-port', names.vip(p), 'net-jh', 'subnet-jh', 'sg-jh')]
  for (const { number } of plan.jumpHosts) {
    steps.push(
      port(`jh-port-${number}`, names.jumpHostPort(p, number), 'net-jh', 'subnet-jh', 'sg-jh'),
      step(`jh-port-${number}-pairs`, 'network', [[`jh-port-${number}`, 'port.id (PUT allowed_address_pairs)']], async (ctx) =>
        updatePort(rt.session, ctx.need<Port>(`jh-port-${number}`).id, { allowed_address_pairs: FORWARDING_PAIRS }),
      ),
    )
  }
  if (options.precreatePorts) {
    for (const vm of plan.vms) {
      const ids = netIds(vm.network + 1)
      steps.push(port(`vm-port-${vm.number}`, names.vmPort(p, vm.number), ids.network, ids.subnet, 'sg-internal'))
    }
  }
  return steps
}
