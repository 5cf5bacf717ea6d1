/**
 * The kinds of resource cleanup knows, the ledger spellings it accepts for them, and the order
 * they are deleted in: what holds another goes first (a load balancer holds ports and floating
 * IPs, a server holds volumes and ports, an interface holds its router and subnet, …).
 *
 * @module
 */

/** Every kind a ledger row may name (canonical spelling). */
export const CLEANUP_KINDS = [
  'loadbalancer',
  'listener',
  'pool',
  'member',
  'healthmonitor',
  'floatingip',
  'server',
  'volume-attachment',
  'volume',
  'port',
  'router-interface',
  'router-gateway',
  'router',
  'subnet',
  'network',
  'security-group-rule',
  'security-group',
  'keypair',
] as const

/** One of {@link CLEANUP_KINDS}. */
export type CleanupKind = (typeof CLEANUP_KINDS)[number]

const ALIASES: Readonly<Record<string, CleanupKind>> = {
  'load-balancer': 'loadbalancer',
  lb: 'loadbalancer',
  'health-monitor': 'healthmonitor',
  'floating-ip': 'floatingip',
  fip: 'floatingip',
  vm: 'server',
  'volume-detach': 'volume-attachment',
  'router-route': 'router-gateway',
  'router-routes': 'router-gateway',
  'security-group-rules': 'security-group-rule',
  'sg-rule': 'security-group-rule',
  sg: 'security-group',
  'ssh-keypair': 'keypair',
}

/**
 * The canonical kind of a ledger row's kind (underscores and case ignored), or null when unknown.
 *
 * @example
 * canonicalKind('floating_ip') // 'floatingip'
 * canonicalKind('dns-zone') // null
 */
export function canonicalKind(kind: string): CleanupKind | null {
  const spelled = kind.trim().toLowerCase().replaceAll('_', '-')
  if ((CLEANUP_KINDS as readonly string[]).includes(spelled)) return spelled as CleanupKind
  return ALIASES[spelled] ?? null
}

/**
 * The deletion stages, in order; a stage starts when the one before it has finished (and its
 * asynchronous deletions are confirmed gone).
 */
export const STAGES: readonly (readonly CleanupKind[])[] = [
  ['loadbalancer'],
  ['listener', 'pool', 'member', 'healthmonitor'],
  ['floatingip'],
  ['server'],
  ['volume-attachment', 'volume'],
  ['port'],
  ['router-interface', 'router-gateway'],
  ['router'],
  ['subnet'],
  ['network'],
  ['security-group-rule'],
  ['security-group'],
  ['keypair'],
]

/**
 * Kinds that go with a parent (a load balancer's children with its cascade delete, a gateway and
 * routes with the router, a rule with its group): a row of such a kind that cleanup cannot
 * delete by itself is settled by whether every parent of the owner was deleted (an attachment
 * goes with its server).
 */
export const PARENT: Readonly<Partial<Record<CleanupKind, CleanupKind>>> = {
  listener: 'loadbalancer',
  pool: 'loadbalancer',
  member: 'loadbalancer',
  healthmonitor: 'loadbalancer',
  'volume-attachment': 'server',
  'router-interface': 'router',
  'router-gateway': 'router',
  'security-group-rule': 'security-group',
}
