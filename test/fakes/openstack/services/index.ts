/**
 * The fake OpenStack's stateful services for the service modules' tests: the simulator's Nova,
 * Neutron, Glance, Cinder, Octavia, Swift, Designate and Keystone projects, seeded with its
 * default cloud (`Ubuntu 24.04` with `min_disk` 5, diskless `SCS-1V-2`, external network
 * `public`; the small image named `cirros-fake`), every transition taking `settleMs`.
 *
 * @example
 * const fake = await startFakeOpenStack()
 * const cloud = fakeServices(fake.state)   // enables the stateful routes for this fake
 *
 * @module
 */
import { seedDefaultCloud, uniformProfile } from '../../../../src/openstack/simulator/index.js'
import type { SimRow } from '../../../../src/openstack/simulator/index.js'
import type { FakeState } from '../state.js'

/** One stored resource; fields starting with `_` are the simulator's own and never sent. */
export type Row = SimRow

/** The fake cloud's resources; tests may seed and inspect them. */
export interface FakeCloud {
  state: FakeState
  /** How long BUILD, creating, PENDING_* and deleting states last (ms). */
  settleMs: number
}

const clouds = new WeakMap<FakeState, FakeCloud>()

/**
 * Enables the stateful services of a fake (seeding them the first time) and returns its store.
 *
 * @example
 * const cloud = fakeServices(fake.state)
 */
export function fakeServices(state: FakeState): FakeCloud {
  const known = clouds.get(state)
  if (known) return known
  const simulator = state.simulator
  simulator.reset((add) => {
    seedDefaultCloud((kind, fields) => add(kind, kind === 'images' && String(fields.name).startsWith('cirros') ? { ...fields, name: 'cirros-fake' } : fields))
  })
  state.servicesEnabled = true
  let settleMs = 30
  const cloud: FakeCloud = {
    state,
    get settleMs() {
      return settleMs
    },
    set settleMs(ms: number) {
      settleMs = ms
      simulator.configure({ profile: uniformProfile(ms), timeScale: 1 })
    },
  }
  cloud.settleMs = 30
  clouds.set(state, cloud)
  return cloud
}

/**
 * The rows of one resource table (`servers`, `networks`, …), live, with due transitions applied.
 *
 * @example
 * table(cloud, 'servers').get(id)?.status
 */
export function table(cloud: FakeCloud, kind: string): Map<string, Row> {
  return cloud.state.simulator.resources(kind)
}
