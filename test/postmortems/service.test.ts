import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { InvalidInputError, StateConflictError } from '../../src/incidents/index.js'
import { REFRESH_NOTE, RevisionConflictError, PostmortemNotFoundError } from '../../src/postmortems/index.js'
import { FAN_OUT_RECEIVER, SubscriberEventSchema } from '../../src/subscriptions/index.js'
import { generatedEntry, T0 } from './fixtures.js'
import { OPERATOR, withBench, type Bench } from './support.js'
import { DIALECTS, dialectParts } from '../store/harness.js'

/** A draft of one resolved incident, moved to in_review, with a TL;DR. */
async function reviewed(bench: Bench, sections: Record<string, unknown> = {}) {
  const incidentId = await bench.incident()
  const draft = await bench.postmortems.create({ incidentIds: [incidentId], sections: { tldr: 'Servers did not start for an hour.', ...sections } }, OPERATOR)
  const inReview = await bench.postmortems.transition(draft.id, 'in_review', { revision: 1, notify: true }, OPERATOR)
  return { incidentId, postmortem: inReview }
}

function issuePaths(error: unknown): string[] {
  assert.ok(error instanceof InvalidInputError, `expected InvalidInputError, got ${String(error)}`)
  assert.equal(error.status, 422)
  return error.issues.map((issue) => issue.path)
}

async function rejectsWith(promise: Promise<unknown>, paths: string[]): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    const found = issuePaths(error)
    for (const path of paths) assert.ok(found.includes(path), `${path} not among ${found.join(', ')}`)
    return true
  })
}

