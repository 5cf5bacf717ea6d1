/**
 * Issue 9's property: whatever a published postmortem holds, its internal notes, internal
 * timeline annotations and notes, internal action items, and every redaction phrase (planted in
 * public fields in any case; one added only after publication) never appear — case-insensitively,
 * raw or HTML/XML-escaped — in its page (English and German), the list, the incident page, the
 * Atom feed, the public API, the subscriber event and what every webhook format received, the
 * mail, nor in any file of a static copy rendered at the end.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import fc from 'fast-check'
import type { ActionItem } from '../../../src/postmortems/index.js'
import { renderSite } from '../../../src/static-copy/index.js'
import { eventMail } from '../../../src/subscriptions/render-email.js'
import { entry } from './fixture.js'
import { subscriberBench, type SubscriberBench } from './subscribers.js'

const TAIL = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789&<>\'.-_/:*'), minLength: 3, maxLength: 10 })
/** A distinctive secret: a tag no page text contains, then random characters HTML and Markdown care about. */
const secret = (tag: string) => TAIL.map((tail) => `${tag}${tail}`)
/** A phrase as an author would redact it (no brackets, quotes or backslashes; trimmed). */
const phrase = (tag: string) => fc.tuple(secret(tag), fc.constantFrom('', ' host', '.internal')).map(([core, suffix]) => `${core}${suffix}`)
/** How a phrase is spelled where it is planted. */
const spelling = fc.constantFrom((text: string) => text, (text: string) => text.toUpperCase(), (text: string) => text.replace(/^./, (c) => c.toUpperCase()))

const content = fc.record({
  note: secret('qzn'),
  annotation: secret('qza'),
  internalEntry: secret('qzt'),
  item: secret('qzi'),
  itemOwner: secret('qzo'),
  phrases: fc.uniqueArray(phrase('qzx'), { minLength: 1, maxLength: 3, selector: (text) => text.toLowerCase() }),
  late: phrase('qzl'),
  spell: spelling,
  words: fc.lorem({ maxCount: 6 }),
})

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&apos;': "'", '&#x27;': "'" }
const decode = (text: string) => text.replace(/&(amp|lt|gt|quot|#39|apos|#x27);/g, (entity) => ENTITIES[entity]!)

/** The secrets found in `output`, raw or escaped up to twice (Atom content is escaped HTML). */
function leaked(output: string, secrets: readonly string[]): string[] {
  const forms = [output, decode(output), decode(decode(output))].map((form) => form.toLowerCase())
  return secrets.filter((one) => forms.some((form) => form.includes(one.toLowerCase())))
}

describe('redacted content never reaches a public output', () => {
  let bench: SubscriberBench
  const everySecret: string[] = []
  before(async () => {
    bench = await subscriberBench()
  })
  after(() => bench.dispose())

  test('page, list, incident page, feed, public API, subscriber event, webhooks and mail', async () => {
    let run = 0
    await fc.assert(
      fc.asyncProperty(content, async (c) => {
        run += 1
        const incident = await bench.incident(`Incident ${run}`)
        const [p1, ...more] = c.phrases
        const spell = (text: string) => c.spell(text)
        bench.evidence.timeline = [
          entry('e-first', bench.h.clock.now() - 600_000, 'First failing check', { kind: 'probe-failure' }),
          entry('e-state', bench.h.clock.now() - 500_000, 'State changed'),
        ]
        const publicItem = { title: `Fix ${spell(p1!)}`, ownerRole: 'network team', dueDate: null, status: 'open', url: null, internal: false }
        const internalItem = { title: c.item, ownerRole: c.itemOwner, dueDate: '2027-01-31', status: 'open', url: `https://tracker.example/${encodeURIComponent(c.item)}`, internal: true }
        const published = await bench.publish(
          [incident],
          {
            title: `Outage at ${spell(p1!)} ${run}`,
            tldr: `${c.words} ${spell(p1!)} ${more.map(spell).join(' ')}`,
            impactSummary: `Customers of ${spell(more[0] ?? p1!)} saw errors.`,
            rootCause: `The disk of ${c.late} filled up; see ${spell(p1!)}.`,
            wentBadly: `*${spell(p1!)}* was slow`,
            internalNotes: `${c.note} ${c.words}`,
            actionItems: [publicItem, internalItem] as unknown as ActionItem[],
            redactions: c.phrases,
          },
          {
            timeline: {
              annotate: [
                { id: 'e-first', annotation: `Seen on ${spell(p1!)}` },
                { id: 'e-state', annotation: c.annotation, internal: true },
              ],
              addNotes: [{ at: bench.h.clock.now() - 400_000, text: c.internalEntry, internal: true }],
            },
          },
        )
        const event = (await bench.events()).get(published.id)
        assert.ok(event !== undefined, 'the publication queued its event')
        bench.received.length = 0
        await bench.h.drain()
        bench.h.clock.advance(60_000)
        // A phrase redacted only after publication disappears from the page and its revision diff.
        const edited = await bench.postmortems.update(published.id, { revision: published.revision, sections: { redactions: [...c.phrases, c.late], rootCause: `The disk filled up; see ${spell(p1!)}.` }, changeNote: 'Redacted a host name' }, { actor: 'editor-7c1f', door: 'api' })
        assert.equal(edited.status, 'published')

        const secrets = [c.note, c.annotation, c.internalEntry, c.item, c.itemOwner, ...c.phrases, c.late]
        everySecret.push(...secrets)
        const get = async (path: string, headers: Record<string, string> = {}) => {
          const res = await bench.h.app.request(path, { headers })
          assert.equal(res.status, 200, `${path}: ${res.status}`)
          return res.text()
        }
        const mail = eventMail(event, { siteName: 'Test cloud', baseUrl: 'http://status.test', names: { compute: 'Compute' } }, { unsubscribe: 'http://status.test/u', manage: 'http://status.test/m' })
        const outputs = {
          page: await get(`/postmortems/${published.id}`),
          pageDe: await get(`/postmortems/${published.id}`, { 'accept-language': 'de' }),
          list: await get('/postmortems'),
          incident: await get(`/incidents/${incident}`),
          feed: await get('/postmortems/feed.atom'),
          api: await get('/api/v1/public/postmortems'),
          apiOne: await get(`/api/v1/public/postmortems/${published.id}`),
          event: JSON.stringify(event),
          webhooks: JSON.stringify(bench.received),
          mail: `${mail.subject}\n${mail.text}\n${mail.html}`,
        }
        assert.equal(bench.received.length, 4, 'every webhook got the event')
        assert.match(outputs.page, /\[redacted\]/, 'the redactions show as such')
        assert.match(outputs.page, /Redacted a host name/, 'the revision after publication is listed')
        for (const [name, output] of Object.entries(outputs) as [string, string][]) assert.deepEqual(leaked(output, secrets), [], `${name} leaks`)
      }),
      { numRuns: 25 },
    )
  })

  test('nor any file of the static copy', async () => {
    assert.ok(everySecret.length > 0, 'the property ran first')
    const site = await renderSite(bench.h.app, { generatedAt: bench.h.clock.now(), staleAfterMs: 180_000, name: 'Test cloud' })
    const pages = [...site.files.keys()].filter((file) => file.includes('postmortems/') && file.endsWith('index.html'))
    assert.ok(pages.length >= 2 * 25, `every postmortem page in both languages is in the copy (${pages.length})`)
    for (const [file, body] of site.files) {
      if (file.endsWith('.gz')) continue
      assert.deepEqual(leaked(new TextDecoder().decode(body), everySecret), [], `${file} leaks`)
    }
  })
})
