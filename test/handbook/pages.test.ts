import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { syncHandbook } from '../../src/handbook/index.js'
import type { Store } from '../../src/store/index.js'
import { testServerApp } from '../support/server-app.js'
import { tempStore } from '../support/temp-store.js'

const T0 = Date.parse('2026-12-07T10:00:00Z')

const ON_CALL = `---
title: On-call
order: 1
summary: Who answers the pager
---
# On-call

## Rota

Weekly. See [escalation](escalation.md#levels) and [the status page](https://status.example/).

### Handover

Mondays.

## Paging

Pages come from alerts.
`

const HOSTILE = `# Hostile <script>alert(1)</script>

## Tricks

<img src=x onerror=alert(2)> [click](javascript:alert(3)) <iframe src="https://evil.example"></iframe>
`

describe('the handbook pages', () => {
  let temp: { store: Store; dispose(): Promise<void> }
  let dir: string
  let app: ReturnType<typeof testServerApp>
  const get = async (path: string) => {
    const response = await app.request(path, { headers: { 'accept-language': 'en' } })
    return { status: response.status, html: await response.text() }
  }

  before(async () => {
    temp = await tempStore()
    dir = mkdtempSync(join(tmpdir(), 'gh-handbook-pages-'))
    writeFileSync(join(dir, 'on-call.md'), ON_CALL)
    writeFileSync(join(dir, 'escalation.md'), '# Escalation\n\n## Levels\n\nFirst the on-call engineer, then the incident lead.\n')
    writeFileSync(join(dir, 'hostile.md'), HOSTILE)
    writeFileSync(join(dir, 'gone.md'), '# Gone\n\nOld page.\n')
    await syncHandbook(temp.store.handbook, dir, T0)
    writeFileSync(join(dir, 'escalation.md'), '# Escalation\n\n## Levels\n\nFirst the on-call engineer, then the <b>incident</b> lead.\nCall the duty manager after 30 minutes.\n')
    unlinkSync(join(dir, 'gone.md'))
    await syncHandbook(temp.store.handbook, dir, T0 + 86_400_000)
    app = testServerApp(temp.store)
  })
  after(async () => {
    await temp.dispose()
    rmSync(dir, { recursive: true, force: true })
  })

  test('the index lists published pages by order with summary and last change; removed pages are gone; the footer links it', async () => {
    const { status, html } = await get('/handbook')
    assert.equal(status, 200)
    assert.match(html, /<a href="\/handbook\/on-call">On-call<\/a> — Who answers the pager <span class="handbook-meta">\(Last changed 2026-12-07\)<\/span>/)
    assert.ok(html.indexOf('/handbook/on-call') < html.indexOf('/handbook/escalation'), 'order 1 first')
    assert.ok(!html.includes('/handbook/gone'))
    assert.match(html, /<footer>[\s\S]*<a href="\/handbook">Handbook<\/a>/)
    assert.match((await (await app.request('/handbook', { headers: { 'accept-language': 'de' } })).text()), /<a href="\/handbook">Handbuch<\/a>/)
  })

  test('a page has its contents (headings → anchors), resolved links to other handbook pages, and its last change', async () => {
    const { status, html } = await get('/handbook/on-call')
    assert.equal(status, 200)
    assert.match(html, /<h1>On-call<\/h1>/)
    assert.match(html, /<nav class="handbook-toc" aria-label="Contents">[\s\S]*<a href="#rota">Rota<\/a>[\s\S]*<a href="#handover">Handover<\/a>[\s\S]*<a href="#paging">Paging<\/a>/)
    assert.match(html, /<h2 id="rota">Rota<\/h2>/)
    assert.match(html, /<a href="\/handbook\/escalation#levels">escalation<\/a>/)
    assert.match(html, /<a href="https:\/\/status.example\/">the status page<\/a>/)
    assert.match(html, /Last changed <time datetime="2026-12-07T10:00:00.000Z">2026-12-07<\/time> · Revision 1/)
    assert.match(html, /<a href="\/handbook\/on-call\/history">Change history<\/a>/)
  })

  test('Markdown cannot inject markup: scripts, handlers, javascript: links and iframes are neutralised', async () => {
    const { status, html } = await get('/handbook/hostile')
    assert.equal(status, 200)
    const article = html.slice(html.indexOf('<article>'), html.indexOf('</article>'))
    for (const bad of ['<script', '<img', '<iframe', 'href="javascript:']) assert.ok(!article.includes(bad), bad)
    assert.ok(!/<[^>]*onerror/.test(article), 'no handler inside a tag')
    assert.match(article, /&lt;img src=x onerror=alert\(2\)&gt;/, 'raw HTML shows as text')
    assert.ok(!html.includes('<script>alert(1)</script>'), 'the title is escaped too')
  })

  test('search works without JavaScript: ranked, highlighted, and the query is escaped', async () => {
    const found = await get('/handbook?q=on-call+engineer')
    assert.equal(found.status, 200)
    assert.match(found.html, /<form class="handbook-search" method="get" action="\/handbook"/)
    assert.match(found.html, /1 page matches “on-call engineer”/)
    assert.match(found.html, /<a href="\/handbook\/escalation">Escalation<\/a>/)
    assert.match(found.html, /<mark>engineer<\/mark>/)
    const hostile = await get(`/handbook?q=${encodeURIComponent('"><script>alert(1)</script> alert')}`)
    assert.equal(hostile.status, 200)
    assert.ok(!hostile.html.includes('<script>alert(1)</script>'))
    assert.match(hostile.html, /value="&quot;&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt; alert"/)
    assert.match(hostile.html, /<mark>alert<\/mark>/, 'the hostile page matches, highlighted as text')
    assert.ok(!/<mark>[^<]*<(?!\/mark)/.test(hostile.html), 'nothing but text inside a highlight')
  })

  test('history shows every revision with an escaped line diff', async () => {
    const { status, html } = await get('/handbook/escalation/history')
    assert.equal(status, 200)
    assert.match(html, /<h2>Revision 2 · <time datetime="2026-12-08T10:00:00.000Z">2026-12-08<\/time><\/h2>/)
    assert.match(html, /<span class="removed">- First the on-call engineer, then the incident lead.<\/span>/)
    assert.match(html, /<span class="added">\+ First the on-call engineer, then the &lt;b&gt;incident&lt;\/b&gt; lead.<\/span>/)
    assert.match(html, /<span class="added">\+ Call the duty manager after 30 minutes.<\/span>/)
    assert.match(html, /Revision 1 ·[\s\S]*first published/)
  })

  test('unknown pages are 404, removed pages 410 with their history kept', async () => {
    assert.equal((await get('/handbook/nothing-here')).status, 404)
    assert.equal((await get('/handbook/..%2Fsecrets')).status, 404)
    assert.equal((await get('/handbook/nothing-here/history')).status, 404)
    const removed = await get('/handbook/gone')
    assert.equal(removed.status, 410)
    assert.match(removed.html, /removed from the handbook on 2026-12-08/)
    const history = await get('/handbook/gone/history')
    assert.equal(history.status, 200)
    assert.match(history.html, /removed from the handbook/)
  })
})
