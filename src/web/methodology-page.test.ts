import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { headingSlug, renderMethodologyPage } from './index.js'

describe('renderMethodologyPage', () => {
  test('raw HTML in the markdown is escaped, not passed through', () => {
    const html = renderMethodologyPage('# Title\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))', { title: 'T' })
    assert.ok(!html.includes('<script>alert'), html)
    assert.ok(!html.includes('<img'), html)
    assert.ok(!/href="javascript/i.test(html), 'no script link')
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/)
  })

  test('headings get stable, unique anchors', () => {
    const html = renderMethodologyPage('## Rollups in the API\n\n## Rollups in the API\n\n### Coverage: what each result speaks for', { title: 'T' })
    assert.match(html, /<h2 id="rollups-in-the-api">/)
    assert.match(html, /<h2 id="rollups-in-the-api-1">/)
    assert.match(html, /<h3 id="coverage-what-each-result-speaks-for">/)
    assert.equal(headingSlug('Calendar: minutes, hours, days, months'), 'calendar-minutes-hours-days-months')
  })
})
