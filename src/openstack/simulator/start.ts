/**
 * Starting a simulated cloud: an HTTP server on 127.0.0.1 serving the simulator, and the
 * resolved cloud (marked simulated) a client uses to talk to it.
 *
 * @module
 */
import { randomBytes, randomUUID } from 'node:crypto'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { z } from 'zod'
import type { ResolvedCloud } from '../clouds-config/types.js'
import { createSim, fill, simulatorApp } from './app.js'
import { LatencyProfileSchema, REAL_CLOUD_PROFILE } from './profile.js'
import type { LatencyProfile } from './profile.js'
import { seedDefaultCloud } from './seed.js'
import type { Seeder } from './seed.js'
import type { Row, SimIdentity, SimToken, SimulatorHooks } from './state.js'
import { table } from './state.js'

/**
 * The options a configuration file can carry (`simulated:` in glasshouse.yaml): latency profile,
 * time scale (0.01: a 30 s boot takes 0.3 s), seed and availability zones.
 *
 * @example
 * SimulatedCloudOptionsSchema.parse({ timeScale: 0.01 })
 */
export const SimulatedCloudOptionsSchema = z.object({
  profile: LatencyProfileSchema.default(REAL_CLOUD_PROFILE),
  timeScale: z.number().positive().max(1_000).default(1),
  seed: z.union([z.number(), z.string()]).default(1),
  zones: z.array(z.string().min(1)).min(1).default(['nova']),
})

/** See {@link SimulatedCloudOptionsSchema}; plus what only code passes. */
export interface SimulatedCloudOptions extends Partial<z.input<typeof SimulatedCloudOptionsSchema>> {
  /** The resolved cloud's name; default `simulated`. */
  name?: string
  /** Port on 127.0.0.1; default 0 (any free port). */
  port?: number
  /** The project and user; default a project `demo`, user `demo` and a random password. */
  identity?: Partial<SimIdentity>
  /** Token lifetime in (real) ms; default one hour. */
  tokenTtlMs?: number
  /** What the cloud holds at start and after {@link SimulatedCloud.reset}; default {@link seedDefaultCloud}. */
  initial?: Seeder
  /** For wrappers such as the test fake (fault injection, extra catalog entries). */
  hooks?: SimulatorHooks
}

/** A running simulated cloud. */
export interface SimulatedCloud {
  /** `http://127.0.0.1:<port>` */
  url: string
  /** Keystone v3: `<url>/identity/v3` */
  authUrl: string
  /** What a client uses: password auth as the simulator's user, `extra.simulated: true`. */
  cloud: ResolvedCloud
  /** The rows of one resource table (`servers`, `volumes`, `loadbalancers`, …), live, transitions applied. */
  resources(kind: string): Map<string, Row>
  /** Changes the profile or time scale for transitions scheduled and calls answered from now on. */
  configure(options: { profile?: LatencyProfile; timeScale?: number }): void
  /** Deletes every resource and fills the cloud again (`initial`, default the start's). */
  reset(initial?: Seeder): void
  /** Tokens issued so far (delete one to revoke it). */
  tokens: Map<string, SimToken>
  /** Lifetime of tokens issued from now on. */
  setTokenTtl(ms: number): void
  close(): Promise<void>
}

/**
 * Starts a simulated OpenStack on 127.0.0.1.
 *
 * @example
 * const sim = await startSimulatedCloud({ profile: REAL_CLOUD_PROFILE, timeScale: 0.01, seed: 7 })
 * const client = new OpenStackClient({ cloud: sim.cloud })
 * await sim.close()
 */
export async function startSimulatedCloud(options: SimulatedCloudOptions = {}): Promise<SimulatedCloud> {
  const parsed = SimulatedCloudOptionsSchema.parse({ profile: options.profile, timeScale: options.timeScale, seed: options.seed, zones: options.zones })
  const identity: SimIdentity = {
    projectId: randomUUID().replaceAll('-', ''),
    projectName: 'demo',
    userId: randomUUID().replaceAll('-', ''),
    username: 'demo',
    password: randomBytes(18).toString('base64url'),
    applicationCredential: { id: randomUUID().replaceAll('-', ''), name: 'monitor', secret: randomBytes(24).toString('base64url') },
    ...options.identity,
  }
  const initial = options.initial ?? seedDefaultCloud
  const sim = createSim({ ...parsed, identity, tokenTtlMs: options.tokenTtlMs ?? 3_600_000, hooks: options.hooks ?? {}, initial })
  const app = simulatorApp(sim)
  const server = await new Promise<Server>((resolve, reject) => {
    const started = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: options.port ?? 0 }, () => resolve(started as Server))
    started.once('error', reject)
  })
  sim.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const authUrl = `${sim.baseUrl}/identity/v3`
  return {
    url: sim.baseUrl,
    authUrl,
    cloud: simulatedResolvedCloud(options.name ?? 'simulated', authUrl, identity),
    resources: (kind) => table(sim, kind),
    configure: (change) => {
      if (change.profile) sim.profile = LatencyProfileSchema.parse(change.profile)
      if (change.timeScale !== undefined) sim.timeScale = z.number().positive().parse(change.timeScale)
    },
    reset: (seeder) => fill(sim, seeder ?? initial),
    tokens: sim.tokens,
    setTokenTtl: (ms) => void (sim.tokenTtlMs = ms),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

function simulatedResolvedCloud(name: string, authUrl: string, identity: SimIdentity): ResolvedCloud {
  return {
    name,
    region: 'RegionOne',
    authType: 'password',
    auth: { authUrl, username: identity.username, password: identity.password, projectName: identity.projectName, userDomainName: 'Default', projectDomainName: 'Default' },
    interface: 'public',
    verify: true,
    endpointOverrides: {},
    apiVersions: {},
    extra: { simulated: true },
    source: { file: null, secureFile: null },
    secrets: [identity.password],
    warnings: [],
  }
}

/**
 * Whether a resolved cloud is a simulated one (`extra.simulated: true`): its results must be
 * marked simulated, never sent to subscribers, and left out of availability reports and exports.
 *
 * @example
 * if (isSimulatedCloud(cloud)) result.simulated = true
 */
export function isSimulatedCloud(cloud: Pick<ResolvedCloud, 'extra'>): boolean {
  return cloud.extra.simulated === true
}
