/**
 * Vantage quorum: every vantage point that reported evaluates the flags on its own samples, and a
 * flag is raised for the series when at least k of them raise it. A silent vantage does not vote.
 *
 * @module
 */
import type { Sample } from '../core/series.js'
import type { CompiledRuleSet } from './compile.js'
import { readFlag, resolveWindow, thresholdFor } from './flags.js'
import type { FlagConfig, FlagEvidence, VantageSummary, VantageVote, WindowRange } from './types.js'

/** What the flags and the vantage points said for one series. */
export interface FlagOutcome {
  flags: FlagEvidence[]
  vantages: VantageSummary
  /** Fewer vantage points reported than the quorum's minimum: the series has no data. */
  noData: boolean
  /** Names of the raised flags other than the noData flag. */
  raised: Set<string>
}

/** Where and over what the flags are evaluated. */
export interface FlagContext {
  now: number
  location: string | undefined
  intervalMs: number
  expectedVantages: readonly string[]
}

const UNITS = { errorRate: 'ratio', latency: 'ms', consecutiveFailures: 'count', noData: 'ms' } as const

/** Samples by vantage, newest first; samples in the future or with a broken time are left out. */
function byVantage(samples: readonly Sample[], now: number): Map<string, Sample[]> {
  const groups = new Map<string, Sample[]>()
  for (const sample of samples) {
    if (!Number.isFinite(sample.at) || sample.at > now) continue
    const group = groups.get(sample.vantage)
    if (group === undefined) groups.set(sample.vantage, [sample])
    else group.push(sample)
  }
  for (const group of groups.values()) group.sort((a, b) => b.at - a.at)
  return groups
}

/** The value k vantages reached: the k-th highest, nulls lowest. */
function kthHighest(votes: readonly VantageVote[], k: number): number | null {
  const values = votes.map((vote) => vote.value).filter((value): value is number => value !== null).sort((a, b) => b - a)
  return values[k - 1] ?? null
}

function evidenceOf(flag: FlagConfig, window: WindowRange, threshold: number, votes: VantageVote[], raised: boolean, value: number | null): FlagEvidence {
  const samples = votes.reduce((sum, vote) => sum + vote.samples, 0)
  const codes = 'codes' in flag && flag.codes !== undefined ? { codes: [...flag.codes] } : {}
  return { flag: flag.name, kind: flag.kind, raised, value, threshold, unit: UNITS[flag.kind], window, samples, votes, ...codes }
}

function vote(vantage: string, flag: FlagConfig, newestFirst: readonly Sample[], window: WindowRange, location: string | undefined): VantageVote {
  return { vantage, ...readFlag(flag, newestFirst, window, location) }
}

/**
 * Evaluates every flag of a rule set over the samples of one series, vantage by vantage, and
 * combines the votes. A vantage reports when it has a sample inside the noData flag's window.
 *
 * @example
 * const outcome = evaluateFlags(ruleSet, samples, { now, location: 'R1', intervalMs: 60_000, expectedVantages: [] })
 * outcome.raised // Set { 'down' }
 */
export function evaluateFlags(ruleSet: CompiledRuleSet, samples: readonly Sample[], context: FlagContext): FlagOutcome {
  const { now, location, intervalMs } = context
  const { k, min } = ruleSet.config.quorum
  const groups = byVantage(samples, now)
  const known = [...new Set([...groups.keys(), ...context.expectedVantages])].sort()
  const presence = resolveWindow(ruleSet.noData.window, now, intervalMs)
  const presenceVotes = known.map((vantage) => vote(vantage, ruleSet.noData, groups.get(vantage) ?? [], presence, location))
  const reporting = presenceVotes.filter((entry) => !entry.raised).map((entry) => entry.vantage)
  const noData = reporting.length < min
  const raised = new Set<string>()
  const flags = ruleSet.config.flags.map((flag) => {
    if (flag === ruleSet.noData) {
      const ages = presenceVotes.map((entry) => entry.value).filter((value): value is number => value !== null)
      return evidenceOf(flag, presence, thresholdFor(flag, location, presence), presenceVotes, noData, ages.length === 0 ? null : Math.min(...ages))
    }
    const window = resolveWindow(flag.window, now, intervalMs)
    const votes = reporting.map((vantage) => vote(vantage, flag, groups.get(vantage)!, window, location))
    const up = !noData && votes.filter((entry) => entry.raised).length >= k
    if (up) raised.add(flag.name)
    return evidenceOf(flag, window, thresholdFor(flag, location, window), votes, up, kthHighest(votes, k))
  })
  return { flags, vantages: { k, min, reporting, silent: known.filter((vantage) => !reporting.includes(vantage)) }, noData, raised }
}
