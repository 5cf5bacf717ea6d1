/**
 * The scenario's options, with the SCS OpenStack Health Monitor's defaults (its flag in each
 * field's comment). Durations are milliseconds here; the CLI and config parse `30s` into them.
 *
 * @module
 */
import { z } from 'zod'
import type { TimeoutSettings } from '../../openstack/index.js'
import { DEFAULT_OPERATION_TIMEOUTS_MS, DEFAULT_SERVICE_TIMEOUTS_MS } from '../../openstack/index.js'

/** How servers boot: from the image, from a pre-created volume, or a block-device mapping Nova turns into a volume. */
export const BOOT_MODES = ['image', 'volume', 'bdm'] as const
/** A boot mode; see {@link BOOT_MODES}. */
export type BootMode = (typeof BOOT_MODES)[number]

const positiveInt = z.number().int().positive()

/** The load-balancer variant (OSHM `-L` HTTP, `-LL` TCP, `-LP <provider>`, `-LO` OVN). */
export const LoadBalancerOptionsSchema = z.object({
  enabled: z.boolean().default(false),
  /** Octavia provider (`amphora`, `ovn`); default the cloud's. */
  provider: z.string().min(1).optional(),
  /** Octavia flavor id (OSHM `LB_FLAVOR`). */
  flavorId: z.string().min(1).optional(),
  protocol: z.enum(['HTTP', 'TCP']).default('HTTP'),
})

/**
 * Every option of one iteration, OSHM's defaults filled in.
 *
 * @example
 * scenarioOptions.parse({ vms: 4, bootMode: 'bdm', loadBalancer: { enabled: true } })
 */
export const scenarioOptions = z.object({
  /** VMs (OSHM `-n`, default 12). */
  vms: positiveInt.max(1_000).default(12),
  /** VM networks (OSHM `-N`); default one per compute AZ. Max 63 (the address plan). */
  networks: positiveInt.max(63).optional(),
  /** Compute, volume and network AZs instead of discovering them (OSHM `AZS`, `VAZS`, `NAZS`). */
  availabilityZones: z.array(z.string().min(1)).min(1).optional(),
  volumeAvailabilityZones: z.array(z.string().min(1)).min(1).optional(),
  networkAvailabilityZones: z.array(z.string().min(1)).min(1).optional(),
  /** Image name (OSHM `IMG`) and an optional property filter (`IMGFILT`, e.g. `{ os_distro: 'ubuntu' }`). */
  image: z.string().min(1).default('Ubuntu 24.04'),
  imageFilter: z.record(z.string(), z.string()).default({}),
  /** Jump-host image (OSHM `JHIMG`); default `image`. */
  jumpHostImage: z.string().min(1).optional(),
  /** VM and jump-host flavors (OSHM `FLAVOR`, `JHFLAVOR`). */
  flavor: z.string().min(1).default('SCS-1L-1'),
  jumpHostFlavor: z.string().min(1).default('SCS-1V-2'),
  /** Boot mode (OSHM `-d` image, default volume, `-D` implies image); a diskless flavor turns `image` into `bdm`. */
  bootMode: z.enum(BOOT_MODES).default('volume'),
  /** Root volume size in GB; default the image's `min_disk` (OSHM `-z`). */
  volumeSize: positiveInt.optional(),
  /** Volume type (OSHM `-vt`). */
  volumeType: z.string().min(1).optional(),
  /**
   * One `POST /servers` per VM network with `min_count`/`max_count` (OSHM `-D`); implies VMs
   * booted from the image (a block-device mapping on a diskless flavor) without pre-created ports,
   * all VMs of network n in AZ n mod #AZ.
   */
  batchCreate: z.boolean().default(false),
  /** Pre-create VM ports (OSHM: yes unless `-P`; off with `batchCreate`). */
  precreatePorts: z.boolean().default(true),
  /** External network by name (OSHM `EXTSEARCH`); default the first external network. */
  externalNetwork: z.string().min(1).optional(),
  /** DNS servers of every subnet (OSHM `NAMESERVER` plus a second public resolver). */
  dnsServers: z.array(z.string().min(1)).default(['9.9.9.9', '8.8.8.8']),
  /** The SSH login; default the image's `image_original_user`, else `ubuntu` (OSHM `DEFLTUSER`). */
  sshUser: z.string().min(1).optional(),
  loadBalancer: LoadBalancerOptionsSchema.default({ enabled: false, protocol: 'HTTP' }),
  /** OSHM `-C`: every VM pings every VM over the internal network (the `vm-mesh` step). */
  fullMesh: z.boolean().default(false),
  /** Skip ping, SSH, port forwarding, the full mesh and the LB traffic checks (`--skip-reachability`). */
  skipReachability: z.boolean().default(false),
  /** Multiplies every call timeout and wait timeout (OSHM `-t`: 2, 3, …). */
  timeoutScale: z.number().positive().max(100).default(1),
  /** Wait timeouts in ms before scaling (OSHM: 240 polls of 3 s for servers). */
  waitTimeoutsMs: z
    .object({ server: positiveInt.default(720_000), volume: positiveInt.default(360_000), loadBalancer: positiveInt.default(720_000) })
    .default({ server: 720_000, volume: 360_000, loadBalancer: 720_000 }),
  /** Poll interval of every wait (1 s: ≤ 1 s resolution of creation and boot times). */
  pollIntervalMs: positiveInt.default(1_000),
  /** Calls in flight per service (default 4), per-class overrides (`server-boot`: 2), steps in flight in all (1: OSHM's order). */
  defaultLimit: positiveInt.default(4),
  limits: z.record(z.string(), positiveInt).default({}),
  concurrency: positiveInt.optional(),
  /** Iteration budget in ms; default OSHM's `MAXCYC` for the iteration's size. Over it, an otherwise good iteration is `slow`. */
  budgetMs: positiveInt.optional(),
  /**
   * Pause after a good iteration's checks, before its teardown (OSHM `-V`, its `SUCCWAIT`), to
   * look at the environment. Not counted against the budget: OSHM subtracts it from the cycle
   * time too. Default 0 (OSHM: 5 s).
   */
  waitBeforeTeardownMs: z.number().int().min(0).max(86_400_000).default(0),
  /** Disassociate every floating IP (`PUT port_id: null`, its own timed call) before deleting it (OSHM `-I`). */
  disassociateFloatingIps: z.boolean().default(false),
  /** Tag every Neutron resource with the owner's and the run's tag after creating it (OSHM `-T`; `PUT …/tags`). */
  tags: z.boolean().default(false),
  /** First part of every resource name; the owner and run follow (`gh-<owner>-<run>-NET_JH`). */
  prefix: z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,15}$/, 'letters and digits, starting with a letter').default('gh'),
})

