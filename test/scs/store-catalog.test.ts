/**
 * The catalogue tables on both dialects: seeds, generations, unique severity values, the rename
 * of an impact type reaching the impacts that name it, component writes.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { newId } from '../../src/core/index.js'
import { impactTypeIdOf } from '../../src/store/index.js'
import { DIALECTS, dialectParts, withStore } from '../store/harness.js'

const parts = dialectParts()
const T0 = 1_800_000_000_000

for (const dialect of DIALECTS) {
  const part = parts[dialect]
  describe(`store catalogue on ${dialect}`, { skip: part.available ? false : part.skip }, () => {
    test('seeds: impact types with name-derived ids, the SCS severities, generation 1', async () => {
      await withStore(dialect, async (store) => {
        const types = await store.catalog.impactTypes()
        assert.equal(types.find((type) => type.displayName === 'Maintenance')?.id, impactTypeIdOf('Maintenance'))
        assert.deepEqual((await store.catalog.severities()).map((level) => level.value), [33, 66, 100])
        assert.deepEqual((await store.catalog.phases())?.phases.map((phase) => phase.native), ['investigating', 'identified', 'monitoring', 'resolved'])
        assert.equal(await store.catalog.phases(2), null)
      })
    })
    test('writes: generations, unique values, renames reach impacts, components', async () => {
      await withStore(dialect, async (store) => {
        const incidentId = newId()
        await store.writeDeclared(async (tx) => {
          await tx.catalog.insertPhases({ generation: 2, phases: [{ name: 'Open', native: 'investigating' }, { name: 'Closed', native: 'resolved' }] }, T0)
          await tx.incidents.insert({ id: incidentId, name: null, title: 'x', description: null, phase: 'investigating', beganAt: T0, endedAt: null, managed: 'api', origin: 'human', source: null, createdAt: T0, updatedAt: T0, archivedAt: null })
          await tx.incidents.insertImpact({ id: newId(), incidentId, component: 'compute', location: 'global', type: 'Unknown', severity: 50, from: T0, to: null })
          const unknown = (await tx.catalog.impactTypes()).find((type) => type.displayName === 'Unknown')!
          await tx.catalog.updateImpactType(unknown, { ...unknown, displayName: 'Unclear' }, T0)
          await tx.catalog.insertComponent({ id: newId(), name: 'storage', displayName: 'Storage', labels: { b: '2', a: '1' }, now: T0 })
        })
        assert.equal((await store.catalog.phases())?.generation, 2)
        assert.equal((await store.catalog.phases(1))?.phases.length, 4)
        assert.equal((await store.incidents.impacts([incidentId]))[0]?.type, 'Unclear')
        assert.deepEqual(await store.catalog.usedImpactTypeNames(), ['Unclear'])
        assert.deepEqual((await store.components.list()).find((component) => component.name === 'storage')?.labels, { a: '1', b: '2' })
        await assert.rejects(store.writeDeclared((tx) => tx.catalog.insertSeverity({ name: 'dup', value: 66 }, T0)))
      })
    })
  })
}