describe('postmortem service', () => {
  test('create builds a draft from evidence, stores revision 1 and audits it', async () => {
    await withBench(async (bench) => {
      const incidentId = await bench.incident({ title: 'Boots fail' })
      const draft = await bench.postmortems.create({ incidentIds: [incidentId] }, OPERATOR)
      assert.equal(draft.status, 'draft')
      assert.equal(draft.revision, 1)
      assert.equal(draft.title, 'Postmortem: Boots fail')
      assert.deepEqual(draft.timeline.map((entry) => entry.id), ['e-fail'])
      assert.deepEqual(bench.evidence.calls, [[incidentId]])
      assert.deepEqual(await bench.postmortems.get(draft.id), draft)
      assert.deepEqual((await bench.postmortems.revisions(draft.id)).map((revision) => [revision.revision, revision.status, revision.actor]), [[1, 'draft', 'alice']])
      const audit = await bench.store.audit.list({ objectType: 'postmortem', objectId: draft.id })
      assert.deepEqual(audit.map((event) => [event.action, event.before, (event.after as { revision: number }).revision]), [['postmortem.create', null, 1]])
    })
  })

  test('linked incidents must exist and not be retracted; bad fields each get a 422 issue', async () => {
    await withBench(async (bench) => {
      const incidentId = await bench.incident()
      await rejectsWith(bench.postmortems.create({ incidentIds: ['0190aaaa-0000-7000-8000-000000000000'] }, OPERATOR), ['incidentIds.0'])
      await rejectsWith(bench.postmortems.create({ incidentIds: [] }, OPERATOR), ['incidentIds'])
      await rejectsWith(bench.postmortems.create({ incidentIds: [incidentId, incidentId] }, OPERATOR), ['incidentIds'])
      const bad = {
        title: 'x'.repeat(201),
        tldr: 'y'.repeat(20_001),
        actionItems: [{ title: 'Alert on disk', ownerRole: '', dueDate: '2026-02-30', url: 'javascript:alert(1)' }],
        redactions: ['ab', 'dact', 'db[7]', 'ok phrase'],
        handbookPages: ['../etc'],
      }
      await rejectsWith(bench.postmortems.create({ incidentIds: [incidentId], sections: bad }, OPERATOR), [
        'sections.title', 'sections.tldr', 'sections.actionItems.0.ownerRole', 'sections.actionItems.0.dueDate', 'sections.actionItems.0.url',
        'sections.redactions.0', 'sections.redactions.1', 'sections.redactions.2', 'sections.handbookPages.0',
      ])
      await rejectsWith(bench.postmortems.create({ incidentIds: [incidentId], sections: { secret: 1 } as never }, OPERATOR), ['sections'])
      const draft = await bench.postmortems.create({ incidentIds: [incidentId] }, OPERATOR)
      const retracted = await bench.incident()
      await bench.incidents.retractIncident(retracted, 'Posted on the wrong page', OPERATOR)
      await rejectsWith(bench.postmortems.create({ incidentIds: [retracted] }, OPERATOR), ['incidentIds.0'])
      await rejectsWith(bench.postmortems.update(draft.id, { revision: 1, incidentIds: [incidentId, retracted] }, OPERATOR), ['incidentIds.1'])
      await rejectsWith(bench.postmortems.update(draft.id, { revision: 1, timeline: { annotate: [{ id: 'nope', annotation: 'x' }] } }, OPERATOR), ['timeline.annotate.0.id'])
      await rejectsWith(bench.postmortems.update(draft.id, { revision: 1, timeline: { removeNotes: ['e-fail'] } }, OPERATOR), ['timeline.removeNotes.0'])
      await assert.rejects(bench.postmortems.update('missing', { revision: 1 }, OPERATOR), PostmortemNotFoundError)
      assert.equal((await bench.store.audit.list({ objectType: 'postmortem' })).length, 1, 'refused writes leave no audit event')
    })
  })

  test('an edit that changes nothing stores no revision and no audit entry', async () => {
    await withBench(async (bench) => {
      const draft = await bench.postmortems.create({ incidentIds: [await bench.incident()] }, OPERATOR)
      const edited = await bench.postmortems.update(draft.id, { revision: 1, sections: { rootCause: 'A full disk.' } }, OPERATOR)
      const again = await bench.postmortems.update(draft.id, { revision: 2, sections: { rootCause: 'A full disk.' } }, OPERATOR)
      assert.deepEqual(again, edited)
      assert.deepEqual((await bench.postmortems.revisions(draft.id)).map((revision) => revision.revision), [1, 2])
      assert.equal((await bench.store.audit.list({ objectType: 'postmortem', objectId: draft.id })).length, 2)
    })
  })

  test('an edit from a stale revision is a 409 conflict and changes nothing', async () => {
    await withBench(async (bench) => {
      const draft = await bench.postmortems.create({ incidentIds: [await bench.incident()] }, OPERATOR)
      await bench.postmortems.update(draft.id, { revision: 1, sections: { rootCause: 'A full disk.' } }, OPERATOR)
      await assert.rejects(bench.postmortems.update(draft.id, { revision: 1, sections: { rootCause: 'Lost' } }, OPERATOR), (error: unknown) => {
        assert.ok(error instanceof RevisionConflictError)
        assert.equal(error.status, 409)
        return true
      })
      await assert.rejects(bench.postmortems.transition(draft.id, 'in_review', { revision: 1, notify: false }, OPERATOR), RevisionConflictError)
      assert.equal((await bench.postmortems.get(draft.id))?.rootCause, 'A full disk.')
    })
  })

  test('the workflow: draft → in_review ⇄ draft, in_review → published; nothing else', async () => {
    await withBench(async (bench) => {
      const draft = await bench.postmortems.create({ incidentIds: [await bench.incident()], sections: { tldr: 'Short.' } }, OPERATOR)
      await assert.rejects(bench.postmortems.transition(draft.id, 'published', { revision: 1, notify: false }, OPERATOR), StateConflictError)
      await assert.rejects(bench.postmortems.transition(draft.id, 'draft', { revision: 1, notify: false }, OPERATOR), StateConflictError)
      const review = await bench.postmortems.transition(draft.id, 'in_review', { revision: 1, notify: false }, OPERATOR)
      const back = await bench.postmortems.transition(draft.id, 'draft', { revision: review.revision, notify: false }, OPERATOR)
      const again = await bench.postmortems.transition(draft.id, 'in_review', { revision: back.revision, notify: false }, OPERATOR)
      bench.clock.set(bench.clock.now() + 1000)
      const published = await bench.postmortems.transition(draft.id, 'published', { revision: again.revision, notify: false }, OPERATOR)
      assert.equal(published.status, 'published')
      assert.equal(published.publishedAt, bench.clock.now())
      for (const to of ['draft', 'in_review', 'published'] as const) {
        await assert.rejects(bench.postmortems.transition(draft.id, to, { revision: published.revision, notify: false }, OPERATOR), StateConflictError)
      }
      const actions = (await bench.store.audit.list({ objectType: 'postmortem', objectId: draft.id })).map((event) => event.action)
      assert.deepEqual(actions, ['postmortem.create', 'postmortem.submit', 'postmortem.send-back', 'postmortem.submit', 'postmortem.publish'])
    })
  })

  test('publishing needs a TL;DR and resolved, unretracted incidents', async () => {
    await withBench(async (bench) => {
      const open = await bench.incident({ resolved: false })
      const draft = await bench.postmortems.create({ incidentIds: [open], sections: { tldr: '   ' } }, OPERATOR)
      const review = await bench.postmortems.transition(draft.id, 'in_review', { revision: 1, notify: true }, OPERATOR)
      await rejectsWith(bench.postmortems.transition(draft.id, 'published', { revision: review.revision, notify: true }, OPERATOR), ['tldr'])
      const written = await bench.postmortems.update(draft.id, { revision: review.revision, sections: { tldr: 'Servers failed.' } }, OPERATOR)
      await rejectsWith(bench.postmortems.transition(draft.id, 'published', { revision: written.revision, notify: true }, OPERATOR), ['incidentIds.0'])
      assert.equal((await bench.postmortems.get(draft.id))?.status, 'in_review')
      assert.deepEqual(await bench.store.outbox.list({ limit: 10 }), [], 'a refused publication queues nothing')
    })
  })

  test('publishing with notify queues exactly one public subscriber event; without notify none', async () => {
    await withBench(async (bench) => {
      const { postmortem } = await reviewed(bench, { title: 'db7.internal filled up', redactions: ['db7.internal'] })
      await bench.postmortems.transition(postmortem.id, 'published', { revision: postmortem.revision, notify: true }, OPERATOR)
      const messages = await bench.store.outbox.list({ limit: 10 })
      assert.equal(messages.length, 1)
      assert.equal(messages[0]!.receiver, FAN_OUT_RECEIVER)
      const event = SubscriberEventSchema.parse(messages[0]!.payload)
      assert.equal(event.kind, 'postmortem.published')
      assert.deepEqual(event.subject, { type: 'postmortem', id: postmortem.id })
      assert.equal(event.title, '[redacted] filled up')
      assert.deepEqual(event.targets, [{ component: 'compute', locations: ['R1'] }])

      const silent = await reviewed(bench)
      await bench.postmortems.transition(silent.postmortem.id, 'published', { revision: silent.postmortem.revision, notify: false }, OPERATOR)
      assert.equal((await bench.store.outbox.list({ limit: 10 })).length, 1)
    })
  })

  test('publishing pins the evidence of every linked incident’s series over the timeline window', async () => {
    await withBench(async (bench) => {
      bench.evidence.timeline = [generatedEntry('early', T0 - 600_000, 'First failure')]
      const { incidentId, postmortem } = await reviewed(bench)
      await bench.postmortems.transition(postmortem.id, 'published', { revision: postmortem.revision, notify: false }, OPERATOR)
      const pins = await bench.store.evidencePins.forIncident(incidentId)
      const checkIds = pins.map((pin) => pin.checkId)
      assert.ok(checkIds.includes('') && checkIds.includes('chk'), `series and timeline check pinned: ${checkIds.join(',')}`)
      for (const pin of pins) {
        assert.ok(pin.from <= T0 - 600_000, 'from the first timeline entry')
        assert.ok(pin.to === null || pin.to >= T0 + 3_600_000, 'to the end of the measured period')
      }
    })
  })

  test('after publication every edit needs a change note, and every revision stays', async () => {
    await withBench(async (bench) => {
      const { postmortem } = await reviewed(bench)
      const published = await bench.postmortems.transition(postmortem.id, 'published', { revision: postmortem.revision, notify: false }, OPERATOR)
      await rejectsWith(bench.postmortems.update(postmortem.id, { revision: published.revision, sections: { rootCause: 'Disk.' } }, OPERATOR), ['changeNote'])
      await rejectsWith(bench.postmortems.update(postmortem.id, { revision: published.revision, sections: { tldr: '' }, changeNote: 'Cleared' }, OPERATOR), ['tldr'])
      bench.clock.set(bench.clock.now() + 5000)
      const edited = await bench.postmortems.update(postmortem.id, { revision: published.revision, sections: { rootCause: 'A full disk.' }, changeNote: 'Corrected the root cause' }, OPERATOR)
      assert.equal(edited.status, 'published')
      const revisions = await bench.postmortems.revisions(postmortem.id)
      assert.deepEqual(revisions.map((revision) => revision.revision), [1, 2, 3, 4])
      assert.deepEqual(revisions.slice(2).map((revision) => [revision.snapshot.rootCause, revision.changeNote]), [['', null], ['A full disk.', 'Corrected the root cause']], 'the published revision is kept as it was')
      const view = await bench.postmortems.published(postmortem.id)
      assert.deepEqual(view?.revisions.map((revision) => [revision.revision, revision.changeNote]), [[3, null], [4, 'Corrected the root cause']])
      assert.equal(view?.publishedAt, published.publishedAt, 'the first publication stays the publication time')
    })
  })

  test('an old published revision reads as it was, with phrases redacted later hidden too', async () => {
    await withBench(async (bench) => {
      const { postmortem } = await reviewed(bench, { rootCause: 'Disk of db7.internal full' })
      const published = await bench.postmortems.transition(postmortem.id, 'published', { revision: postmortem.revision, notify: false }, OPERATOR)
      const edited = await bench.postmortems.update(postmortem.id, { revision: published.revision, sections: { rootCause: 'A full disk.', redactions: ['db7.internal'] }, changeNote: 'Hid the host' }, OPERATOR)
      const old = await bench.postmortems.publishedRevision(postmortem.id, published.revision)
      assert.equal(old?.rootCause, 'Disk of [redacted] full')
      assert.deepEqual(old?.revisions.map((revision) => revision.revision), [published.revision])
      assert.equal((await bench.postmortems.publishedRevision(postmortem.id, edited.revision))?.rootCause, 'A full disk.')
      assert.equal(await bench.postmortems.publishedRevision(postmortem.id, 1), null, 'a draft revision is not public')
    })
  })

  test('refreshing evidence keeps annotations, internal flags and notes; a published refresh has its note', async () => {
    await withBench(async (bench) => {
      const draft = await bench.postmortems.create({ incidentIds: [await bench.incident()], sections: { tldr: 'Short.' } }, OPERATOR)
      const annotated = await bench.postmortems.update(draft.id, {
        revision: 1,
        timeline: { annotate: [{ id: 'e-fail', annotation: 'The disk filled here', internal: true }], addNotes: [{ at: T0 + 10, text: 'Paged storage on-call' }] },
      }, OPERATOR)
      const note = annotated.timeline.find((entry) => entry.kind === 'note')!
      bench.evidence.timeline = [generatedEntry('e-fail', T0, 'Compute in R1 became degraded'), generatedEntry('e-new', T0 + 20, 'Recovered')]
      const refreshed = await bench.postmortems.refreshEvidence(draft.id, annotated.revision, OPERATOR)
      assert.deepEqual(refreshed.timeline.map((entry) => [entry.id, entry.annotation, entry.internal]), [
        ['e-fail', 'The disk filled here', true], [note.id, null, false], ['e-new', null, false],
      ])
      const removed = await bench.postmortems.update(draft.id, { revision: refreshed.revision, timeline: { removeNotes: [note.id] } }, OPERATOR)
      assert.deepEqual(removed.timeline.map((entry) => entry.id), ['e-fail', 'e-new'])
      let current = await bench.postmortems.transition(draft.id, 'in_review', { revision: removed.revision, notify: false }, OPERATOR)
      current = await bench.postmortems.transition(draft.id, 'published', { revision: current.revision, notify: false }, OPERATOR)
      assert.deepEqual(await bench.postmortems.refreshEvidence(draft.id, current.revision, OPERATOR), current, 'the same evidence: nothing to store')
      bench.evidence.timeline = [...bench.evidence.timeline, generatedEntry('e-later', T0 + 30, 'Confirmed')]
      await bench.postmortems.refreshEvidence(draft.id, current.revision, OPERATOR)
      assert.equal((await bench.postmortems.revisions(draft.id)).at(-1)?.changeNote, REFRESH_NOTE)
      const actions = (await bench.store.audit.list({ objectType: 'postmortem', objectId: draft.id })).map((event) => event.action)
      assert.equal(actions.filter((action) => action === 'postmortem.refresh').length, 2)
      assert.equal(actions.length, (await bench.postmortems.revisions(draft.id)).length, 'one audit event per saved revision')
    })
  })

  test('public reads show published postmortems only, by incident and filtered', async () => {
    await withBench(async (bench) => {
      const { incidentId, postmortem } = await reviewed(bench)
      assert.equal(await bench.postmortems.published(postmortem.id), null)
      assert.equal((await bench.postmortems.preview(postmortem.id))?.id, postmortem.id)
      assert.equal(await bench.postmortems.preview('missing'), null)
      await bench.postmortems.transition(postmortem.id, 'published', { revision: postmortem.revision, notify: false }, OPERATOR)
      assert.deepEqual((await bench.postmortems.publishedForIncident(incidentId)).map((item) => item.id), [postmortem.id])
      assert.deepEqual((await bench.postmortems.publishedList({ component: 'compute' })).map((item) => item.id), [postmortem.id])
      assert.deepEqual(await bench.postmortems.publishedList({ component: 'network' }), [])
      assert.deepEqual(await bench.postmortems.publishedList({ from: T0 + 3_600_001 }), [], 'the period ended before')
      assert.deepEqual((await bench.postmortems.list({ status: 'published' })).map((item) => item.id), [postmortem.id])
    })
  })
})

const parts = dialectParts()
for (const dialect of DIALECTS) {
  const part = parts[dialect]
  describe(`postmortem edits racing on ${dialect}`, { skip: part.available ? false : part.skip }, () => {
    test('two edits from the same revision: one saves, the other is a conflict', async () => {
      await withBench(async (bench) => {
        const draft = await bench.postmortems.create({ incidentIds: [await bench.incident()] }, OPERATOR)
        const outcomes = await Promise.allSettled(['First', 'Second'].map((rootCause) => bench.postmortems.update(draft.id, { revision: 1, sections: { rootCause } }, OPERATOR)))
        assert.deepEqual(outcomes.map((outcome) => outcome.status).sort(), ['fulfilled', 'rejected'])
        const refused = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult
        assert.ok(refused.reason instanceof RevisionConflictError, String(refused.reason))
        assert.deepEqual((await bench.postmortems.revisions(draft.id)).map((revision) => revision.revision), [1, 2])
        assert.equal((await bench.store.audit.list({ objectType: 'postmortem', objectId: draft.id })).length, 2)
      }, dialect)
    })
  })
}
