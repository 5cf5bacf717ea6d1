import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { Hono } from 'hono'
import { headingSlug, loadMethodologyPages, registerMethodologyPage, renderMethodologyPage } from './index.js'

const headingIds = (html: string): string[] => [...html.matchAll(/<h[1-6] id="([^"]+)">/g)].map((match) => match[1]!)

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

  test('a heading may name its anchor with {#id}; the braces do not show', () => {
    const html = renderMethodologyPage('## Verdichtungen in der API {#rollups-in-the-api}\n\n## Ohne *Anker*', { title: 'T', lang: 'de' })
    assert.match(html, /<h2 id="rollups-in-the-api">Verdichtungen in der API<\/h2>/)
    assert.match(html, /<h2 id="ohne-anker">Ohne <em>Anker<\/em><\/h2>/)
    assert.match(html, /<html lang="de">/)
    assert.match(html, /<a href="\/methodology\?lang=en" hreflang="en" lang="en">English<\/a>/)
  })
})

describe('the packaged methodology in English and German', () => {
  test('every heading anchor of the English page exists in the German one, and no other', async () => {
    const pages = await loadMethodologyPages({ title: 'T' })
    const english = headingIds(pages.en)
    const german = headingIds(pages.de)
    assert.ok(english.length >= 20, `the English page has its headings (${english.length})`)
    assert.deepEqual(
      english.filter((id) => !german.includes(id)),
      [],
      'docs/methodology.de.md lacks these sections of docs/methodology.md: translate them and give each heading its English {#id}',
    )
    assert.deepEqual(german.filter((id) => !english.includes(id)), [], 'docs/methodology.de.md has sections docs/methodology.md lacks')
    assert.deepEqual(german, english, 'the sections come in the same order')
    assert.doesNotMatch(pages.de, /\{#/, 'no anchor syntax is left in the German text')
  })

  test('/methodology answers in the language of the request and says it varies', async () => {
    const app = new Hono()
    registerMethodologyPage(app, { title: 'Example', log: { error: () => undefined }, notFound: () => new Error('not installed') })
    const english = await app.request('/methodology')
    assert.equal(english.status, 200)
    assert.match(await english.text(), /<html lang="en">.*<title>Example — methodology<\/title>/s)
    assert.match(english.headers.get('vary') ?? '', /accept-language, cookie/)

    const switched = await app.request('/methodology?lang=de', { headers: { 'accept-language': 'en' } })
    const german = await switched.text()
    assert.match(german, /<html lang="de">/)
    assert.match(german, /<title>Example — Methodik<\/title>/)
    assert.match(german, /<h1 id="methodology-how-every-published-number-is-computed">Methodik: wie jede veröffentlichte Zahl berechnet wird<\/h1>/)
    assert.match(switched.headers.get('set-cookie') ?? '', /glasshouse_lang=de;.*Path=\//)
    assert.match(switched.headers.get('cache-control') ?? '', /^private/)

    const byHeader = await app.request('/methodology', { headers: { 'accept-language': 'de-AT, en;q=0.5' } })
    assert.match(await byHeader.text(), /<html lang="de">/)
    const byCookie = await app.request('/methodology', { headers: { cookie: 'glasshouse_lang=de', 'accept-language': 'en' } })
    assert.match(await byCookie.text(), /<html lang="de">/)
  })
})
