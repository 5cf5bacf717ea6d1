/**
 * The flags of `glasshouse probe run scenario`: each the kebab-case form of a scenario check's
 * key, turned into the check's fields and validated by the same schema as the config file.
 *
 * @module
 */
import type { Command } from 'commander'
import { scenarioCheckProblem, ScenarioRunFieldsSchema } from '../../probes/scenario/index.js'
import type { ScenarioRunFields } from '../../probes/scenario/index.js'
import { UsageError } from '../errors.js'

type FlagType = 'string' | 'int' | 'number' | 'list' | 'pairs' | 'bool' | 'negated'

/** One flag: commander's spelling, the check key it sets (`a.b` for nested), how its text is read. */
interface FlagSpec {
  flag: string
  key: string
  type: FlagType
  help: string
}

/** Every scenario flag, in `--help` order. */
export const SCENARIO_FLAGS: readonly FlagSpec[] = [
  { flag: '--cloud <name>', key: 'cloud', type: 'string', help: 'a cloud of clouds.yaml (default $OS_CLOUD); with --simulated, the name results are filed under' },
  { flag: '--region <name>', key: 'region', type: 'string', help: "the region (default the cloud's)" },
  { flag: '--simulated', key: 'simulated', type: 'bool', help: 'run against the built-in simulated cloud (no clouds.yaml needed)' },
  { flag: '--profile <name>', key: 'profile', type: 'string', help: 'simulated cloud: latency profile (real)' },
  { flag: '--time-scale <factor>', key: 'timeScale', type: 'number', help: 'simulated cloud: multiplies every simulated time (0.05: twenty times faster)' },
  { flag: '--owner <id>', key: 'owner', type: 'string', help: 'the monitor instance whose resources these are (default $GLASSHOUSE_OWNER, else from the host name)' },
  { flag: '--interval <duration>', key: 'interval', type: 'string', help: 'pacing: minimum time from one iteration start to the next (default 15m)' },
  { flag: '--timeout <duration>', key: 'timeout', type: 'string', help: 'per-iteration budget: over it an iteration is slow (default 20m)' },
  { flag: '--shutdown-grace <duration>', key: 'shutdownGrace', type: 'string', help: 'after a stop request, time for the teardown before it is given up (default 60s)' },
  { flag: '--iterations <n>', key: 'iterations', type: 'int', help: 'stop after n iterations (OSHM -i; default: until stopped)' },
  { flag: '--exit-on-error', key: 'exitOnError', type: 'bool', help: 'stop after the first failed iteration, after its teardown; exit 1 (OSHM -E)' },
  { flag: '--router-reuse <n>', key: 'routerReuse', type: 'int', help: 'keep the router and its gateway for n iterations (OSHM -r; default 1)' },
  { flag: '--wait-before-teardown <duration>', key: 'waitBeforeTeardown', type: 'string', help: "pause before a good iteration's teardown, not counted in the budget (OSHM -V; default 0s)" },
  { flag: '--poll-interval <duration>', key: 'pollInterval', type: 'string', help: 'poll interval of every wait (default 1s)' },
  { flag: '--vms <n>', key: 'vms', type: 'int', help: 'VMs (OSHM -n, default 12)' },
  { flag: '--networks <n>', key: 'networks', type: 'int', help: 'VM networks (OSHM -N, default one per compute AZ)' },
  { flag: '--availability-zones <list>', key: 'availabilityZones', type: 'list', help: 'compute AZs, comma-separated (default discovered)' },
  { flag: '--volume-availability-zones <list>', key: 'volumeAvailabilityZones', type: 'list', help: 'volume AZs (default discovered)' },
  { flag: '--network-availability-zones <list>', key: 'networkAvailabilityZones', type: 'list', help: 'network AZs (default discovered)' },
  { flag: '--image <name>', key: 'image', type: 'string', help: 'image name (default "Ubuntu 24.04")' },
  { flag: '--image-filter <key=value>', key: 'imageFilter', type: 'pairs', help: 'image property filter (repeatable)' },
  { flag: '--jump-host-image <name>', key: 'jumpHostImage', type: 'string', help: 'jump-host image (default --image)' },
  { flag: '--flavor <name>', key: 'flavor', type: 'string', help: 'VM flavor (default SCS-1L-1)' },
  { flag: '--jump-host-flavor <name>', key: 'jumpHostFlavor', type: 'string', help: 'jump-host flavor (default SCS-1V-2)' },
  { flag: '--boot-mode <mode>', key: 'bootMode', type: 'string', help: 'image, volume or bdm (default volume)' },
  { flag: '--volume-size <gb>', key: 'volumeSize', type: 'int', help: "root volume size (default the image's min_disk)" },
  { flag: '--volume-type <name>', key: 'volumeType', type: 'string', help: 'volume type (default the cloud default)' },
  { flag: '--batch-create', key: 'batchCreate', type: 'bool', help: 'one POST /servers per VM network with min_count/max_count; implies image boot, no pre-created ports (OSHM -D)' },
  { flag: '--no-precreate-ports', key: 'precreatePorts', type: 'negated', help: 'let Nova make the VM ports (OSHM -P)' },
  { flag: '--external-network <name>', key: 'externalNetwork', type: 'string', help: 'external network (default the first one)' },
  { flag: '--dns-servers <list>', key: 'dnsServers', type: 'list', help: 'DNS servers of every subnet, comma-separated' },
  { flag: '--ssh-user <name>', key: 'sshUser', type: 'string', help: "SSH login (default the image's image_original_user)" },
  { flag: '--load-balancer', key: 'loadBalancer.enabled', type: 'bool', help: 'test Octavia (OSHM -L)' },
  { flag: '--load-balancer-provider <name>', key: 'loadBalancer.provider', type: 'string', help: 'Octavia provider (amphora, ovn)' },
  { flag: '--load-balancer-flavor-id <id>', key: 'loadBalancer.flavorId', type: 'string', help: 'Octavia flavor id' },
  { flag: '--load-balancer-protocol <protocol>', key: 'loadBalancer.protocol', type: 'string', help: 'HTTP or TCP (default HTTP)' },
  { flag: '--full-mesh', key: 'fullMesh', type: 'bool', help: 'every VM pings every VM over the internal network (OSHM -C)' },
  { flag: '--skip-reachability', key: 'skipReachability', type: 'bool', help: 'skip ping, SSH, port forwarding, full mesh and LB traffic checks' },
  { flag: '--timeout-scale <factor>', key: 'timeoutScale', type: 'number', help: 'multiplies call and wait timeouts (OSHM -t)' },
  { flag: '--default-limit <n>', key: 'defaultLimit', type: 'int', help: 'calls in flight per service (default 4)' },
  { flag: '--limit <class=n>', key: 'limits', type: 'pairs', help: 'in-flight limit of one class, e.g. server-boot=2 (repeatable)' },
  { flag: '--concurrency <n>', key: 'concurrency', type: 'int', help: "steps in flight in all (1 replays OSHM's order)" },
  { flag: '--disassociate-floating-ips', key: 'disassociateFloatingIps', type: 'bool', help: 'disassociate each floating IP before deleting it (OSHM -I)' },
  { flag: '--tags', key: 'tags', type: 'bool', help: "tag every Neutron resource with the owner's and the run's tag (OSHM -T)" },
  { flag: '--prefix <text>', key: 'prefix', type: 'string', help: 'first part of every resource name (default gh)' },
]

