/**
 * The SVG badges: well-formed XML (parsed by a strict parser), the state's words and colour from
 * the one state table, a `<title>` matching `aria-label`, escaped names, "no data" instead of a
 * made-up 100 %, German via `?lang=`, clear 4xx answers for bad paths and windows.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { SaxesParser } from 'saxes'
import { PUBLIC_CACHE_CONTROL } from '../../src/api/statuspage/index.js'
import { STATE_TABLE } from '../../src/core/state-table.js'
import { renderBadge, textWidth } from '../../src/embeds/index.js'
import { embedFixture, MARKERS, type EmbedFixture } from './fixture.js'

interface Element {
  name: string
  attributes: Record<string, string>
  text: string
}

/** Parses strict XML; throws on anything malformed. */
function parseSvg(xml: string): Element[] {
  const parser = new SaxesParser()
  const elements: Element[] = []
  const open: Element[] = []
  parser.on('opentag', (tag) => {
    const element = { name: tag.name, attributes: tag.attributes as Record<string, string>, text: '' }
    elements.push(element)
    open.push(element)
  })
  parser.on('text', (text) => {
    const current = open.at(-1)
    if (current) current.text += text
  })
  parser.on('closetag', () => void open.pop())
  parser.write(xml).close()
  return elements
}

/** What a badge says: its title, the visible texts (shadows left out) and the value's colour. */
function read(xml: string): { title: string; label: string; texts: string[]; valueColour: string; width: number } {
  const elements = parseSvg(xml)
  const svg = elements[0]!
  assert.equal(svg.name, 'svg')
  assert.equal(svg.attributes.xmlns, 'http://www.w3.org/2000/svg')
  assert.equal(svg.attributes.role, 'img')
  const title = elements.find((element) => element.name === 'title')!.text
  assert.equal(svg.attributes['aria-label'], title)
  const rects = elements.filter((element) => element.name === 'rect' && element.attributes.x !== undefined)
  const texts = elements.filter((element) => element.name === 'text' && element.attributes['aria-hidden'] === undefined).map((element) => element.text)
  return { title, label: svg.attributes['aria-label']!, texts, valueColour: rects[0]!.attributes.fill!, width: Number(svg.attributes.width) }
}

describe('badges', () => {
  let fixture: EmbedFixture
  before(async () => {
    fixture = await embedFixture()
  })
  after(() => fixture.dispose())

  const svg = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fixture.request(path, headers)
    assert.equal(res.status, 200, path)
    assert.match(res.headers.get('content-type') ?? '', /^image\/svg\+xml/, path)
    assert.equal(res.headers.get('cache-control'), PUBLIC_CACHE_CONTROL, path)
    assert.ok(res.headers.get('etag'), path)
    const body = await res.text()
    for (const marker of MARKERS) assert.ok(!body.includes(marker), `${path} leaks ${marker}`)
    return read(body)
  }

  test('/badge/status.svg: the overall state in words and in the state table colour', async () => {
    const badge = await svg('/badge/status.svg')
    assert.deepEqual(badge.texts, ['status', 'Major outage'])
    assert.equal(badge.valueColour, STATE_TABLE.major_outage.colour)
    assert.equal(badge.title, 'status: Major outage')
  })

  test('/badge/components/<name>.svg: component, location, maintenance, degradation, escaped names, German', async () => {
    const compute = await svg('/badge/components/compute.svg')
    assert.deepEqual(compute.texts, ['Compute', 'Major outage'])
    const r2 = await svg('/badge/components/compute.svg?location=R2')
    assert.deepEqual(r2.texts, ['Compute (R2)', 'Under maintenance'])
    assert.equal(r2.valueColour, STATE_TABLE.maintenance.colour)
    const storage = await svg('/badge/components/storage.svg')
    assert.deepEqual(storage.texts, ['Object <storage> & "blobs"', 'Degraded performance'], 'the name came through XML escaping intact')
    assert.equal(storage.valueColour, STATE_TABLE.degraded.colour)
    const german = await svg('/badge/components/storage.svg?lang=de')
    assert.equal(german.texts[1], 'Eingeschränkte Leistung')
  })

  test('/badge/uptime/<name>.svg: measured uptime, coloured by the day thresholds; no data says so, never 100 %', async () => {
    const compute = await svg('/badge/uptime/compute.svg?window=24h&location=R1')
    assert.deepEqual(compute.texts, ['Compute (R1) · Uptime 24h', '99 %'])
    assert.equal(compute.valueColour, STATE_TABLE.degraded.colour)
    for (const window of ['24h', '7d', '30d', '90d', '1y']) {
      const storage = await svg(`/badge/uptime/storage.svg?window=${window}`)
      assert.equal(storage.texts[1], 'no data', window)
      assert.equal(storage.valueColour, STATE_TABLE.no_data.colour, window)
      assert.ok(!storage.title.includes('100'), window)
    }
    assert.equal((await svg('/badge/uptime/storage.svg?lang=de')).texts[1], 'keine Daten')
  })

  test('bad paths and windows answer a problem with a 4xx; simulated components have no badge', async () => {
    const cases: [string, number][] = [
      ['/badge/uptime/compute.svg?window=2w', 400],
      ['/badge/components/nope.svg', 404],
      ['/badge/components/compute.svg?location=R9', 404],
      ['/badge/components/compute.png', 404],
      ['/badge/components/demo.svg', 404],
    ]
    for (const [path, status] of cases) {
      const res = await fixture.request(path)
      assert.equal(res.status, status, path)
      assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/, path)
    }
  })

  test('renderBadge: hostile text stays text, width grows with the text', () => {
    const hostile = renderBadge({ label: '<script>alert(1)</script>', value: "]]> & '\"\u0000\u001b", colour: 'red;"onload="x' })
    const badge = read(hostile)
    assert.deepEqual(badge.texts, ['<script>alert(1)</script>', "]]> & '\""], 'escaped, and control characters XML cannot carry dropped')
    assert.equal(badge.valueColour, STATE_TABLE.no_data.colour, 'a colour that is not hex falls back to grey')
    assert.ok(!hostile.includes('<script'))
    assert.ok(textWidth('WWWW') > textWidth('iiii'))
    assert.ok(textWidth('Major outage') > textWidth('Operational') && textWidth('Operational') > 40 && textWidth('Operational') < 90)
    assert.ok(read(renderBadge({ label: 'status', value: 'Degraded performance', colour: '#b26a00' })).width > read(renderBadge({ label: 'status', value: 'Operational', colour: '#2e7d32' })).width)
  })
})
