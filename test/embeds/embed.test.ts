/**
 * The embeddable widget and its snippet: no script anywhere, `frame-ancestors *` on `/embed` and
 * nowhere else, English and German, cache headers, absolute links to the public page, nothing
 * internal and nothing simulated.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { PUBLIC_CACHE_CONTROL } from '../../src/api/statuspage/index.js'
import { STATE_TABLE } from '../../src/core/state-table.js'
import { embedFixture, MARKERS, type EmbedFixture } from './fixture.js'

/** No script element, no event handler attribute, no javascript: URL. */
function assertScriptFree(html: string, where: string): void {
  assert.doesNotMatch(html, /<script/i, where)
  assert.doesNotMatch(html, /\son[a-z]+\s*=/i, where)
  assert.doesNotMatch(html, /javascript:/i, where)
}

describe('embeds', () => {
  let fixture: EmbedFixture
  before(async () => {
    fixture = await embedFixture()
  })
  after(() => fixture.dispose())

  test('/embed: overall state and components, script-free, frameable by any site, cached', async () => {
    const res = await fixture.request('/embed')
    assert.equal(res.status, 200)
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/)
    assert.match(res.headers.get('content-security-policy') ?? '', /(^|;\s*)frame-ancestors \*(;|$)/)
    assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'/)
    assert.equal(res.headers.get('x-frame-options'), null)
    assert.equal(res.headers.get('cache-control'), PUBLIC_CACHE_CONTROL)
    const html = await res.text()
    assertScriptFree(html, '/embed')
    assert.match(html, /<html lang="en">/)
    assert.ok(html.includes('Major outage in progress'), 'the overall state in words')
    assert.ok(html.includes(STATE_TABLE.major_outage.colour))
    assert.ok(html.includes('Object &lt;storage&gt; &amp; &quot;blobs&quot;'), 'names escaped')
    assert.ok(html.includes('Degraded performance'))
    assert.ok(html.includes('href="https://status.example.com/components/compute?lang=en"'))
    assert.ok(!html.includes('Demo cloud'), 'simulated components stay out')
    for (const marker of MARKERS) assert.ok(!html.includes(marker), `/embed leaks ${marker}`)
    assert.ok(html.length < 4_000, `small: ${html.length} bytes`)
    const again = await fixture.request('/embed', { 'if-none-match': res.headers.get('etag')! })
    assert.equal(again.status, 304)
  })

  test('/embed?lang=de speaks German', async () => {
    const html = await (await fixture.request('/embed?lang=de')).text()
    assert.match(html, /<html lang="de">/)
    assert.ok(html.includes('Schwerer Ausfall'))
    assert.ok(html.includes('Eingeschränkte Leistung'))
  })

  test('only /embed may be framed by other sites', async () => {
    for (const path of ['/', '/embed/snippet.html', '/badge/status.svg', '/api/v2/summary.json']) {
      const res = await fixture.request(path)
      assert.doesNotMatch(res.headers.get('content-security-policy') ?? '', /frame-ancestors \*/, path)
    }
  })

  test('/embed/snippet.html: a script-free snippet with the iframe and a linked badge, in the asked language', async () => {
    const res = await fixture.request('/embed/snippet.html?lang=de')
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('cache-control'), PUBLIC_CACHE_CONTROL)
    const html = await res.text()
    assertScriptFree(html, 'snippet')
    assert.ok(html.includes('<iframe src="https://status.example.com/embed?lang=de"'))
    assert.ok(html.includes('title="Status von Test cloud"'))
    assert.ok(html.includes('<img src="https://status.example.com/badge/status.svg?lang=de"'))
    for (const marker of MARKERS) assert.ok(!html.includes(marker), `snippet leaks ${marker}`)
  })
})
