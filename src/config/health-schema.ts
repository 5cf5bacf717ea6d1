/**
 * The `health:` section: rule sets that turn the samples of a (component, location) series into a
 * measured state. The built-in rule sets `standard` and `scenario` are always there; a rule set
 * of the same name in config replaces one. See docs/health-rules.md.
 *
 * @module
 */
import { z } from 'zod'
import { COUNTS_AGAINST_AVAILABILITY, FAILURE_CODES, type FailureCode } from '../core/failure.js'
import { compileRuleSet } from '../health/index.js'
import type { CompiledRuleSet, RuleSetConfig, WindowSpec } from '../health/index.js'
import { durationMs } from './check-schema.js'

const name = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'names are 1–63 of a-z 0-9 . _ -, starting with a letter or digit')

const flagName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, 'flag names are 1–63 letters, digits and _, not starting with a digit (they are used in expressions)')

const location = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'a location is a region or AZ name')

const INTERVALS = /^\s*(\d+(?:\.\d+)?)x\s*$/

/** A window: a duration (`5m`) or a number of check intervals (`20x`). */
export const WindowSchema = z
  .string()
  .refine((text) => INTERVALS.test(text) || durationMs.safeParse(text).success, {
    message: 'expected a duration such as 5m or a number of check intervals such as 20x',
  })
  .transform((text): WindowSpec => {
    const intervals = INTERVALS.exec(text)
    return intervals === null ? { ms: durationMs.parse(text) } : { intervals: Number(intervals[1]) }
  })
  .refine((spec) => ('ms' in spec ? spec.ms : spec.intervals) > 0, { message: 'a window must be longer than 0' })
  .meta({
    description: 'a duration such as 5m, or a number of check intervals such as 20x',
    pattern: '^\\s*(?:\\d+(?:\\.\\d+)?x|(?:\\d+(?:\\.\\d+)?(?:ms|s|m|h|d))+)\\s*$',
  })

/** An error rate: a fraction 0–1 or a percentage string (`10%`). */
export const RateSchema = z
  .union([
    z.number().min(0).max(1),
    z.string().regex(/^\s*\d+(?:\.\d+)?\s*%\s*$/, 'expected a percentage such as 10% or a fraction such as 0.1'),
  ])
  .transform((value) => (typeof value === 'number' ? value : Number(value.replace('%', '').trim()) / 100))
  .refine((value) => value >= 0 && value <= 1, { message: 'a rate is between 0% and 100%' })

const thresholdsOf = <T extends z.ZodType>(schema: T) =>
  z.record(location, schema).default({}).describe('per-location overrides of threshold, e.g. { R1: … }')

/** `codes:` of a flag: only failures with these codes count as failures for it. */
export const FlagCodesSchema = z
  .array(z.enum(FAILURE_CODES))
  .min(1, 'codes needs at least one failure code; leave it out to count every failure')
  .refine((codes) => new Set(codes).size === codes.length, { message: 'each failure code once' })
  .optional()
  .describe('only failures with one of these codes count as failures for this flag; any other sample counts as not failing')

const minSamples = z.number().int().min(1).max(100_000).default(1).describe('fewer samples in the window never raise the flag')

/** `kind: errorRate` — share of failed samples (among those that count against availability) above a threshold. */
export const ErrorRateFlagSchema = z.strictObject({
  name: flagName,
  kind: z.literal('errorRate'),
  threshold: RateSchema,
  thresholds: thresholdsOf(RateSchema),
  window: WindowSchema,
  minSamples,
  codes: FlagCodesSchema,
})

/** `kind: latency` — a percentile of the passed samples' durations above a threshold. */
export const LatencyFlagSchema = z.strictObject({
  name: flagName,
  kind: z.literal('latency'),
  percentile: z.enum(['p50', 'p90', 'p95', 'p99']).default('p95').transform((p) => Number(p.slice(1)) as 50 | 90 | 95 | 99),
  threshold: durationMs,
  thresholds: thresholdsOf(durationMs),
  window: WindowSchema,
  minSamples,
})

const runLength = z.number().int().min(1).max(1000)

/** `kind: consecutiveFailures` — the newest samples are at least `threshold` failures in a row. */
export const ConsecutiveFailuresFlagSchema = z.strictObject({
  name: flagName,
  kind: z.literal('consecutiveFailures'),
  threshold: runLength,
  thresholds: thresholdsOf(runLength),
  window: WindowSchema.prefault('10x'),
  codes: FlagCodesSchema,
})