const collect = (value: string, previous: string[] = []): string[] => [...previous, value]

/**
 * Adds every scenario flag to a command.
 *
 * @example
 * addScenarioFlags(program.command('scenario'))
 */
export function addScenarioFlags(command: Command): Command {
  for (const spec of SCENARIO_FLAGS) {
    if (spec.type === 'pairs') command.option(spec.flag, spec.help, collect)
    else command.option(spec.flag, spec.help)
  }
  return command
}

function optionName(spec: FlagSpec): string {
  const long = spec.flag.split(' ')[0]!.replace(/^--(no-)?/, '')
  return long.replace(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase())
}

function read(spec: FlagSpec, raw: unknown): unknown {
  const name = spec.flag.split(' ')[0]
  const text = String(raw)
  switch (spec.type) {
    case 'int':
      if (!/^\d+$/.test(text)) throw new UsageError(`${name} must be a whole number, not "${text}"`)
      return Number(text)
    case 'number':
      if (!/^\d+(\.\d+)?$/.test(text)) throw new UsageError(`${name} must be a number, not "${text}"`)
      return Number(text)
    case 'list':
      return text.split(',').map((item) => item.trim()).filter((item) => item !== '')
    case 'pairs':
      return Object.fromEntries((raw as string[]).map((pair) => pairOf(name!, pair, spec.key === 'limits')))
    case 'bool':
    case 'negated':
      return raw === true
    case 'string':
      return text
  }
}

function pairOf(flag: string, pair: string, numeric: boolean): [string, unknown] {
  const equals = pair.indexOf('=')
  if (equals <= 0) throw new UsageError(`${flag} "${pair}" must look like key=value`)
  const value = pair.slice(equals + 1)
  if (numeric && !/^\d+$/.test(value)) throw new UsageError(`${flag} "${pair}": the limit must be a whole number`)
  return [pair.slice(0, equals), numeric ? Number(value) : value]
}

function set(target: Record<string, unknown>, key: string, value: unknown): void {
  const [head, rest] = key.split('.') as [string, string | undefined]
  if (rest === undefined) target[head] = value
  else target[head] = { ...(target[head] as Record<string, unknown> | undefined), [rest]: value }
}

/**
 * The check fields the flags describe, validated; a bad value is a usage error naming its flag.
 *
 * @example
 * scenarioFields({ cloud: 'demo', vms: '2', skipReachability: true }, process.env)
 */
export function scenarioFields(flags: Record<string, unknown>, env: NodeJS.ProcessEnv): ScenarioRunFields {
  const fields: Record<string, unknown> = { kind: 'scenario' }
  for (const spec of SCENARIO_FLAGS) {
    const raw = flags[optionName(spec)]
    if (raw === undefined || (spec.type === 'negated' && raw === true)) continue
    set(fields, spec.key, read(spec, raw))
  }
  if (fields.cloud === undefined && env.OS_CLOUD) fields.cloud = env.OS_CLOUD
  if (fields.region === undefined && env.OS_REGION_NAME) fields.region = env.OS_REGION_NAME
  if (fields.cloud === undefined && fields.simulated !== true) throw new UsageError('name a cloud of clouds.yaml with --cloud NAME (or $OS_CLOUD), or pass --simulated')
  const parsed = ScenarioRunFieldsSchema.safeParse(fields)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const key = issue.path.map(String).join('.')
    const spec = SCENARIO_FLAGS.find((candidate) => candidate.key === key || key.startsWith(`${candidate.key}.`))
    throw new UsageError(`${spec ? spec.flag.split(' ')[0] : key}: ${issue.message}`)
  }
  const problem = scenarioCheckProblem(parsed.data)
  if (problem !== null) throw new UsageError(problem.replace('profile and timeScale', '--profile and --time-scale').replace('simulated: true', '--simulated'))
  return parsed.data
}
