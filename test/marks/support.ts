/**
 * Test support for marks: a store with one component `api` fed in locations R1 and R2 by one
 * http check each (interval 1 min), and results one a minute.
 *
 * @module
 */
import { CheckSchema, storedDefinition } from '../../src/config/index.js'
import type { Store } from '../../src/store/index.js'
import { httpResult } from '../support/results.js'

/** Records a series' state as the health runner would. */
export { publish } from '../support/published-state.js'

/** 2026-11-01T00:00:00Z. */
export const T0 = Date.parse('2026-11-01T00:00:00Z')
export const MINUTE = 60_000

/** Syncs component `api` with checks `api-r1` (R1) and `api-r2` (R2); returns the check ids by location. */
export async function seedApi(store: Store, at = T0): Promise<{ R1: string; R2: string }> {
  const definition = (name: string) => storedDefinition(CheckSchema.parse({ name, kind: 'http', url: 'http://127.0.0.1:9/', interval: '1m' }))
  const rows = await store.checks.sync(
    [
      { name: 'api-r1', kind: 'http', displayName: 'API R1', definition: definition('api-r1') },
      { name: 'api-r2', kind: 'http', displayName: 'API R2', definition: definition('api-r2') },
    ],
    at,
  )
  const id = (name: string) => rows.find((row) => row.name === name)!.id
  await store.components.sync([{ name: 'api', displayName: 'API', feeds: [{ checkId: id('api-r1'), location: 'R1' }, { checkId: id('api-r2'), location: 'R2' }] }], at)
  return { R1: id('api-r1'), R2: id('api-r2') }
}

/** One result a minute of `checkId` for `minutes` minutes from `from`; `failed(minute)` says which failed. */
export async function minuteResults(store: Store, checkId: string, from: number, minutes: number, failed: (minute: number) => boolean): Promise<void> {
  await store.results.insertBatch(
    Array.from({ length: minutes }, (_, minute) => ({ checkId, result: httpResult({ ok: !failed(minute), startedAt: from + minute * MINUTE }) })),
  )
}
