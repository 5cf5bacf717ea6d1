/**
 * Test support for the incident automation: a store with two components fed by four checks, a
 * way to publish a series' state as the health runner would, and the automation over a settable
 * clock.
 *
 * @module
 */
import type { SeriesKey } from '../../src/core/index.js'
import { AutomationSchema } from '../../src/config/index.js'
import { createIncidentAutomation, type IncidentAutomation } from '../../src/incident-automation/index.js'
import { createIncidentService, type IncidentService } from '../../src/incidents/index.js'
import type { Store } from '../../src/store/index.js'
import { settableClock, type SettableClock } from '../incidents/support.js'

export { MINUTE, T0 } from '../incidents/support.js'
/** Records a series' state as the health runner would. */
export { publish } from '../support/published-state.js'

/** The checks by name after {@link seed}. */
export type Checks = Map<string, string>

/** Creates compute (R1, R2) and network (R1), each location fed by its own check. */
export async function seed(store: Store, now: number): Promise<Checks> {
  const names = ['compute-r1', 'compute-r2', 'network-r1']
  const rows = await store.checks.sync(names.map((name) => ({ name, kind: 'http', displayName: name, definition: { kind: 'http', name } })), now)
  const checks = new Map(rows.map((row) => [row.name, row.id]))
  await store.components.sync(
    [
      { name: 'compute', displayName: 'Compute', feeds: [{ checkId: checks.get('compute-r1')!, location: 'R1' }, { checkId: checks.get('compute-r2')!, location: 'R2' }] },
      { name: 'network', displayName: 'Network', feeds: [{ checkId: checks.get('network-r1')!, location: 'R1' }] },
    ],
    now,
  )
  return checks
}

/** The pieces a test drives. */
export interface Rig {
  clock: SettableClock
  service: IncidentService
  automation: IncidentAutomation
}

/** The automation over `store` with `settings` (as written in config) and a clock at `now`. */
export function rig(store: Store, now: number, settings: Record<string, unknown> = {}, clock = settableClock(now)): Rig {
  const service = createIncidentService({ store, clock })
  const log = { info: () => undefined, error: (object: object) => void process.stderr.write(`automation error: ${JSON.stringify(object)}\n`) }
  const automation = createIncidentAutomation({ store, clock, log, incidents: service, settings: AutomationSchema.parse(settings) })
  return { clock, service, automation }
}

export const COMPUTE_R1: SeriesKey = { component: 'compute', location: 'R1' }
export const COMPUTE_R2: SeriesKey = { component: 'compute', location: 'R2' }
export const NETWORK_R1: SeriesKey = { component: 'network', location: 'R1' }
