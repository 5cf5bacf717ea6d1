import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { newId } from '../../src/core/index.js'
import { WHOLE_INCIDENT } from '../../src/store/index.js'
import { DIALECTS, dialectParts, withStore } from './harness.js'
import { incident, T0 } from './incident-rows.js'

const parts = dialectParts()
for (const dialect of DIALECTS) {
  const part = parts[dialect]
  describe(`store retractions, templates, notices on ${dialect}`, { skip: part.available ? false : part.skip }, () => {
    test('a retracted incident leaves list, open and active impacts; a retracted update leaves the published updates; rows stay', async () => {
      await withStore(dialect, async (store) => {
        const kept = incident()
        const gone = incident({ beganAt: T0 + 1 })
        await store.writeDeclared(async (tx) => {
          for (const row of [kept, gone]) {
            await tx.incidents.insert(row)
            await tx.incidents.insertImpact({ id: newId(), incidentId: row.id, component: 'compute', location: 'R1', type: 'Unknown', severity: 70, from: T0, to: null })
            for (const seq of [1, 2]) await tx.incidents.insertUpdate({ incidentId: row.id, seq, phase: 'investigating', text: `u${seq}`, at: T0 + seq, recordedAt: T0 + seq, actor: 'alice' })
          }
          await tx.retractions.insert({ incidentId: gone.id, seq: WHOLE_INCIDENT, retractedAt: T0 + 10, reason: 'wrong cloud', actor: 'alice' })
          await tx.retractions.insert({ incidentId: kept.id, seq: 2, retractedAt: T0 + 11, reason: 'typo', actor: 'bob' })
        })
        assert.deepEqual((await store.incidents.list({ limit: 10 })).map((row) => row.id), [kept.id])
        assert.deepEqual((await store.incidents.open()).map((row) => row.id), [kept.id])
        assert.deepEqual((await store.incidents.activeImpacts(T0 + 5)).map((impact) => impact.incidentId), [kept.id])
        assert.deepEqual((await store.incidents.updates(kept.id)).map((update) => update.seq), [1])
        assert.deepEqual(await store.incidents.get(gone.id), gone, 'the content stays')
        assert.deepEqual(await store.retractions.ofIncident(gone.id), [{ incidentId: gone.id, seq: 0, retractedAt: T0 + 10, reason: 'wrong cloud', actor: 'alice' }])
        assert.equal((await store.writeDeclared((tx) => tx.incidents.updates(kept.id))).length, 2, 'writes still see every update (orders are never reused)')
      })
    })

    test('templates, notices and component sources round-trip', async () => {
      await withStore(dialect, async (store) => {
        await store.components.sync([{ name: 'compute', displayName: 'Compute' }], T0)
        const template = {
          id: newId(), name: 'boot', title: 'Boots fail', description: null, text: 'Looking', phase: 'identified' as const,
          impacts: [{ component: 'compute', location: 'R1', type: 'Unknown', severity: 70 }], managed: 'config' as const, source: 'g.yaml:3', createdAt: T0, updatedAt: T0, archivedAt: null,
        }
        const notice = { id: newId(), name: null, title: 'Hotline', text: 'New number', start: null, end: T0 + 100, managed: 'api' as const, source: null, createdAt: T0, updatedAt: T0, archivedAt: null }
        await store.writeDeclared(async (tx) => {
          await tx.templates.insert(template)
          await tx.notices.insert(notice)
          await tx.componentSources.setSources(new Map([['compute', 'g.yaml:9']]))
        })
        assert.deepEqual(await store.templates.list(), [template])
        assert.deepEqual(await store.templates.byName('boot'), template)
        assert.deepEqual(await store.notices.list({ notEndedAt: T0 + 99 }), [notice])
        assert.deepEqual(await store.notices.list({ notEndedAt: T0 + 100 }), [], 'ended at its end')
        const compute = (await store.components.list())[0]!
        assert.equal(await store.writeDeclared((tx) => tx.componentSources.sourceOf(compute.id)), 'g.yaml:9')
        await store.writeDeclared((tx) => tx.templates.update(template.id, { archivedAt: T0 + 1, impacts: [] }))
        assert.deepEqual(await store.templates.list(), [])
        assert.deepEqual((await store.templates.get(template.id))?.impacts, [])
      })
    })
  })
}
