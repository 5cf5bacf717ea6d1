/**
 * Neutron security groups and their rules.
 *
 * @module
 */
import { z } from 'zod'
import type { OpenStackSession } from '../client/index.js'
import { many, one, remove, versioned } from './shared.js'
import type { DeleteOptions, Filters, ListOptions } from './shared.js'

/** A security group rule. */
export const SecurityGroupRuleSchema = z.looseObject({
  id: z.string(),
  security_group_id: z.string(),
  direction: z.enum(['ingress', 'egress']),
  ethertype: z.string(),
  protocol: z.string().nullable(),
  port_range_min: z.number().nullable(),
  port_range_max: z.number().nullable(),
  remote_ip_prefix: z.string().nullable(),
  remote_group_id: z.string().nullable(),
})
/** A Neutron security group rule. */
export type SecurityGroupRule = z.infer<typeof SecurityGroupRuleSchema>

/** A security group with its rules (Neutron adds two egress rules to a new group). */
export const SecurityGroupSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string().nullish(),
  security_group_rules: z.array(SecurityGroupRuleSchema).default([]),
  tags: z.array(z.string()).optional(),
})
/** A Neutron security group. */
export type SecurityGroup = z.infer<typeof SecurityGroupSchema>

/** Fields of `POST /v2.0/security-group-rules`. */
export interface SecurityGroupRuleCreate {
  security_group_id: string
  direction: 'ingress' | 'egress'
  ethertype?: 'IPv4' | 'IPv6'
  /** `tcp`, `udp`, `icmp`, `ipv6-icmp`, a number, or null for any. */
  protocol?: string | null
  port_range_min?: number | null
  port_range_max?: number | null
  remote_ip_prefix?: string
  remote_group_id?: string
  description?: string
}

const neutron = (session: OpenStackSession, path: string) => versioned(session, 'network', 'v2.0', path)

/**
 * Creates a security group (`POST /v2.0/security-groups`).
 *
 * @example
 * await createSecurityGroup(session, { name: 'glasshouse-1a2b-sg', description: 'monitor' })
 */
export async function createSecurityGroup(session: OpenStackSession, body: { name: string; description?: string }): Promise<SecurityGroup> {
  return one(session, 'POST', 'network', 'network.security_groups.create', await neutron(session, '/security-groups'), { body: { security_group: body } }, 'security_group', SecurityGroupSchema)
}

/**
 * Security groups (`GET /v2.0/security-groups`).
 *
 * @example
 * await listSecurityGroups(session, { name: 'default' })
 */
export async function listSecurityGroups(session: OpenStackSession, filters: Filters = {}, options: ListOptions = {}): Promise<SecurityGroup[]> {
  return many(session, 'network', 'network.security_groups.list', await neutron(session, '/security-groups'), filters, SecurityGroupSchema, 'security_groups', options)
}

/**
 * One security group with its rules (`GET /v2.0/security-groups/{security_group_id}`).
 *
 * @example
 * (await getSecurityGroup(session, id)).security_group_rules.length
 */
export async function getSecurityGroup(session: OpenStackSession, groupId: string): Promise<SecurityGroup> {
  const params = { path: { security_group_id: groupId } }
  return one(session, 'GET', 'network', 'network.security_groups.get', await neutron(session, '/security-groups/{security_group_id}'), params, 'security_group', SecurityGroupSchema)
}

/**
 * Deletes a security group (`DELETE /v2.0/security-groups/{security_group_id}`; 409 while in use).
 *
 * @example
 * await deleteSecurityGroup(session, id, { missingOk: true })
 */
export async function deleteSecurityGroup(session: OpenStackSession, groupId: string, options: DeleteOptions = {}): Promise<boolean> {
  const params = { path: { security_group_id: groupId } }
  return remove(session, 'network', 'network.security_groups.delete', await neutron(session, '/security-groups/{security_group_id}'), params, options)
}

/**
 * Adds a rule (`POST /v2.0/security-group-rules`).
 *
 * @example
 * await createSecurityGroupRule(session, { security_group_id: id, direction: 'ingress', ethertype: 'IPv4', protocol: 'tcp', port_range_min: 22, port_range_max: 22, remote_ip_prefix: '0.0.0.0/0' })
 */
export async function createSecurityGroupRule(session: OpenStackSession, body: SecurityGroupRuleCreate): Promise<SecurityGroupRule> {
  const params = { body: { security_group_rule: body } }
  return one(session, 'POST', 'network', 'network.security_group_rules.create', await neutron(session, '/security-group-rules'), params, 'security_group_rule', SecurityGroupRuleSchema)
}

/**
 * Rules (`GET /v2.0/security-group-rules`); filter e.g. `{ security_group_id }`.
 *
 * @example
 * await listSecurityGroupRules(session, { security_group_id: id, direction: 'ingress' })
 */
export async function listSecurityGroupRules(session: OpenStackSession, filters: Filters = {}, options: ListOptions = {}): Promise<SecurityGroupRule[]> {
  return many(session, 'network', 'network.security_group_rules.list', await neutron(session, '/security-group-rules'), filters, SecurityGroupRuleSchema, 'security_group_rules', options)
}

/**
 * Deletes a rule (`DELETE /v2.0/security-group-rules/{rule_id}`).
 *
 * @example
 * await deleteSecurityGroupRule(session, ruleId)
 */
export async function deleteSecurityGroupRule(session: OpenStackSession, ruleId: string, options: DeleteOptions = {}): Promise<boolean> {
  return remove(session, 'network', 'network.security_group_rules.delete', await neutron(session, '/security-group-rules/{rule_id}'), { path: { rule_id: ruleId } }, options)
}
