/**
 * The pre-renderer through the app's own routes: the static copy is complete (both languages,
 * feeds, calendar, badges, JSON, gzip copies), self-consistent (every root-absolute link of every
 * page resolves to a file of the generation), stamped with its generation time everywhere, and
 * free of internal details.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { gunzipSync } from 'node:zlib'
import { renderSite, STALENESS_SCRIPT_HASH, type RenderedSite } from '../../src/static-copy/index.js'
import { testServerApp } from '../support/server-app.js'
import { MARKERS, servePage, type ServedPage } from '../web/fixture.js'

const GENERATED_AT = Date.UTC(2026, 11, 7, 1, 30, 0)
const ISO = new Date(GENERATED_AT).toISOString()

function text(site: RenderedSite, file: string): string {
  const body = site.files.get(file)
  assert.ok(body !== undefined, `${file} is in the copy`)
  return new TextDecoder().decode(body)
}

/** The file a root-absolute link names in the copy: `/en/history/` → `en/history/index.html`. */
function fileOf(link: string): string {
  const path = decodeURIComponent(link.split('#')[0]!.split('?')[0]!.slice(1))
  return path === '' || path.endsWith('/') ? `${path}index.html` : path
}

describe('the static copy renderer', () => {
  let served: ServedPage
  let site: RenderedSite

  before(async () => {
    served = await servePage()
    site = await renderSite(testServerApp(served.store), { generatedAt: GENERATED_AT, staleAfterMs: 180_000, name: 'Test cloud', extraJson: ['/scs/components'], liveUrl: 'https://status.example.org/' })
  })
  after(async () => {
    await served?.close()
  })

  test('holds every language, page kind, feed, badge and JSON document, each with a gzip copy', () => {
    const expected = [
      'index.html',
      'en/index.html',
      'de/index.html',
      'en/history/index.html',
      'de/availability/index.html',
      'en/methodology/index.html',
      `en/incidents/${served.incidentId}/index.html`,
      `de/incidents/${served.incidentId}/index.html`,
      'en/components/compute/index.html',
      'de/locations/R1/index.html',
      'feed.atom',
      'feed.rss',
      'feed.json',
      'maintenance.ics',
      'feeds/components/compute.atom',
      'badge/status.svg',
      'badge/components/compute.svg',
      'badge/uptime/storage.svg',
      'api/v2/summary.json',
      'api/v2/scheduled-maintenances/upcoming.json',
      'api/v1/status.json',
      'scs/components.json',
    ]
    for (const file of expected) {
      assert.ok(site.files.has(file), `${file} rendered`)
      assert.deepEqual(gunzipSync(site.files.get(`${file}.gz`)!), Buffer.from(site.files.get(file)!), `${file}.gz is ${file}`)
    }
    assert.deepEqual(site.missing, [])
  })

  test('every root-absolute link of every page resolves to a file of the copy', () => {
    const pages = [...site.files.keys()].filter((file) => file.endsWith('.html'))
    assert.ok(pages.length >= 20, `${pages.length} pages`)
    const dead: string[] = []
    for (const page of pages) {
      for (const match of text(site, page).matchAll(/\b(?:href|src|action)="(\/[^"/][^"]*|\/)"/g)) {
        const link = match[1]!.replace(/&amp;/g, '&')
        if (!site.files.has(fileOf(link))) dead.push(`${page}: ${link}`)
      }
    }
    assert.deepEqual(dead, [])
  })

  test('a live-only page (the subscribe form) is linked on the live site', () => {
    assert.match(text(site, 'de/index.html'), /href="https:\/\/status\.example\.org\/subscribe"/)
    assert.doesNotMatch(text(site, 'en/history/index.html'), /href="\/subscribe"/)
  })

  test('pages link within their language, and the switch leads to the same page in the other', () => {
    const de = text(site, 'de/components/compute/index.html')
    assert.match(de, /href="\/de\/history\/"/)
    assert.match(de, /href="\/en\/components\/compute\/"/)
    assert.doesNotMatch(de, /href="\/(history|availability|components)[/?"]/)
    const root = text(site, 'index.html')
    assert.match(root, /http-equiv="refresh" content="0; url=\/en\/"/)
    assert.match(root, /href="\/de\/"/)
  })

  test('every page, badge and JSON document carries the generation time; pages say it in their language', () => {
    for (const file of [...site.files.keys()].filter((name) => name.endsWith('.html'))) assert.match(text(site, file), new RegExp(`<meta name="generated-at" content="${ISO}"/>`), file)
    assert.match(text(site, 'en/index.html'), /Status as of <time datetime="2026-12-07T01:30:00.000Z">2026-12-07 01:30:00 UTC<\/time>/)
    assert.match(text(site, 'de/history/index.html'), /Stand: <time datetime="2026-12-07T01:30:00.000Z">/)
    assert.match(text(site, 'en/index.html'), /<div id="static-stale"[^>]* hidden>This copy of the status page has not been updated for more than 3 minutes/)
    assert.match(text(site, 'de/index.html'), /<div id="static-stale"[^>]* hidden>Diese Kopie der Statusseite/)
    assert.match(text(site, 'badge/status.svg'), new RegExp(`<!-- generated-at ${ISO} -->`))
    const summary = JSON.parse(text(site, 'api/v2/summary.json')) as { generated_at: string; page: { updated_at: string } }
    assert.equal(summary.generated_at, ISO)
    assert.ok(Date.parse(summary.page.updated_at) > 0)
    assert.equal((JSON.parse(text(site, 'scs/components.json')) as Record<string, unknown>).generated_at, undefined, 'the SCS format stays as specified')
    assert.match(STALENESS_SCRIPT_HASH, /^'sha256-[A-Za-z0-9+/]{43}='$/)
  })

  test('no internal detail reaches any file of the copy', () => {
    for (const [file, body] of site.files) {
      if (file.endsWith('.gz')) continue
      const content = new TextDecoder().decode(body)
      for (const marker of MARKERS) assert.ok(!content.includes(marker), `${marker} in ${file}`)
    }
  })
})
