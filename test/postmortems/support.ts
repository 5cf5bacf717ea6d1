/**
 * Test support of the postmortem suites: a migrated SQLite store with an incident service, a
 * postmortem service over a fake evidence builder, and incidents to attach.
 *
 * @module
 */
import type { IncidentService } from '../../src/incidents/index.js'
import { createPostmortemService, type PostmortemService } from '../../src/postmortems/index.js'
import type { Store } from '../../src/store/index.js'
import { OPERATOR, serviceOver, settableClock, type SettableClock } from '../incidents/support.js'
import { withStore, type Dialect } from '../store/harness.js'
import { fakeEvidence } from './fixtures.js'

export { OPERATOR }

/** Everything a postmortem test works with. */
export interface Bench {
  store: Store
  clock: SettableClock
  postmortems: PostmortemService
  /** The incident service over the same store (to resolve or retract incidents). */
  incidents: IncidentService
  evidence: ReturnType<typeof fakeEvidence>
  /** Opens an incident on compute/R1 (resolved unless told otherwise); resolves to its id. */
  incident(options?: { resolved?: boolean; title?: string }): Promise<string>
}

/**
 * Runs `work` on a fresh store (SQLite unless told otherwise).
 *
 * @example
 * await withBench(async ({ postmortems, incident }) => { await postmortems.create({ incidentIds: [await incident()] }, OPERATOR) })
 */
export async function withBench(work: (bench: Bench) => Promise<void>, dialect: Dialect = 'sqlite'): Promise<void> {
  await withStore(dialect, async (store) => {
    const clock = settableClock()
    await store.components.sync([{ name: 'compute', displayName: 'Compute' }], clock.now())
    const incidents = serviceOver(store, clock)
    const evidence = fakeEvidence()
    const postmortems = createPostmortemService({ store, clock, evidence: evidence.builder })
    const incident: Bench['incident'] = async (options = {}) => {
      const created = await incidents.createIncident(
        { title: options.title ?? 'Servers fail to start', text: 'Looking into it', impacts: [{ component: 'compute', location: 'R1', severity: 70 }], notify: false },
        OPERATOR,
      )
      if (options.resolved !== false) {
        clock.set(clock.now() + 60_000)
        await incidents.addUpdate(created.id, { text: 'Fixed', phase: 'resolved', notify: false }, OPERATOR)
      }
      clock.set(clock.now() + 60_000)
      return created.id
    }
    await work({ store, clock, postmortems, incidents, evidence, incident })
  })
}
