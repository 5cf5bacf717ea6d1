import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { newId } from '../../src/core/index.js'
import type { MaintenanceRow } from '../../src/store/index.js'
import { DIALECTS, dialectParts, withStore } from './harness.js'
import { incident, T0 } from './incident-rows.js'

const parts = dialectParts()
function window(overrides: Partial<MaintenanceRow> = {}): MaintenanceRow {
  return {
    id: newId(), name: null, title: 'Upgrade', description: null, targets: [{ component: 'compute', locations: ['R1'] }], start: T0, end: T0 + 3_600_000,
    cancelledAt: null, managed: 'api', source: null, createdAt: T0, updatedAt: T0, archivedAt: null, ...overrides,
  }
}

for (const dialect of DIALECTS) {
  const part = parts[dialect]
  describe(`store incidents on ${dialect}`, { skip: part.available ? false : part.skip }, () => {
    test('incidents, impacts and updates round-trip; active impacts are half-open', async () => {
      await withStore(dialect, async (store) => {
        const row = incident()
        await store.writeDeclared(async (tx) => {
          await tx.incidents.insert(row)
          await tx.incidents.insertImpact({ id: newId(), incidentId: row.id, component: 'compute', location: 'R1', type: 'Unknown', severity: 70, from: T0, to: null })
          await tx.incidents.insertUpdate({ incidentId: row.id, seq: 1, phase: 'investigating', text: 'Looking', at: T0, recordedAt: T0, actor: 'alice' })
          const [open] = await tx.incidents.openImpacts(row.id)
          await tx.incidents.closeImpact(open!, T0 + 1000)
        })
        assert.deepEqual(await store.incidents.get(row.id), row)
        assert.equal((await store.incidents.updates(row.id))[0]?.text, 'Looking')
        assert.equal((await store.incidents.activeImpacts(T0 + 999)).length, 1)
        assert.equal((await store.incidents.activeImpacts(T0 + 1000)).length, 0)
        assert.equal((await store.incidents.open()).length, 1)
      })
    })

    test('a page of incidents continues strictly after its cursor, newest first', async () => {
      await withStore(dialect, async (store) => {
        const rows = [0, 1, 1, 2].map((n) => incident({ beganAt: T0 + n, endedAt: n === 2 ? T0 + 5 : null }))
        await store.writeDeclared(async (tx) => {
          for (const row of rows) await tx.incidents.insert(row)
        })
        const first = await store.incidents.list({ limit: 2 })
        assert.deepEqual(first.map((r) => r.beganAt), [T0 + 2, T0 + 1])
        const rest = await store.incidents.list({ limit: 10, after: { beganAt: first[1]!.beganAt, id: first[1]!.id } })
        assert.equal(first.length + rest.length, 4)
        assert.ok(rest.every((r) => !first.some((f) => f.id === r.id)))
        assert.equal((await store.incidents.list({ limit: 10, status: 'resolved' })).length, 1)
        assert.equal((await store.incidents.list({ limit: 10, status: 'open' })).length, 3)
      })
    })

    test('maintenance windows: active excludes cancelled ones; targets round-trip', async () => {
      await withStore(dialect, async (store) => {
        const live = window()
        const cancelled = window({ cancelledAt: T0 - 1 })
        await store.writeDeclared(async (tx) => {
          await tx.maintenance.insert(live)
          await tx.maintenance.insert(cancelled)
        })
        assert.deepEqual((await store.maintenance.active(T0 + 1)).map((w) => w.id), [live.id])
        assert.deepEqual(await store.maintenance.get(live.id), live)
        assert.equal((await store.maintenance.active(live.end)).length, 0)
      })
    })

    test('a declared transaction that throws leaves neither the write nor its audit event', async () => {
      await withStore(dialect, async (store) => {
        const row = incident()
        await assert.rejects(
          store.writeDeclared(async (tx) => {
            await tx.incidents.insert(row)
            await tx.audit.append({ at: T0, actor: 'alice', action: 'incident.create', objectType: 'incident', objectId: row.id, before: null, after: row, door: 'api' })
            throw new Error('validation failed late')
          }),
          /validation failed late/,
        )
        assert.equal(await store.incidents.get(row.id), null)
        assert.deepEqual(await store.audit.list(), [])
      })
    })
  })
}
