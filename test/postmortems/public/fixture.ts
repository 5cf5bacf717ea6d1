/**
 * A store with published postmortems behind the real server app: components, resolved incidents,
 * and a postmortem service over the same store whose evidence builder answers what the test
 * sets (so a test can plant internal timeline entries and null measurements). The app's own
 * service reads what this one writes.
 *
 * @module
 */
import { createIncidentService, type IncidentService } from '../../../src/incidents/index.js'
import { createPostmortemService, type PostmortemService } from '../../../src/postmortems/index.js'
import type { EvidenceBuilder, PostmortemEdit } from '../../../src/postmortems/ports.js'
import type { MeasuredImpact, Postmortem, PostmortemSections, TimelineEntry } from '../../../src/postmortems/types.js'
import type { Store } from '../../../src/store/index.js'
import { settableClock, type SettableClock } from '../../incidents/support.js'
import { testServerApp } from '../../support/server-app.js'
import { tempStore } from '../../support/temp-store.js'

/** The writer of every fixture write. */
export const EDITOR = { actor: 'editor-7c1f', door: 'api' } as const

/** The first instant of the fixture's clock: 2026-11-20 09:00 UTC. */
export const START = Date.UTC(2026, 10, 20, 9)

/** What the next postmortem's evidence is. */
export interface PlannedEvidence {
  timeline: TimelineEntry[]
  impact: MeasuredImpact
}

/** A generated entry on a series, public unless said otherwise. */
export function entry(id: string, at: number, text: string, options: { kind?: TimelineEntry['kind']; component?: string; location?: string } = {}): TimelineEntry {
  return {
    id, at, kind: options.kind ?? 'state-change', text, annotation: null, internal: false,
    evidence: { component: options.component ?? 'compute', location: options.location ?? 'R1', incidentId: null, checkId: 'chk-evidence-91', resultId: null, requestIds: ['req-evidence-91'], rule: 'http_5xx > 0.5', detail: { host: 'evidence-host-91.internal' } },
  }
}

/** Evidence over one period, one series per `series` entry. */
export function evidenceOf(from: number, series: { component: string; location: string; availability: number | null; results?: number }[], timeline: TimelineEntry[] = []): PlannedEvidence {
  return {
    timeline,
    impact: {
      from, to: from + 3_600_000, durationMs: 3_600_000, computedAt: from + 7_200_000, method: 'measured from stored probe results (fixture)',
      series: series.map((one) => ({
        component: one.component, location: one.location, availability: one.availability, errorRate: one.availability === null ? null : 1 - one.availability,
        results: one.results ?? (one.availability === null ? 0 : 120), downMinutes: one.availability === null ? 0 : 30, noDataMinutes: one.availability === null ? 60 : 0,
      })),
    },
  }
}

/**
 * Creates, fills, reviews and publishes a postmortem through `service`; `tick` moves the clock a
 * little between the steps.
 *
 * @example
 * await publishWith(service, () => clock.advance(60_000), [incidentId], { tldr: 'Short.' })
 */
export async function publishWith(
  service: PostmortemService,
  tick: () => void,
  incidentIds: string[],
  sections: Partial<PostmortemSections>,
  edit: Omit<PostmortemEdit, 'revision' | 'sections'> = {},
  notify = false,
): Promise<Postmortem> {
  const draft = await service.create({ incidentIds }, EDITOR)
  tick()
  const filled = await service.update(draft.id, { revision: draft.revision, sections, ...edit }, EDITOR)
  const review = await service.transition(draft.id, 'in_review', { revision: filled.revision, notify: false }, EDITOR)
  tick()
  return service.transition(draft.id, 'published', { revision: review.revision, notify }, EDITOR)
}

/** The served app over a store and the writers a test uses. */
export interface PublicBench {
  store: Store
  clock: SettableClock
  app: ReturnType<typeof testServerApp>
  incidents: IncidentService
  postmortems: PostmortemService
  /** Evidence the next create or refresh gets. */
  evidence: PlannedEvidence
  /** A resolved incident on `component`/`location`; resolves to its id. */
  incident(title: string, component?: string, location?: string): Promise<string>
  /** Creates, fills, reviews and publishes a postmortem of `incidentIds`. */
  publish(incidentIds: string[], sections: Partial<PostmortemSections>, edit?: Omit<PostmortemEdit, 'revision' | 'sections'>, notify?: boolean): Promise<Postmortem>
  get(path: string, headers?: Record<string, string>): Promise<Response>
  dispose(): Promise<void>
}

/**
 * Opens the bench.
 *
 * @example
 * const bench = await publicBench()
 * const id = (await bench.publish([await bench.incident('API errors')], { tldr: 'Short.' })).id
 */
export async function publicBench(): Promise<PublicBench> {
  const { store, dispose } = await tempStore()
  const clock = settableClock(START)
  await store.components.sync(
    [
      { name: 'compute', displayName: 'Compute' },
      { name: 'storage', displayName: 'Object storage' },
    ],
    clock.now(),
  )
  const incidents = createIncidentService({ store, clock })
  const bench: PublicBench = {
    store,
    clock,
    app: testServerApp(store, { clock }),
    incidents,
    postmortems: createPostmortemService({ store, clock, evidence: (async () => structuredClone(bench.evidence)) as EvidenceBuilder }),
    evidence: evidenceOf(START, [{ component: 'compute', location: 'R1', availability: 0.95 }]),
    async incident(title, component = 'compute', location = 'R1') {
      const created = await incidents.createIncident({ title, text: 'Looking into it', impacts: [{ component, location, severity: 70 }], notify: false }, EDITOR)
      clock.set(clock.now() + 60_000)
      await incidents.addUpdate(created.id, { text: 'Fixed', phase: 'resolved', notify: false }, EDITOR)
      clock.set(clock.now() + 60_000)
      return created.id
    },
    publish: (incidentIds, sections, edit = {}, notify = false) => publishWith(bench.postmortems, () => clock.set(clock.now() + 60_000), incidentIds, sections, edit, notify),
    get: async (path, headers = {}) => bench.app.request(path, { headers }),
    dispose,
  }
  return bench
}
