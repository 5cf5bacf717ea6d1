/**
 * The Atom feed of postmortems parses as Atom (strict XML), has one entry per published
 * postmortem with an id that never changes and an `updated` that moves with every published
 * revision, answers 304 to its ETag, and the static copy holds it, the list and each permalink
 * page (re-rendered with a newly published one).
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { renderSite } from '../../../src/static-copy/index.js'
import { childrenNamed, childText, parseXml } from '../../feeds/xml-tree.js'
import { EDITOR, publicBench, type PublicBench } from './fixture.js'

const ATOM = 'http://www.w3.org/2005/Atom'

describe('postmortem feed and static copy', () => {
  let bench: PublicBench
  before(async () => {
    bench = await publicBench()
  })
  after(() => bench.dispose())

  const feed = async () => {
    const res = await bench.get('/postmortems/feed.atom')
    assert.equal(res.status, 200)
    assert.match(res.headers.get('content-type') ?? '', /^application\/atom\+xml/)
    return { root: parseXml(await res.text()), etag: res.headers.get('etag') }
  }

  test('an empty feed is still Atom', async () => {
    const { root } = await feed()
    assert.equal(root.name, 'feed')
    assert.equal(root.attributes.xmlns, ATOM)
    assert.equal(childrenNamed(root, 'entry').length, 0)
    assert.equal(childText(root, 'title'), 'Test cloud: Postmortems')
  })

  test('one entry per postmortem, stable id, updated moving with a revision, 304 on its ETag', async () => {
    const first = await bench.publish([await bench.incident('Boots fail')], { title: 'Boots failed <in R1>', tldr: 'Servers did not **boot**.' })
    const { root, etag } = await feed()
    const [entry] = childrenNamed(root, 'entry')
    assert.ok(entry !== undefined)
    assert.match(childText(entry, 'id'), /^urn:uuid:[0-9a-f-]{36}$/)
    assert.equal(childText(entry, 'title'), 'Postmortem: Boots failed <in R1>')
    assert.equal(childrenNamed(entry, 'link')[0]?.attributes.href, `http://localhost/postmortems/${first.id}`)
    assert.match(childText(entry, 'content'), /<p>Servers did not <strong>boot<\/strong>\.<\/p>/)
    assert.equal(childText(entry, 'published'), new Date(first.publishedAt!).toISOString())
    assert.equal((await bench.get('/postmortems/feed.atom', { 'if-none-match': etag! })).status, 304)

    bench.clock.set(bench.clock.now() + 3_600_000)
    await bench.postmortems.update(first.id, { revision: first.revision, sections: { rootCause: 'A full disk.' }, changeNote: 'Root cause found' }, EDITOR)
    const again = (await feed()).root
    const [revised] = childrenNamed(again, 'entry')
    assert.equal(childText(revised!, 'id'), childText(entry, 'id'), 'the entry id never changes')
    assert.ok(Date.parse(childText(revised!, 'updated')) > Date.parse(childText(entry, 'updated')), 'updated moves with the revision')
    assert.equal(childText(again, 'updated'), childText(revised!, 'updated'))
  })

  test('the static copy holds the list, the feed and every permalink page, and re-renders with a new publication', async () => {
    const render = () => renderSite(bench.app, { generatedAt: bench.clock.now(), staleAfterMs: 180_000, name: 'Test cloud' })
    const before = await render()
    const later = await bench.publish([await bench.incident('Network flaps')], { title: 'Network flapped', tldr: 'Packets were lost.' })
    const site = await render()
    const text = (file: string) => new TextDecoder().decode(site.files.get(file))
    for (const file of ['en/postmortems/index.html', 'de/postmortems/index.html', 'postmortems/feed.atom', `en/postmortems/${later.id}/index.html`, `de/postmortems/${later.id}/index.html`]) {
      assert.ok(site.files.has(file), `${file} is in the copy`)
    }
    assert.equal(before.files.has(`en/postmortems/${later.id}/index.html`), false, 'it was not there before the publication')
    assert.match(text('en/postmortems/index.html'), new RegExp(`href="/en/postmortems/${later.id}/"`), 'the list links the static page')
    assert.match(text(`en/postmortems/${later.id}/index.html`), /Packets were lost\./)
    assert.equal(parseXml(text('postmortems/feed.atom')).name, 'feed')
    assert.equal(site.files.has('en/postmortems/feed.atom/index.html'), false, 'the feed is a file, not a page named feed.atom')
    assert.deepEqual(site.missing.filter((file) => file.includes('postmortems')), [])
  })
})
