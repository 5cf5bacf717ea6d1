import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { publicPostmortem, RedactionPhraseSchema, redactor, REDACTED_MARK, type Postmortem, type PostmortemRevision, type TimelineEntry } from '../../src/postmortems/index.js'
import { samplePostmortem, T0 } from './fixtures.js'

/**
 * Texts are made of letters that also spell the mark, brackets, and letters no key or fixed value
 * of the output contains (q, z, j) — so a phrase (which must contain one of those) can only show
 * up in the output if the projection leaked it or the mark re-created it.
 */
const letters = fc.constantFrom('q', 'z', 'j', 'Q', 'Z', 'r', 'e', 'd', 'a', 'c', 't', 'E', 'D', '[', ']', ' ', '-')
const phrase = fc
  .string({ unit: letters, minLength: 3, maxLength: 8 })
  .filter((text) => /[qzj]/i.test(text) && RedactionPhraseSchema.safeParse(text).success)
  .map((text) => text.trim())
const secret = fc.string({ unit: fc.constantFrom('q', 'z', 'j', 'x', 'y'), minLength: 6, maxLength: 10 }).map((text) => `INTERNALjq${text}`)

function randomCase(text: string, seed: number): string {
  return [...text].map((char, index) => ((seed >> index % 16) & 1 ? char.toUpperCase() : char.toLowerCase())).join('')
}

/** A text mixing phrases (in random case), mark fragments and noise. */
const textWith = (phrases: string[]) =>
  fc
    .array(fc.oneof(fc.string({ unit: letters, maxLength: 6 }), fc.constantFrom(REDACTED_MARK, '[red', 'cted]', 'acted'), fc.tuple(fc.constantFrom(...phrases), fc.nat()).map(([text, seed]) => randomCase(text, seed))), { maxLength: 8 })
    .map((parts) => parts.join(''))

const scenario = fc
  .uniqueArray(phrase, { minLength: 1, maxLength: 4, comparator: (a, b) => a.toLowerCase() === b.toLowerCase() })
  .chain((phrases) =>
    fc.record({
      phrases: fc.constant(phrases),
      secrets: fc.array(secret, { minLength: 4, maxLength: 4 }),
      texts: fc.array(textWith(phrases), { minLength: 12, maxLength: 12 }),
      changeNote: textWith(phrases),
    }),
  )

function entry(id: string, text: string, options: { internal: boolean; annotation: string | null; detail: string; component: string }): TimelineEntry {
  return {
    id, at: T0, kind: 'state-change', text, annotation: options.annotation, internal: options.internal,
    evidence: { component: options.component, location: 'R1', incidentId: null, checkId: 'chk', resultId: 'res', requestIds: [options.detail], rule: options.detail, detail: { error: options.detail } },
  }
}

function postmortemOf(input: { phrases: string[]; secrets: string[]; texts: string[] }): Postmortem {
  const [s0, s1, s2, s3] = input.secrets as [string, string, string, string]
  const t = input.texts
  return samplePostmortem({
    title: t[0]!, tldr: t[1]!, impactSummary: t[2]!, rootCause: t[3]!, contributingFactors: t[4]!, wentWell: t[5]!, wentBadly: t[6]!,
    internalNotes: `${s0} ${t[7]}`, redactions: input.phrases, handbookPages: [],
    actionItems: [
      { id: 'a1', title: t[8]!, ownerRole: t[9]!, dueDate: null, status: 'open', url: `https://tracker.example/${t[10]}`, internal: false },
      { id: 'a2', title: s1, ownerRole: 'on-call', dueDate: null, status: 'open', url: null, internal: true },
    ],
    timeline: [
      entry('e1', t[10]!, { internal: false, annotation: t[11]!, detail: s2, component: t[11]! }),
      entry('e2', s3, { internal: true, annotation: s3, detail: s3, component: 'compute' }),
    ],
  })
}

test('no redaction phrase, internal note, internal entry or evidence ever appears in the public projection', () => {
  fc.assert(
    fc.property(scenario, (input) => {
      const postmortem = postmortemOf(input)
      const revisions: PostmortemRevision[] = [{ postmortemId: postmortem.id, revision: 1, at: T0, actor: 'alice', status: 'published', changeNote: input.changeNote, snapshot: postmortem }]
      const output = JSON.stringify(publicPostmortem(postmortem, revisions)).toLowerCase()
      for (const phrase of input.phrases) assert.ok(!output.includes(phrase.toLowerCase()), `phrase ${JSON.stringify(phrase)} leaked`)
      for (const hidden of input.secrets) assert.ok(!output.includes(hidden.toLowerCase()), `${hidden} leaked`)
    }),
    { numRuns: 500 },
  )
})

test('the projection keeps what is public and leaves out what is internal', () => {
  const postmortem = samplePostmortem({
    title: 'DB7.internal filled up',
    actionItems: [
      { id: 'a1', title: 'Alert on disk', ownerRole: 'storage on-call', dueDate: '2026-12-31', status: 'open', url: 'https://tracker.example/1', internal: false },
      { id: 'a2', title: 'Talk to vendor', ownerRole: 'storage team', dueDate: null, status: 'open', url: null, internal: true },
    ],
  })
  const view = publicPostmortem(postmortem, [], ['alert'])
  assert.equal(view.title, '[redacted] filled up')
  assert.deepEqual(view.actionItems, [{ id: 'a1', title: '[redacted] on disk', ownerRole: 'storage on-call', dueDate: '2026-12-31', status: 'open', url: 'https://tracker.example/1' }])
  assert.deepEqual(view.timeline, [{ at: T0, kind: 'state-change', text: 'Compute in R1 became degraded', annotation: null, component: 'compute', location: 'R1' }])
  assert.equal(view.id, postmortem.id)
  assert.equal('internalNotes' in view, false)
  assert.equal(redactor(['aaa'])('AAAA aaa'), '[redacted]A [redacted]', 'case-insensitive, left to right')
})

test('a phrase that is part of the mark, or holds brackets or quotes, is refused', () => {
  for (const bad of ['red', 'ACTED]', '[re', 'ab', 'a"b', 'a\\b', 'x\ny']) assert.equal(RedactionPhraseSchema.safeParse(bad).success, false, bad)
  for (const good of ['db7.internal', 'ACME Corp', 'redactedx']) assert.equal(RedactionPhraseSchema.safeParse(good).success, true, good)
})
