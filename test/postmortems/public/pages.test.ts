/**
 * The public postmortem pages through the server app: the list (newest first, filters, paging,
 * bad filters), the permalink page (TL;DR first, measured impact with its method and "no
 * measurements" instead of 100 %, timeline, sections, action items, links, revision history with
 * a diff of the public projection), 404s, German, sanitised Markdown, print styles, and the
 * links from incident, history and component pages.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Postmortem } from '../../../src/postmortems/index.js'
import { entry, evidenceOf, publicBench, START, type PublicBench } from './fixture.js'

const TLDR = 'Starting servers in **R1** failed for an hour. <script>window.__pm = 1</script>'

describe('public postmortem pages', () => {
  let bench: PublicBench
  let computeIncident: string
  let storageIncident: string
  let compute: Postmortem
  let storage: Postmortem

  before(async () => {
    bench = await publicBench()
    computeIncident = await bench.incident('Compute API errors in R1')
    bench.evidence = evidenceOf(START, [{ component: 'compute', location: 'R1', availability: 0.9512 }, { component: 'compute', location: 'R2', availability: null }], [
      entry('e-first', START + 60_000, 'First failing check of Compute in R1', { kind: 'probe-failure' }),
      entry('e-state', START + 120_000, 'Compute in R1 became a partial outage'),
      entry('e-resolved', START + 3_600_000, 'Incident resolved', { kind: 'resolution' }),
    ])
    compute = await bench.publish(
      [computeIncident],
      {
        title: 'Compute could not start servers in R1',
        tldr: TLDR,
        impactSummary: 'Customers in R1 could not start servers.',
        rootCause: 'A full disk on the image cache.',
        contributingFactors: 'No alert on disk usage.',
        wentWell: 'The incident was declared within five minutes.',
        wentBadly: 'The status page said degraded for too long.',
        actionItems: [{ title: 'Alert on image cache disk usage', ownerRole: 'storage on-call', dueDate: '2026-12-31', status: 'in_progress', url: 'https://tracker.example/1', internal: false }] as never,
        handbookPages: ['incident-response'],
      },
      { timeline: { annotate: [{ id: 'e-state', annotation: 'The **health rule** fired here.' }] } },
    )
    storageIncident = await bench.incident('Object storage slow', 'storage', 'global')
    bench.evidence = evidenceOf(START + 86_400_000, [{ component: 'storage', location: 'global', availability: 0.999 }])
    storage = await bench.publish([storageIncident], { title: 'Object storage was slow', tldr: 'Uploads were slow.' })
  })
  after(() => bench.dispose())

  test('the list shows published postmortems newest first, with their TL;DR and a feed link in the head', async () => {
    const res = await bench.get('/postmortems')
    assert.equal(res.status, 200)
    const html = await res.text()
    assert.ok(html.indexOf('Object storage was slow') < html.indexOf('Compute could not start servers in R1'), 'newest first')
    assert.match(html, new RegExp(`href="/postmortems/${compute.id}"`))
    assert.match(html, /<link rel="alternate" type="application\/atom\+xml" href="\/postmortems\/feed\.atom"/)
    assert.match(html, /Affects Compute \(R1, R2\)/)
    assert.doesNotMatch(html, /<script>window/)
    assert.match(html, /href="\/postmortems"[^>]*>Postmortems<\/a>/, 'the footer links the list')
  })

  test('the list filters by component, location and time range, and refuses bad filters with 400', async () => {
    const byComponent = await (await bench.get('/postmortems?component=storage')).text()
    assert.match(byComponent, /Object storage was slow/)
    assert.doesNotMatch(byComponent, /Compute could not start servers/)
    assert.match(byComponent, /<option value="storage" selected="">|<option value="storage" selected>/)
    const byLocation = await (await bench.get('/postmortems?location=R2')).text()
    assert.match(byLocation, /Compute could not start servers/)
    assert.doesNotMatch(byLocation, /Object storage was slow/)
    const byRange = await (await bench.get('/postmortems?from=2026-11-21&to=2026-11-21')).text()
    assert.match(byRange, /Object storage was slow/)
    assert.doesNotMatch(byRange, /Compute could not start servers/)
    const none = await (await bench.get('/postmortems?component=nothing-here')).text()
    assert.match(none, /No postmortem matches this filter/)
    const bad = await bench.get('/postmortems?from=2026-02-30&component=%3Cx%3E&before=nope')
    assert.equal(bad.status, 400)
    const text = await bad.text()
    assert.match(text, /from: expected a date such as 2026-01-31/)
    assert.match(text, /component: expected a name/)
    assert.match(text, /before: expected a cursor/)
    assert.ok(!text.includes('<x>'))
  })

  test('the permalink page shows the TL;DR first, then measured impact, timeline, sections, action items and links', async () => {
    const res = await bench.get(`/postmortems/${compute.id}`)
    assert.equal(res.status, 200)
    const html = await res.text()
    const order = ['id="tldr"', 'id="impact"', 'id="timeline"', 'id="root-cause"', 'id="contributing-factors"', 'id="went-well"', 'id="went-badly"', 'id="action-items"', 'id="incidents"', 'id="revisions"'].map((anchor) => html.indexOf(anchor))
    assert.ok(order.every((at) => at > 0), `every section is there: ${order.join(',')}`)
    assert.deepEqual([...order].sort((a, b) => a - b), order, 'in reading order')
    assert.match(html, /Starting servers in <strong>R1<\/strong> failed for an hour/)
    assert.doesNotMatch(html, /<script>window/)
    assert.match(html, /95,12 %|95.12 %/)
    assert.match(html, /no measurements/)
    assert.doesNotMatch(html, /100 %/, 'a series without data is never 100 %')
    assert.match(html, /measured from stored probe results \(fixture\)/)
    assert.match(html, /href="\/methodology#measured-availability"/)
    assert.match(html, /First failing check[\s\S]*First failing check of Compute in R1/)
    assert.match(html, /The <strong>health rule<\/strong> fired here\./)
    assert.match(html, /storage on-call[\s\S]*2026-12-31[\s\S]*in progress/)
    assert.match(html, /<a href="https:\/\/tracker\.example\/1"/)
    assert.match(html, new RegExp(`<a href="/incidents/${computeIncident}">Compute API errors in R1</a>`))
    assert.match(html, /<a href="\/handbook\/incident-response">incident-response<\/a>/)
    assert.match(html, /@media print/)
    assert.match(html, new RegExp(`<link rel="canonical" href="http://localhost/postmortems/${compute.id}"`))
    assert.doesNotMatch(html, /chk-evidence-91|req-evidence-91|evidence-host-91|editor-7c1f/, 'no evidence or actor')
  })

  test('an edit after publication shows in the revision history with its note and a diff', async () => {
    const edited = await bench.postmortems.update(storage.id, { revision: storage.revision, sections: { rootCause: 'A slow disk in the metadata cluster.' }, changeNote: 'Found the root cause' }, { actor: 'editor-7c1f', door: 'api' })
    const html = await (await bench.get(`/postmortems/${storage.id}`)).text()
    assert.match(html, /Found the root cause/)
    assert.match(html, /first published/)
    assert.match(html, new RegExp(`Changes from revision ${storage.revision} to ${edited.revision}`))
    assert.match(html, /<span class="added">\+ A slow disk in the metadata cluster\.<\/span>/)
    storage = edited
  })

  test('unknown, malformed and unpublished ids answer an HTML 404', async () => {
    const draft = await bench.postmortems.create({ incidentIds: [computeIncident] }, { actor: 'editor-7c1f', door: 'api' })
    for (const path of ['/postmortems/00000000-0000-7000-8000-000000000000', '/postmortems/not-an-id', `/postmortems/${draft.id}`]) {
      const res = await bench.get(path)
      assert.equal(res.status, 404, path)
      assert.match(res.headers.get('content-type') ?? '', /text\/html/)
      assert.match(await res.text(), /There is no published postmortem at this address/)
    }
  })

  test('German pages', async () => {
    const list = await (await bench.get('/postmortems?lang=de')).text()
    assert.match(list, /<html lang="de">/)
    assert.match(list, /Veröffentlicht/)
    const page = await (await bench.get(`/postmortems/${compute.id}`, { 'accept-language': 'de' })).text()
    for (const word of ['Zusammenfassung', 'Auswirkung', 'Ablauf', 'Ursache', 'Maßnahmen', 'keine Messungen', 'in Arbeit', 'Änderungsverlauf']) assert.ok(page.includes(word), word)
    assert.match(page, /95,12 %/)
  })

  test('incident, history and component pages link the postmortem', async () => {
    const incident = await (await bench.get(`/incidents/${computeIncident}`)).text()
    assert.match(incident, new RegExp(`Postmortem: <a href="/postmortems/${compute.id}">Compute could not start servers in R1</a>`))
    const history = await (await bench.get('/history?from=2026-11-01&to=2026-11-30')).text()
    assert.match(history, new RegExp(`Postmortem: <a href="/postmortems/${compute.id}">`))
    assert.match(history, new RegExp(`Postmortem: <a href="/postmortems/${storage.id}">`))
    const component = await bench.get('/components/storage')
    assert.equal(component.status, 200)
    assert.match(await component.text(), new RegExp(`<h2 id="postmortems">Postmortems</h2><ul><li><a href="/postmortems/${storage.id}">Object storage was slow</a>`))
  })

  test('pages after the first are reached by the older link, and the last page has none', async () => {
    const incident = await bench.incident('Many small incidents')
    bench.evidence = evidenceOf(START + 2 * 86_400_000, [{ component: 'compute', location: 'R3', availability: 0.99 }])
    for (let i = 0; i < 21; i += 1) await bench.publish([incident], { title: `Small incident ${i}`, tldr: 'Short.' })
    const first = await (await bench.get('/postmortems?location=R3')).text()
    const titles = (html: string) => [...html.matchAll(/>(Small incident \d+)</g)].map((m) => m[1])
    assert.equal(titles(first).length, 20)
    assert.equal(titles(first)[0], 'Small incident 20')
    const older = /href="(\/postmortems\?location=R3&amp;before=[^"]+)"/.exec(first)?.[1]
    assert.ok(older !== undefined, 'an older link')
    const second = await (await bench.get(older.replace(/&amp;/g, '&'))).text()
    assert.deepEqual(titles(second), ['Small incident 0'])
    assert.doesNotMatch(second, /Older postmortems/, 'the last page links no older one')
    assert.match(second, /href="\/postmortems\?location=R3">Newest postmortems</)
  })

  test('the titles of linked incidents are redacted on the postmortem page too', async () => {
    const incident = await bench.incident('Disk full on db9.internal')
    const published = await bench.publish([incident], { title: 'A full disk', tldr: 'A disk filled up.', redactions: ['DB9.internal'] })
    const html = await (await bench.get(`/postmortems/${published.id}`)).text()
    assert.match(html, new RegExp(`<a href="/incidents/${incident}">Disk full on \\[redacted\\]</a>`))
    assert.doesNotMatch(html, /db9\.internal/i)
  })
})