/** `kind: noData` — fewer than `quorum.min` vantage points have a sample in the window. */
export const NoDataFlagSchema = z.strictObject({
  name: flagName,
  kind: z.literal('noData'),
  window: WindowSchema.prefault('3x'),
})

/** One flag of a rule set. */
export const FlagSchema = z.discriminatedUnion('kind', [ErrorRateFlagSchema, LatencyFlagSchema, ConsecutiveFailuresFlagSchema, NoDataFlagSchema])

/** A weighted expression deciding a state. */
export const StateRuleSchema = z.strictObject({
  expression: z.string().min(1).max(1000).describe('flags combined with &&, ||, ! and parentheses'),
  state: z.enum(['operational', 'degraded', 'partial_outage', 'major_outage']),
  weight: z.number().int().min(0).max(1_000_000).describe('the highest matching weight wins'),
})

/** One rule set. */
export const RuleSetSchema = z.strictObject({
  name,
  description: z.string().max(2000).optional(),
  flags: z.array(FlagSchema).min(1),
  states: z.array(StateRuleSchema).default([]),
  hysteresis: z
    .strictObject({
      down: z.number().int().min(1).max(100).default(2).describe('evaluations in a row needed to publish a worse state'),
      up: z.number().int().min(1).max(100).default(2).describe('evaluations in a row needed to publish a better state'),
    })
    .prefault({}),
  quorum: z
    .strictObject({
      k: z.number().int().min(1).max(100).default(1).describe('vantage points that must raise a flag'),
      min: z.number().int().min(1).max(100).default(1).describe('fewer reporting vantage points → no_data'),
    })
    .prefault({}),
})

/** The built-in rule set, as it would be written in config (docs/health-rules.md explains each line). */
export const STANDARD_RULE_SET_INPUT = {
  name: 'standard',
  description: 'failing now → major outage; over 10 % failing with a failure in the last two runs → partial outage; slow p95 → degraded',
  flags: [
    { name: 'down', kind: 'consecutiveFailures', threshold: 1, window: '10x' },
    { name: 'erratic', kind: 'errorRate', threshold: '10%', window: '20x', minSamples: 10 },
    { name: 'recent', kind: 'errorRate', threshold: 0, window: '2x' },
    { name: 'slow', kind: 'latency', percentile: 'p95', threshold: '2s', window: '20x', minSamples: 10 },
    { name: 'stale', kind: 'noData', window: '3x' },
  ],
  states: [
    { expression: 'down', state: 'major_outage', weight: 3 },
    { expression: 'erratic && recent', state: 'partial_outage', weight: 2 },
    { expression: 'slow', state: 'degraded', weight: 1 },
  ],
  hysteresis: { down: 2, up: 2 },
  quorum: { k: 1, min: 1 },
} as const satisfies z.input<typeof RuleSetSchema>

/** The built-in rule set, parsed. */
export const STANDARD_RULE_SET: RuleSetConfig = RuleSetSchema.parse(STANDARD_RULE_SET_INPUT)

/** The codes of a failed create, wait or check rather than a flaky or refused one: what `scenario` calls broken. */
const BROKEN_CODES = FAILURE_CODES.filter(
  (code) => COUNTS_AGAINST_AVAILABILITY[code] && !(['http_5xx', 'timeout', 'rate_limited', 'auth'] as readonly FailureCode[]).includes(code),
)

/**
 * The built-in rule set for the parts of a scenario (docs/health-rules.md explains each line):
 * authentication failing → major outage; a failed create or wait → partial outage, as are 5xx or
 * timeouts in two runs in a row; any 5xx or timeout in the window → degraded.
 */
export const SCENARIO_RULE_SET_INPUT = {
  name: 'scenario',
  description: 'authentication failing → major outage; a failed create or wait, or 5xx/timeouts two runs in a row → partial outage; any 5xx or timeout in the last 3 runs → degraded',
  flags: [
    { name: 'auth', kind: 'consecutiveFailures', threshold: 1, window: '10x', codes: ['auth'] },
    { name: 'broken', kind: 'consecutiveFailures', threshold: 1, window: '10x', codes: BROKEN_CODES },
    { name: 'flaky', kind: 'consecutiveFailures', threshold: 2, window: '10x', codes: ['http_5xx', 'timeout'] },
    { name: 'errors', kind: 'errorRate', threshold: 0, window: '3x', codes: ['http_5xx', 'timeout'] },
    { name: 'stale', kind: 'noData', window: '3x' },
  ],
  states: [
    { expression: 'auth', state: 'major_outage', weight: 3 },
    { expression: 'broken', state: 'partial_outage', weight: 2 },
    { expression: 'flaky', state: 'partial_outage', weight: 2 },
    { expression: 'errors', state: 'degraded', weight: 1 },
  ],
  hysteresis: { down: 1, up: 2 },
  quorum: { k: 1, min: 1 },
} as const satisfies z.input<typeof RuleSetSchema>

