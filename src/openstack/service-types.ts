/**
 * The OpenStack service-types authority's official types and their aliases, so a catalog that
 * advertises `volumev3`, `volumev2` and `block-storage` shows one service, `block-storage`.
 *
 * @module
 */

/**
 * Official service type → its aliases, most preferred first (as in the authority's
 * `service-types.json`). A catalog entry under an earlier name wins over a later one.
 */
export const SERVICE_TYPE_ALIASES: Readonly<Record<string, readonly string[]>> = {
  identity: [],
  compute: [],
  image: [],
  network: [],
  placement: [],
  'block-storage': ['volumev3', 'volumev2', 'volume', 'block-store'],
  'object-store': [],
  'load-balancer': ['octavia'],
  dns: [],
  'key-manager': [],
  orchestration: [],
  'shared-file-system': ['sharev2', 'share'],
  baremetal: ['bare-metal'],
  'baremetal-introspection': [],
  'container-infrastructure-management': ['container-infrastructure', 'container-infra'],
  clustering: ['cluster'],
  metric: [],
  alarming: [],
  event: [],
  rating: [],
  reservation: [],
  workflow: ['workflowv2'],
  message: ['messaging'],
  database: [],
  'data-processing': [],
  'application-catalog': [],
  'instance-ha': ['ha'],
  'root-cause-analysis': ['rca'],
  container: ['application-container'],
  'function-engine': [],
  accelerator: [],
  backup: [],
  'data-protection-orchestration': [],
  'nfv-orchestration': [],
  monitoring: [],
  'monitoring-logging': ['monitoring-log-api'],
  'monitoring-events': [],
  search: [],
}

const OFFICIAL_BY_NAME = new Map<string, string>()
for (const [official, aliases] of Object.entries(SERVICE_TYPE_ALIASES)) {
  OFFICIAL_BY_NAME.set(official, official)
  for (const alias of aliases) OFFICIAL_BY_NAME.set(alias, official)
}

/**
 * The official service type of a catalog type, alias or clouds.yaml key (`block_storage`,
 * `volumev3` → `block-storage`). Unknown types come back lower-cased with `_` as `-`.
 *
 * @example
 * officialServiceType('volumev3') // 'block-storage'
 * officialServiceType('load_balancer') // 'load-balancer'
 */
export function officialServiceType(name: string): string {
  const lower = name.trim().toLowerCase()
  return OFFICIAL_BY_NAME.get(lower) ?? OFFICIAL_BY_NAME.get(lower.replace(/_/g, '-')) ?? lower.replace(/_/g, '-')
}

/**
 * How strongly a catalog name stands for its official type: 0 for the official name, 1 for
 * the first alias, … — the lowest wins when several entries share an official type.
 *
 * @example
 * serviceTypePreference('volumev3') // 1
 * serviceTypePreference('volume') // 3
 */
export function serviceTypePreference(name: string): number {
  const lower = name.trim().toLowerCase()
  const official = officialServiceType(lower)
  if (lower === official) return 0
  const index = (SERVICE_TYPE_ALIASES[official] ?? []).indexOf(lower)
  return index < 0 ? 99 : index + 1
}
