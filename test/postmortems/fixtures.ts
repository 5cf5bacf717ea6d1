/**
 * Postmortem fixtures: a whole stored postmortem, and an evidence builder that answers from a
 * fixed timeline (a fake of h35's builder: same contract, no store reads).
 *
 * @module
 */
import { newId } from '../../src/core/index.js'
import type { EvidenceBuilder, PostmortemEvidence } from '../../src/postmortems/ports.js'
import type { Postmortem, TimelineEntry } from '../../src/postmortems/types.js'

/** The instant the postmortem suites' records begin at. */
export const T0 = Date.UTC(2026, 10, 22, 10)

/** A generated timeline entry of `kind` at `at` on compute/R1. */
export function generatedEntry(id: string, at: number, text: string, kind: TimelineEntry['kind'] = 'state-change'): TimelineEntry {
  return {
    id, at, kind, text, annotation: null, internal: false,
    evidence: { component: 'compute', location: 'R1', incidentId: null, checkId: 'chk', resultId: null, requestIds: ['req-internal-1'], rule: 'http_5xx > 0.5', detail: { host: 'db7.internal' } },
  }
}

/** Evidence of one series, computed at `now`. */
export function evidenceAt(now: number, timeline: TimelineEntry[] = [generatedEntry('e-fail', T0, 'Compute in R1 became degraded')]): PostmortemEvidence {
  return {
    timeline,
    impact: {
      from: T0, to: T0 + 3_600_000, durationMs: 3_600_000, computedAt: now, method: 'fixture',
      series: [{ component: 'compute', location: 'R1', availability: 0.95, errorRate: 0.05, results: 120, downMinutes: 60, noDataMinutes: 0 }],
    },
  }
}

/** A fake builder: the timeline it returns can be replaced between calls; it records what it was asked. */
export function fakeEvidence(): { builder: EvidenceBuilder; timeline: TimelineEntry[]; calls: string[][] } {
  const fake = {
    timeline: [generatedEntry('e-fail', T0, 'Compute in R1 became degraded')],
    calls: [] as string[][],
    builder: (async (incidentIds, now) => {
      fake.calls.push([...incidentIds])
      return evidenceAt(now, fake.timeline.map((entry) => ({ ...entry })))
    }) as EvidenceBuilder,
  }
  return fake
}

/**
 * A whole postmortem with `overrides` applied (a draft of revision 1).
 *
 * @example
 * const published = samplePostmortem({ status: 'published', publishedAt: T0 })
 */
export function samplePostmortem(overrides: Partial<Postmortem> = {}): Postmortem {
  return {
    id: newId(), status: 'draft', incidentIds: [], revision: 1, createdAt: T0, updatedAt: T0, publishedAt: null,
    title: 'Compute in R1 degraded', tldr: 'Starting servers failed for an hour.', impactSummary: 'One region.', rootCause: 'A full disk.',
    contributingFactors: '', wentWell: '', wentBadly: '', internalNotes: 'db7.internal ran out of space', actionItems: [],
    redactions: ['db7.internal'], handbookPages: [], ...evidenceAt(T0), ...overrides,
  }
}