/**
 * Options of the loop that repeats iterations (`glasshouse probe run scenario`), not of one
 * iteration: the scheduler runs a configured check for as long as the server runs.
 *
 * @example
 * loopOptions.parse({ iterations: 10, exitOnError: true })
 */
export const loopOptions = z.object({
  /** Stop after this many iterations, exit 0 unless the last one failed (OSHM `-i`; default: until stopped). */
  iterations: positiveInt.optional(),
  /** Stop after the first failed iteration (after its teardown), exit 1 (OSHM `-E`). */
  exitOnError: z.boolean().default(false),
  /** Keep the router and its gateway for this many iterations (OSHM `-r N`; default 1: a router per iteration). */
  routerReuse: positiveInt.max(1_000).default(1),
})

/** Parsed loop options. */
export type LoopOptions = z.infer<typeof loopOptions>

/**
 * The options with what one option implies applied: `batchCreate` turns `precreatePorts` off
 * (OSHM: `-D` implies `-P`; one call cannot name a port per server).
 *
 * @example
 * withImplications(scenarioOptions.parse({ batchCreate: true })).precreatePorts // false
 */
export function withImplications(options: ScenarioOptions): ScenarioOptions {
  return options.batchCreate ? { ...options, precreatePorts: false } : options
}

/** Parsed options. */
export type ScenarioOptions = z.infer<typeof scenarioOptions>
/** Options as written (defaults optional). */
export type ScenarioOptionsInput = z.input<typeof scenarioOptions>

/**
 * Call timeouts multiplied by `scale` (OSHM `-t`), for the client of the iteration.
 *
 * @example
 * new OpenStackClient({ cloud, timeouts: scaledTimeouts(options.timeoutScale) })
 */
export function scaledTimeouts(scale: number): TimeoutSettings {
  const times = (table: Readonly<Record<string, number>>) => Object.fromEntries(Object.entries(table).map(([key, ms]) => [key, Math.round(ms * scale)]))
  return { services: times(DEFAULT_SERVICE_TIMEOUTS_MS), operations: times(DEFAULT_OPERATION_TIMEOUTS_MS) }
}
