import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { feedFixture, MARKERS, PUBLIC_URL, type FeedFixture } from './fixture.js'
import { childrenNamed, childText, parseXml, type XmlElement } from './xml-tree.js'

let fixture: FeedFixture
before(async () => {
  fixture = await feedFixture()
})
after(async () => {
  await fixture.dispose()
})

async function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fixture.app.request(path, { headers })
}

async function atomEntries(path: string): Promise<XmlElement[]> {
  const res = await get(path)
  assert.equal(res.status, 200, path)
  const feed = parseXml(await res.text())
  assert.equal(feed.name, 'feed')
  assert.equal(feed.attributes.xmlns, 'http://www.w3.org/2005/Atom')
  return childrenNamed(feed, 'entry')
}

const linkOf = (entry: XmlElement) => childrenNamed(entry, 'link')[0]?.attributes.href ?? ''

describe('Atom, RSS and JSON Feed', () => {
  test('the Atom feed is well-formed, newest first, with stable unique ids, absolute links and escaped HTML content', async () => {
    const entries = await atomEntries('/feed.atom')
    const ids = entries.map((entry) => childText(entry, 'id'))
    assert.equal(new Set(ids).size, ids.length, 'ids are unique')
    for (const id of ids) assert.match(id, /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    const published = entries.map((entry) => Date.parse(childText(entry, 'published')))
    assert.deepEqual(published, [...published].sort((a, b) => b - a), 'newest first')
    for (const entry of entries) {
      assert.ok(linkOf(entry).startsWith(`${PUBLIC_URL}/`), linkOf(entry))
      assert.ok(!Number.isNaN(Date.parse(childText(entry, 'updated'))))
      assert.equal(childrenNamed(entry, 'content')[0]?.attributes.type, 'html')
    }
    const again = (await atomEntries('/feed.atom')).map((entry) => childText(entry, 'id'))
    assert.deepEqual(again, ids, 'the same ids on every request')
    const html = entries.map((entry) => childText(entry, 'content')).join('\n')
    assert.doesNotMatch(html, /<script|<img|<[^>]*\son\w+=|href="javascript:/i, 'the page’s safe renderer ran')
    assert.match(html, /&lt;script&gt;window/, 'raw HTML in Markdown stays visible text')
    assert.match(html, /<strong>investigating<\/strong>/)
    assert.match(html, /a bad &lt;deploy&gt; &amp; "rollback" \]\]&gt; underway/, 'text that looks like markup stays text')
  })

  test('an incident with two updates after its opening shows three entries linking to its updates', async () => {
    const entries = (await atomEntries('/feed.atom')).filter((entry) => linkOf(entry).includes(fixture.ids.threeEntries))
    assert.deepEqual(
      entries.map(linkOf),
      [3, 2, 1].map((seq) => `${PUBLIC_URL}/incidents/${fixture.ids.threeEntries}#update-${seq}`),
    )
    assert.deepEqual(
      entries.map((entry) => childText(entry, 'title')),
      ['Resolved: Compute API errors in R1', 'Identified: Compute API errors in R1', 'New incident: Compute API errors in R1'],
    )
  })

  test('retracted incidents and updates, and everything only the simulated cloud touches, never appear', async () => {
    for (const path of ['/feed.atom', '/feed.rss', '/feed.json', '/feeds/locations/global.atom', '/feeds/components/compute.rss']) {
      const body = await (await get(path)).text()
      assert.ok(!body.includes(fixture.ids.retracted) && !body.includes('Wrongly posted'), `${path}: retracted incident`)
      assert.ok(!body.includes('A mistaken update'), `${path}: retracted update`)
      assert.ok(!body.includes(fixture.ids.simulated) && !/simulated/i.test(body), `${path}: simulated`)
    }
    const partly = (await atomEntries('/feed.atom')).filter((entry) => linkOf(entry).includes(fixture.ids.withRetractedUpdate))
    assert.equal(partly.length, 1, 'the incident stays with its one published update')
    assert.equal((await get('/feeds/components/sim.atom')).status, 404)
    assert.equal((await get('/feeds/locations/SIM.rss')).status, 404)
    const r1 = (await atomEntries('/feeds/locations/R1.atom')).filter((entry) => linkOf(entry).includes(fixture.ids.threeEntries))
    assert.equal(r1.length, 3, 'a series a real check also measures stays public')
  })

  test('per-component and per-location feeds list only their events', async () => {
    const storage = (await atomEntries('/feeds/components/storage.atom')).map((entry) => childText(entry, 'title'))
    assert.deepEqual(storage, ['Maintenance scheduled: Storage firmware, phase 1; racks A,B \\ C'])
    const compute = (await atomEntries('/feeds/components/compute.atom')).map((entry) => childText(entry, 'title'))
    assert.ok(compute.includes('Maintenance cancelled: Compute network change'))
    assert.ok(compute.every((title) => !title.includes('Storage')), compute.join(' | '))
    const r2 = (await atomEntries('/feeds/locations/R2.atom')).map((entry) => childText(entry, 'title'))
    assert.ok(r2.includes('New incident: Slow volumes in R2'))
    assert.ok(r2.includes('Maintenance scheduled: Compute network change'), 'a window on all locations of compute covers R2')
    assert.ok(!r2.some((title) => title.includes('Compute API errors in R1')), r2.join(' | '))
    for (const bad of ['/feeds/components/nope.atom', '/feeds/components/compute.xml', '/feeds/locations/Mars.json']) {
      const res = await get(bad)
      assert.equal(res.status, 404, bad)
      assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/)
    }
  })

  test('RSS 2.0 is well-formed and lists the same entries as Atom', async () => {
    const res = await get('/feed.rss')
    assert.equal(res.headers.get('content-type'), 'application/rss+xml; charset=utf-8')
    const rss = parseXml(await res.text())
    assert.equal(rss.name, 'rss')
    assert.equal(rss.attributes.version, '2.0')
    const channel = childrenNamed(rss, 'channel')[0]!
    const items = childrenNamed(channel, 'item')
    const atom = await atomEntries('/feed.atom')
    assert.deepEqual(items.map((item) => childText(item, 'guid')), atom.map((entry) => childText(entry, 'id')))
    for (const item of items) {
      assert.equal(childrenNamed(item, 'guid')[0]?.attributes.isPermaLink, 'false')
      assert.match(childText(item, 'pubDate'), /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/)
    }
    assert.equal(childrenNamed(channel, 'atom:link')[0]?.attributes.href, `${PUBLIC_URL}/feed.rss`)
  })

  test('JSON Feed 1.1 lists the same entries with its media type', async () => {
    const res = await get('/feeds/components/compute.json')
    assert.equal(res.headers.get('content-type'), 'application/feed+json; charset=utf-8')
    const feed = (await res.json()) as { version: string; feed_url: string; home_page_url: string; items: { id: string; url: string; content_html: string; date_published: string }[] }
    assert.equal(feed.version, 'https://jsonfeed.org/version/1.1')
    assert.equal(feed.feed_url, `${PUBLIC_URL}/feeds/components/compute.json`)
    assert.equal(feed.home_page_url, `${PUBLIC_URL}/components/compute`)
    const atom = await atomEntries('/feeds/components/compute.atom')
    assert.deepEqual(feed.items.map((item) => item.id), atom.map((entry) => childText(entry, 'id')))
  })

  test('no feed shows internal evidence: target URLs, request ids, failure texts, step reasons, actors', async () => {
    const stored = JSON.stringify(await fixture.store.checks.list())
    assert.ok(stored.includes('marker-target-9f1c'), 'the target marker really is stored')
    for (const path of ['/feed.atom', '/feed.rss', '/feed.json', '/maintenance.ics', '/feeds/components/compute.atom', '/feeds/locations/R1.json', '/feeds/components/storage.ics']) {
      const body = await (await get(path)).text()
      for (const marker of MARKERS) assert.ok(!body.includes(marker), `${path} leaks ${marker}`)
      assert.doesNotMatch(body, /\.internal:9|x-request-id/i, path)
    }
  })

  test('every feed carries a strong ETag and the public cache policy, and answers 304 to If-None-Match', async () => {
    for (const path of ['/feed.atom', '/feed.rss', '/feed.json', '/maintenance.ics', '/feeds/components/storage.atom']) {
      const first = await get(path)
      const etag = first.headers.get('etag')
      assert.match(etag ?? '', /^"[A-Za-z0-9_-]+"$/, path)
      assert.equal(first.headers.get('cache-control'), 'public, max-age=15, stale-while-revalidate=60, stale-if-error=86400')
      const second = await get(path, { 'if-none-match': `W/"other", ${etag}` })
      assert.equal(second.status, 304, path)
      assert.equal(await second.text(), '')
      assert.equal((await get(path, { 'if-none-match': '"stale"' })).status, 200)
    }
  })

  test('a new update changes the feed and its ETag', async () => {
    const before = await get('/feeds/components/compute.atom')
    await fixture.service.addUpdate(fixture.ids.withRetractedUpdate, { text: 'Fixed by a new attach path.', phase: 'resolved' }, fixture.writer)
    const after = await get('/feeds/components/compute.atom', { 'if-none-match': before.headers.get('etag')! })
    assert.equal(after.status, 200)
    assert.match(await after.text(), /Fixed by a new attach path/)
  })
})

describe('feed links in the head of public pages', () => {
  const links = (html: string) => [...html.matchAll(/<link rel="alternate" type="([^"]+)" href="([^"]+)"/g)].map((match) => `${match[1]} ${match[2]}`)

  test('every page advertises the feeds and the calendar; a component page its own too', async () => {
    const everything = ['application/atom+xml /feed.atom', 'application/rss+xml /feed.rss', 'application/feed+json /feed.json', 'text/calendar /maintenance.ics']
    for (const path of ['/', '/history', `/incidents/${fixture.ids.threeEntries}`]) assert.deepEqual(links(await (await get(path)).text()), everything, path)
    const component = links(await (await get('/components/compute')).text())
    assert.deepEqual(component.slice(everything.length), ['application/atom+xml /feeds/components/compute.atom', 'application/rss+xml /feeds/components/compute.rss', 'application/feed+json /feeds/components/compute.json', 'text/calendar /feeds/components/compute.ics'])
  })
})
