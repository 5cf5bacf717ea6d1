/**
 * How long a simulated cloud takes: the answer time of each API call and the duration of each
 * asynchronous transition (a server booting, a volume being created, a load balancer becoming
 * ACTIVE, deletions), with a time scale that shrinks all of them alike.
 *
 * @module
 */
import { z } from 'zod'

/** A range of answer times in milliseconds; each call draws one deterministically from the seed. */
export const LatencyRangeSchema = z
  .object({ minMs: z.number().nonnegative(), maxMs: z.number().nonnegative() })
  .refine((range) => range.minMs <= range.maxMs, { message: 'minMs must not exceed maxMs' })

/** Durations (ms, before scaling) of the asynchronous transitions the simulator models. */
export const TransitionsSchema = z.object({
  /** Server BUILD → ACTIVE (including a root volume from a block-device mapping). */
  serverBoot: z.number().nonnegative(),
  /** Server delete accepted → gone (its ports and delete-on-termination volumes with it). */
  serverDelete: z.number().nonnegative(),
  /** Volume creating → available. */
  volumeCreate: z.number().nonnegative(),
  /** Volume deleting → gone. */
  volumeDelete: z.number().nonnegative(),
  /** Load balancer PENDING_CREATE → ACTIVE. */
  loadBalancerCreate: z.number().nonnegative(),
  /** Load balancer PENDING_UPDATE → ACTIVE after a listener, pool, monitor or member change. */
  loadBalancerUpdate: z.number().nonnegative(),
  /** Load balancer PENDING_DELETE → gone (children and VIP port with it). */
  loadBalancerDelete: z.number().nonnegative(),
})

/**
 * A latency profile: API answer times for reads (GET) and writes (everything else), and the
 * transition durations. Values are simulated milliseconds; the time scale turns them into real ones.
 *
 * @example
 * LatencyProfileSchema.parse({ api: { read: { minMs: 0, maxMs: 0 }, write: { minMs: 0, maxMs: 0 } }, transitions: { …all 0 } })
 */
export const LatencyProfileSchema = z.object({
  api: z.object({ read: LatencyRangeSchema, write: LatencyRangeSchema }),
  transitions: TransitionsSchema,
})

/** See {@link LatencyProfileSchema}. */
export type LatencyProfile = z.infer<typeof LatencyProfileSchema>
/** The name of one asynchronous transition (`serverBoot`, …). */
export type TransitionName = keyof LatencyProfile['transitions']

/**
 * A real cloud's profile (issue 4's benchmark): server boot 30 s, volume 10 s, load balancer
 * 60 s, every other call and transition 0.3–2 s.
 *
 * @example
 * startSimulatedCloud({ profile: REAL_CLOUD_PROFILE, timeScale: 0.01 }) // a boot takes 0.3 s
 */
export const REAL_CLOUD_PROFILE: LatencyProfile = {
  api: { read: { minMs: 300, maxMs: 800 }, write: { minMs: 500, maxMs: 2_000 } },
  transitions: {
    serverBoot: 30_000,
    serverDelete: 2_000,
    volumeCreate: 10_000,
    volumeDelete: 2_000,
    loadBalancerCreate: 60_000,
    loadBalancerUpdate: 2_000,
    loadBalancerDelete: 2_000,
  },
}

/**
 * A profile whose calls answer at once and whose transitions all take `ms`: what tests want.
 *
 * @example
 * uniformProfile(30).transitions.serverBoot // 30
 */
export function uniformProfile(ms: number): LatencyProfile {
  return {
    api: { read: { minMs: 0, maxMs: 0 }, write: { minMs: 0, maxMs: 0 } },
    transitions: { serverBoot: ms, serverDelete: ms, volumeCreate: ms, volumeDelete: ms, loadBalancerCreate: ms, loadBalancerUpdate: ms, loadBalancerDelete: ms },
  }
}

/**
 * Real milliseconds of a transition under `timeScale` (0.01: a 30 s boot takes 0.3 s).
 *
 * @example
 * transitionMs(REAL_CLOUD_PROFILE, 0.01, 'serverBoot') // 300
 */
export function transitionMs(profile: LatencyProfile, timeScale: number, name: TransitionName): number {
  return Math.round(profile.transitions[name] * timeScale)
}

/**
 * Real milliseconds one API call waits before answering: a point of the read or write range
 * chosen by `fraction` (in [0, 1), drawn from the seed), times the time scale.
 *
 * @example
 * apiLatencyMs(REAL_CLOUD_PROFILE, 0.01, 'GET', 0.5) // 5.5
 */
export function apiLatencyMs(profile: LatencyProfile, timeScale: number, method: string, fraction: number): number {
  const range = method === 'GET' || method === 'HEAD' ? profile.api.read : profile.api.write
  return (range.minMs + (range.maxMs - range.minMs) * fraction) * timeScale
}