/** The built-in `scenario` rule set, parsed. */
export const SCENARIO_RULE_SET: RuleSetConfig = RuleSetSchema.parse(SCENARIO_RULE_SET_INPUT)

/** The built-in rule sets by name, in the order they are listed. */
const BUILT_IN_RULE_SETS: readonly RuleSetConfig[] = [STANDARD_RULE_SET, SCENARIO_RULE_SET]

/** `health:` — rule sets, and the one used by series that do not name one. */
export const HealthSchema = z.strictObject({
  rules: z.array(RuleSetSchema).default([]).describe('rule sets; "standard" and "scenario" are built in and may be replaced'),
  default: name.default('standard').describe('the rule set of series that do not name one'),
})

/** A validated `health:` section. */
export type HealthConfig = z.infer<typeof HealthSchema>

/** A problem in the `health:` section; `path` starts at the document root, `column` is inside an expression. */
export interface HealthConfigIssue {
  path: (string | number)[]
  message: string
  column?: number
}

/**
 * Every rule set by name: the built-in `standard` and `scenario`, then those of the config (a
 * config one named like a built-in replaces it).
 *
 * @example
 * ruleSetsOf(HealthSchema.parse({})).get('standard') // STANDARD_RULE_SET
 */
export function ruleSetsOf(section: HealthConfig): Map<string, RuleSetConfig> {
  const sets = new Map<string, RuleSetConfig>(BUILT_IN_RULE_SETS.map((set) => [set.name, set]))
  for (const set of section.rules) sets.set(set.name, set)
  return sets
}

/**
 * Compiles every rule set of the section, with every semantic problem (duplicate names, unknown
 * default, unknown or misused flags in expressions, expressions that do not parse — with the
 * column inside the expression). Rule sets with problems are left out of `ruleSets`.
 *
 * @example
 * const health = compileHealth(config.health)
 * if (health.issues.length === 0) evaluate(health.ruleSets.get(health.defaultName)!, samples, { now })
 */
export function compileHealth(section: HealthConfig): { defaultName: string; ruleSets: Map<string, CompiledRuleSet>; issues: HealthConfigIssue[] } {
  const issues: HealthConfigIssue[] = []
  const seen = new Set<string>()
  section.rules.forEach((set, index) => {
    if (seen.has(set.name)) issues.push({ path: ['health', 'rules', index, 'name'], message: `duplicate rule set name "${set.name}"` })
    seen.add(set.name)
    const compiled = compileRuleSet(set)
    if (!compiled.ok) issues.push(...compiled.issues.map((issue) => ({ ...issue, path: ['health', 'rules', index, ...issue.path] })))
  })
  const ruleSets = new Map<string, CompiledRuleSet>()
  for (const [setName, set] of ruleSetsOf(section)) {
    const compiled = compileRuleSet(set)
    if (compiled.ok) ruleSets.set(setName, compiled.ruleSet)
  }
  if (!ruleSetsOf(section).has(section.default)) {
    const known = [...ruleSetsOf(section).keys()].join(', ')
    issues.push({ path: ['health', 'default'], message: `no rule set named "${section.default}"; defined: ${known}` })
  }
  return { defaultName: section.default, ruleSets, issues }
}

/**
 * The semantic problems of a `health:` section that its schema cannot see.
 *
 * @example
 * validateHealthConfig(HealthSchema.parse({ rules: [{ name: 'x', flags: [...], states: [{ expression: 'slow &', … }] }] }))
 * // [{ path: ['health', 'rules', 0, 'states', 0, 'expression'], message: 'expected a flag name, … (column 7)', column: 7 }]
 */
export function validateHealthConfig(section: HealthConfig): HealthConfigIssue[] {
  return compileHealth(section).issues
}
