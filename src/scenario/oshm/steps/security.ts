/**
 * The two security groups and OSHM's rule set. `SG_JumpHost` is never used as a remote group:
 * the jump hosts' allowed-address pairs would make such rules useless.
 *
 * @module
 */
import type { SecurityGroupRuleCreate } from '../../../openstack/index.js'
import { createSecurityGroup, createSecurityGroupRule, deleteSecurityGroup } from '../../../openstack/index.js'
import type { StepContext, StepDefinition } from '../../engine/index.js'
import { step } from '../env.js'
import type { ScenarioEnv } from '../env.js'
import { JUMP_HOST_CIDR, names } from '../plan.js'
import { tagResource } from './tags.js'

type Rule = Omit<SecurityGroupRuleCreate, 'security_group_id' | 'direction'>

const ANYWHERE = '0.0.0.0/0'
const ICMP_ECHO = { protocol: 'icmp', port_range_min: 8, port_range_max: 0 }

/**
 * `SG_JumpHost`'s ingress rules: the jump-host subnet, `SG_Internal`'s members, SSH, the
 * forwarded ports 222…, ICMP echo.
 *
 * @example
 * jumpHostRules('sg-internal-id', 12, 2).length // 5
 */
export function jumpHostRules(internalGroupId: string, vms: number, zones: number): Rule[] {
  return [
    { ethertype: 'IPv4', remote_ip_prefix: JUMP_HOST_CIDR },
    { ethertype: 'IPv4', remote_group_id: internalGroupId },
    { ethertype: 'IPv4', protocol: 'tcp', port_range_min: 22, port_range_max: 22, remote_ip_prefix: ANYWHERE },
    { ethertype: 'IPv4', protocol: 'tcp', port_range_min: 222, port_range_max: 222 + Math.floor((vms - 1) / zones), remote_ip_prefix: ANYWHERE },
    { ethertype: 'IPv4', ...ICMP_ECHO, remote_ip_prefix: ANYWHERE },
  ]
}

/**
 * `SG_Internal`'s ingress rules: its own members (IPv4 and IPv6), SSH and ICMP from the
 * jump-host subnet, and HTTP for the load balancer (from anywhere with OVN, which keeps the client address).
 *
 * @example
 * internalRules('sg-internal-id', { enabled: true, provider: 'ovn' }).at(-1)?.remote_ip_prefix // '0.0.0.0/0'
 */
export function internalRules(ownId: string, loadBalancer: { enabled: boolean; provider?: string | undefined }): Rule[] {
  const rules: Rule[] = [
    { ethertype: 'IPv4', remote_group_id: ownId },
    { ethertype: 'IPv6', remote_group_id: ownId },
    { ethertype: 'IPv4', protocol: 'tcp', port_range_min: 22, port_range_max: 22, remote_ip_prefix: JUMP_HOST_CIDR },
    { ethertype: 'IPv4', ...ICMP_ECHO, remote_ip_prefix: JUMP_HOST_CIDR },
  ]
  if (loadBalancer.enabled) rules.push({ ethertype: 'IPv4', protocol: 'tcp', port_range_min: 80, port_range_max: 80, remote_ip_prefix: loadBalancer.provider === 'ovn' ? ANYWHERE : JUMP_HOST_CIDR })
  return rules
}

/** The security-group steps. */
export function securitySteps({ options, plan, rt }: ScenarioEnv): StepDefinition[] {
  const group = (id: string, name: string): StepDefinition =>
    step(id, 'network', [], async (ctx) => {
      const created = await rt.ledger.create(ctx, {
        kind: 'security-group',
        name,
        create: () => createSecurityGroup(rt.session, { name, description: 'glasshouse scenario' }),
        idOf: (sg) => sg.id,
        remove: async (groupId) => {
          await deleteSecurityGroup(rt.session, groupId, { missingOk: true })
          for (const entry of rt.ruleEntries.get(id) ?? []) await rt.ledger.deleted(entry)
        },
      })
      await tagResource(rt, 'security-groups', created.id)
      return created.id
    })
  const addRules = async (ctx: StepContext, groupStep: string, groupName: string, groupId: string, rules: Rule[]): Promise<number> => {
    const entries: string[] = []
    rt.ruleEntries.set(groupStep, entries)
    for (const [index, rule] of rules.entries()) {
      const body: SecurityGroupRuleCreate = { ...rule, security_group_id: groupId, direction: 'ingress' }
      const created = await rt.ledger.create(ctx, { kind: 'security-group-rule', name: `${groupName}#${index + 1}`, detail: { groupId }, create: () => createSecurityGroupRule(rt.session, body), idOf: (made) => made.id })
      entries.push(created.entryId)
    }
    return rules.length
  }
  return [
    group('sg-jh', names.jumpHostGroup(plan.prefix)),
    group('sg-internal', names.internalGroup(plan.prefix)),
    step('sg-jh-rules', 'network', [['sg-jh', 'security_group_rule.security_group_id'], ['sg-internal', 'security_group_rule.remote_group_id']], (ctx) =>
      addRules(ctx, 'sg-jh', names.jumpHostGroup(plan.prefix), ctx.need<string>('sg-jh'), jumpHostRules(ctx.need<string>('sg-internal'), plan.vms.length, plan.jumpHosts.length)),
    ),
    step('sg-internal-rules', 'network', [['sg-internal', 'security_group_rule.security_group_id, remote_group_id']], (ctx) =>
      addRules(ctx, 'sg-internal', names.internalGroup(plan.prefix), ctx.need<string>('sg-internal'), internalRules(ctx.need<string>('sg-internal'), options.loadBalancer)),
    ),
  ]
}
