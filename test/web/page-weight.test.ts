/**
 * The home page stays light at scale: 200 components × 1 location with a year of rollups is
 * well under 1 MB of HTML, a healthy series is a handful of bar elements, and nothing the bars
 * prove is lost (bad and incident days stay single, no data is never green). The component
 * page keeps every day. Sizes, not times: times are noisy here (see bench/page-weight.ts).
 */
import assert from 'node:assert/strict'
import { gzipSync } from 'node:zlib'
import { after, before, describe, test } from 'node:test'
import { componentName, manyComponents, type ManyComponents } from './many-components.js'

const COMPONENTS = 200
const MAX_PLAIN_BYTES = 1_000_000

/** The `<a>` elements of the bar of `name` on a page. */
function barLinks(html: string, name: string): string[] {
  const item = html.slice(html.indexOf(`id="component-${name}"`))
  const bar = item.slice(item.indexOf('<svg class="bar"'), item.indexOf('</svg>'))
  return bar.split('<a ').slice(1)
}

describe('page weight at 200 components', () => {
  let seeded: ManyComponents
  let home: string

  before(async () => {
    seeded = await manyComponents(COMPONENTS)
    const response = await seeded.app.request('/', { headers: { 'accept-language': 'en' } })
    assert.equal(response.status, 200)
    home = await response.text()
  })
  after(async () => {
    await seeded?.dispose()
  })

  test(`the home page is under ${MAX_PLAIN_BYTES / 1e6} MB plain and lists every component`, () => {
    const plain = Buffer.byteLength(home)
    console.log(`home page: ${plain} bytes plain, ${gzipSync(home).length} gzip`)
    assert.ok(plain < MAX_PLAIN_BYTES, `${plain} bytes`)
    assert.equal(home.match(/<li id="component-/g)?.length, COMPONENTS)
    assert.equal(home.match(/<dl class="uptime"/g)?.length, COMPONENTS)
  })

  test('a series with three bad days and one without data is at most 9 elements, each bad day single', () => {
    const links = barLinks(home, componentName(5))
    assert.ok(links.length <= 9, `${links.length} links`)
    const degraded = links.filter((link) => link.includes('d-degraded'))
    assert.ok(degraded.length >= 2)
    for (const link of degraded) assert.match(link, /<title>\d{4}-\d\d-\d\d · Degraded performance · 99\.5 % measured availability/)
    const noData = links.filter((link) => link.includes('d-no-data'))
    assert.equal(noData.length, 1)
    assert.match(noData[0]!, /No data · no data/)
    assert.ok(!noData[0]!.includes('d-operational'), 'no data is never green')
  })

  test('incident days stay single with their mark and title', () => {
    const links = barLinks(home, componentName(0))
    const incidentDays = links.filter((link) => link.includes('Service 0 errors'))
    assert.equal(incidentDays.length, 4)
    for (const link of incidentDays) {
      assert.match(link, /class="mark"/)
      assert.doesNotMatch(link, /<title>[^<]* – /, 'not part of a run')
    }
  })

  test('the component page still has a bar per day', async () => {
    const page = await (await seeded.app.request(`/components/${componentName(5)}`)).text()
    const bar = page.slice(page.indexOf('<svg class="bar"'), page.indexOf('</svg>'))
    assert.equal(bar.split('<a ').length - 1, 90)
  })
})
