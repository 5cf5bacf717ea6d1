/**
 * The config of a `kind: scenario` check: which cloud (a clouds.yaml cloud, or the simulated
 * one), whose resources (the owner), the shutdown grace, and the scenario's own options as
 * camelCase keys, validated by the scenario's schema (durations as strings here, ms there).
 * `config/check-schema.ts` adds the fields every check has.
 *
 * @module
 */
import { z } from 'zod'
import { parseDuration } from '../../core/duration.js'
import { LatencyProfileSchema, REAL_CLOUD_PROFILE } from '../../openstack/simulator/index.js'
import type { LatencyProfile } from '../../openstack/simulator/index.js'
import { loopOptions, scenarioOptions } from '../../scenario/oshm/index.js'
import type { ScenarioOptionsInput } from '../../scenario/oshm/index.js'

const duration = z
  .string()
  .refine((text) => parseDuration(text) !== null, { message: 'expected a duration such as 500ms, 30s, 5m, 36h' })
  .transform((text) => parseDuration(text)!)

/** The scenario's options a check writes as is (the millisecond ones get duration keys below). */
const OPTION_FIELDS = scenarioOptions.omit({ budgetMs: true, pollIntervalMs: true, waitTimeoutsMs: true, waitBeforeTeardownMs: true }).shape

/** A latency profile by name (`real`: a public cloud's times) or written out. */
export const ProfileSchema = z.union([z.literal('real'), LatencyProfileSchema])

/**
 * The scenario-specific fields of a check. `interval` is the pacing (minimum cycle time),
 * `timeout` the per-iteration budget (over it an otherwise good iteration is `slow`; at twice it
 * the iteration is stopped and torn down).
 */
export const SCENARIO_CHECK_FIELDS = {
  kind: z.literal('scenario'),
  /** A cloud of clouds.yaml; with `simulated: true`, only the name the ledger files it under (default `simulated`). */
  cloud: z.string().min(1).optional(),
  /** The region; default the cloud's. */
  region: z.string().min(1).optional(),
  /** Run against the built-in simulated cloud: results are marked simulated and never published as availability. */
  simulated: z.boolean().default(false),
  /** Simulated cloud: latency profile (`real` or a profile) and time scale (0.1: ten times faster). */
  profile: ProfileSchema.optional(),
  timeScale: z.number().positive().max(1_000).optional(),
  /** The monitor instance whose resources these are (1–24 a-z 0-9); default `$GLASSHOUSE_OWNER`, else from the host name. */
  owner: z.string().regex(/^[a-z0-9]{1,24}$/, 'owner ids are 1–24 lowercase letters and digits').optional(),
  /** From a stop request to giving up the teardown (what is left stays in the ledger). */
  shutdownGrace: duration.default(60_000),
  /** Poll interval of every wait (default 1s). */
  pollInterval: duration.optional(),
  /** Wait timeouts per resource before `timeoutScale` (defaults 12m, 6m, 12m). */
  waitTimeouts: z.strictObject({ server: duration.optional(), volume: duration.optional(), loadBalancer: duration.optional() }).optional(),
  /** Pause before a good iteration's teardown (OSHM `-V`); not counted against the budget. */
  waitBeforeTeardown: duration.optional(),
  ...OPTION_FIELDS,
  interval: duration.default(15 * 60_000),
  timeout: duration.default(20 * 60_000),
}

/** The scenario fields alone, validated (the ad hoc CLI, tests). */
export const ScenarioCheckFieldsSchema = z.strictObject(SCENARIO_CHECK_FIELDS)

/** What the scenario probe reads from its check. */
export type ScenarioCheckFields = z.infer<typeof ScenarioCheckFieldsSchema>

/**
 * The fields of `glasshouse probe run scenario`: a check's plus the loop's iteration limit and
 * exit on error (OSHM `-i`, `-E`). A configured check has no such keys: the scheduler repeats it
 * for as long as the server runs.
 */
export const ScenarioRunFieldsSchema = z.strictObject({ ...SCENARIO_CHECK_FIELDS, ...loopOptions.shape })

/** What the CLI loop reads from its flags. */
export type ScenarioRunFields = z.infer<typeof ScenarioRunFieldsSchema>

/**
 * Why a scenario check is incomplete (a cloud is needed unless simulated), or null.
 *
 * @example
 * scenarioCheckProblem({ simulated: false }) // 'a scenario check needs cloud: (a cloud of clouds.yaml) or simulated: true'
 */
export function scenarioCheckProblem(check: { cloud?: string | undefined; simulated: boolean; profile?: unknown; timeScale?: number | undefined }): string | null {
  if (!check.simulated && check.cloud === undefined) return 'a scenario check needs cloud: (a cloud of clouds.yaml) or simulated: true'
  if (!check.simulated && (check.profile !== undefined || check.timeScale !== undefined)) return 'profile and timeScale apply only with simulated: true'
  return null
}

/**
 * The iteration's options from a check: its scenario keys, durations in ms, `timeout` as the budget.
 *
 * @example
 * runScenarioIteration(deps, scenarioInput(check))
 */
export function scenarioInput(check: ScenarioCheckFields): ScenarioOptionsInput {
  const { kind: _kind, cloud: _cloud, region: _region, simulated: _simulated, profile: _profile, timeScale: _timeScale, owner: _owner, shutdownGrace: _grace, pollInterval, waitTimeouts, interval: _interval, timeout, waitBeforeTeardown, ...options } = check
  const waits = waitTimeouts ?? {}
  return {
    ...options,
    budgetMs: timeout,
    ...(pollInterval === undefined ? {} : { pollIntervalMs: pollInterval }),
    ...(waitBeforeTeardown === undefined ? {} : { waitBeforeTeardownMs: waitBeforeTeardown }),
    waitTimeoutsMs: {
      ...(waits.server === undefined ? {} : { server: waits.server }),
      ...(waits.volume === undefined ? {} : { volume: waits.volume }),
      ...(waits.loadBalancer === undefined ? {} : { loadBalancer: waits.loadBalancer }),
    },
  }
}

/**
 * The simulated cloud's latency profile of a check.
 *
 * @example
 * latencyProfile('real') // REAL_CLOUD_PROFILE
 */
export function latencyProfile(profile: ScenarioCheckFields['profile']): LatencyProfile {
  return profile === undefined || profile === 'real' ? REAL_CLOUD_PROFILE : profile
}
