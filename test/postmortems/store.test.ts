import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS, dialectParts, withStore } from '../store/harness.js'
import { incident } from '../store/incident-rows.js'
import { samplePostmortem, T0 } from './fixtures.js'

const parts = dialectParts()
for (const dialect of DIALECTS) {
  const part = parts[dialect]
  describe(`store postmortems on ${dialect}`, { skip: part.available ? false : part.skip }, () => {
    test('a postmortem round-trips with its incidents in order, and lists filter by status and incident', async () => {
      await withStore(dialect, async (store) => {
        const [first, second] = [incident(), incident({ beganAt: T0 + 1 })]
        const draft = samplePostmortem({ incidentIds: [second.id, first.id] })
        const other = samplePostmortem({ incidentIds: [first.id], createdAt: T0 + 5, status: 'published', publishedAt: T0 + 9 })
        await store.writeDeclared(async (tx) => {
          await tx.incidents.insert(first)
          await tx.incidents.insert(second)
          await tx.postmortems.insert(draft)
          await tx.postmortems.insert(other)
        })
        assert.deepEqual(await store.postmortems.get(draft.id), draft)
        assert.equal(await store.postmortems.get('missing'), null)
        assert.deepEqual((await store.postmortems.list()).map((row) => row.id), [other.id, draft.id], 'newest first')
        assert.deepEqual((await store.postmortems.list({ status: 'draft' })).map((row) => row.id), [draft.id])
        assert.deepEqual((await store.postmortems.list({ incidentId: second.id })).map((row) => row.id), [draft.id])
        assert.deepEqual((await store.postmortems.published({ incidentId: first.id })).map((row) => row.id), [other.id])
        assert.deepEqual(await store.postmortems.published({ incidentId: second.id }), [])
      })
    })

    test('a save with a stale revision writes nothing; revisions are kept in order', async () => {
      await withStore(dialect, async (store) => {
        const row = incident()
        const draft = samplePostmortem({ incidentIds: [row.id] })
        const edited = { ...draft, revision: 2, title: 'Edited', incidentIds: [], updatedAt: T0 + 1 }
        await store.writeDeclared(async (tx) => {
          await tx.incidents.insert(row)
          await tx.postmortems.insert(draft)
          await tx.postmortems.insertRevision({ postmortemId: draft.id, revision: 1, at: T0, actor: 'alice', status: 'draft', changeNote: null, snapshot: draft })
        })
        assert.equal(await store.writeDeclared((tx) => tx.postmortems.save(edited, 1)), true)
        assert.equal(await store.writeDeclared((tx) => tx.postmortems.save({ ...edited, title: 'Lost' }, 1)), false)
        await store.writeDeclared((tx) => tx.postmortems.insertRevision({ postmortemId: draft.id, revision: 2, at: T0 + 1, actor: 'bob', status: 'draft', changeNote: 'why', snapshot: edited }))
        assert.deepEqual(await store.postmortems.get(draft.id), edited)
        const revisions = await store.postmortems.revisions(draft.id)
        assert.deepEqual(revisions.map((revision) => [revision.revision, revision.actor, revision.changeNote, revision.snapshot.title]), [[1, 'alice', null, draft.title], [2, 'bob', 'why', 'Edited']])
      })
    })

    test('evidence pins are created closed, widened, and an open pin stays open', async () => {
      await withStore(dialect, async (store) => {
        const row = incident({ endedAt: T0 + 100 })
        await store.writeDeclared((tx) => tx.incidents.insert(row))
        await store.evidencePins.pin([{ incidentId: row.id, component: 'compute', location: 'R1', checkId: '', from: T0 }], T0)
        const pins = [
          { incidentId: row.id, component: 'compute', location: 'R1', checkId: '', from: T0 - 50, to: T0 + 500 },
          { incidentId: row.id, component: 'compute', location: 'R1', checkId: 'chk', from: T0 - 50, to: T0 + 500 },
        ]
        await store.writeDeclared((tx) => tx.postmortems.pinEvidence(pins, T0 + 1000))
        await store.evidencePins.close(row.id, T0 + 200)
        await store.writeDeclared((tx) => tx.postmortems.pinEvidence([{ ...pins[1]!, from: T0, to: T0 + 900 }], T0 + 2000))
        const stored = (await store.evidencePins.forIncident(row.id)).map((pin) => [pin.checkId, pin.from, pin.to])
        assert.deepEqual(stored, [['', T0 - 50, T0 + 200], ['chk', T0 - 50, T0 + 900]])
      })
    })
  })
}
