/**
 * Suite `postmortems-public-chromium`: the public postmortem pages in real Chromium — axe-core
 * finds nothing serious or critical (light and dark, English and German; the pages carry no
 * script of their own, axe is injected), the page is complete without JavaScript (every section
 * present), and printed it drops navigation and footer and prints each link's target after it.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { after, before, describe, test } from 'node:test'
import type { Page } from 'playwright-core'
import type { Postmortem } from '../../../src/postmortems/index.js'
import { browseApp, chromiumMissing, type BrowsedApp } from '../../support/chromium-app.js'
import { realPart } from '../../support/real-part.js'
import { entry, evidenceOf, publicBench, START, type PublicBench } from './fixture.js'

const part = realPart('postmortems-public-chromium', chromiumMissing(), 'apt-get install chromium')
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

interface AxeViolation {
  id: string
  impact: string | null
  nodes: { target: string[] }[]
}

/** The little of the browser's DOM the page functions touch (the project has no DOM typings). */
interface Dom {
  document: { querySelector(selector: string): unknown }
  getComputedStyle(element: unknown, pseudo?: string): { display: string; content: string }
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE })
  const violations = await page.evaluate(async () => (await (globalThis as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe.run()).violations)
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`)
}

describe('public postmortem pages in Chromium', { skip: part.available ? false : part.skip }, () => {
  let bench: PublicBench
  let browsed: BrowsedApp
  let postmortem: Postmortem

  before(async () => {
    bench = await publicBench()
    const incident = await bench.incident('Compute API errors in R1')
    bench.evidence = evidenceOf(START, [{ component: 'compute', location: 'R1', availability: 0.95 }, { component: 'compute', location: 'R2', availability: null }], [
      entry('e-first', START + 60_000, 'First failing check', { kind: 'probe-failure' }),
    ])
    postmortem = await bench.publish([incident], {
      title: 'Compute could not start servers',
      tldr: 'Starting servers failed for an hour.',
      rootCause: 'A full disk.',
      actionItems: [{ title: 'Alert on disk usage', ownerRole: 'storage on-call', dueDate: '2026-12-31', status: 'open', url: 'https://tracker.example/1', internal: false }] as never,
    })
    await bench.postmortems.update(postmortem.id, { revision: postmortem.revision, sections: { rootCause: 'A full disk on the image cache.' }, changeNote: 'More precise root cause' }, { actor: 'editor', door: 'api' })
    browsed = await browseApp(bench.app)
  })
  after(async () => {
    await browsed?.close()
    await bench?.dispose()
  })

  test('axe-core finds nothing serious or critical, light and dark, English and German', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const path of ['/postmortems', `/postmortems/${postmortem.id}`, `/postmortems/${postmortem.id}?lang=de`, '/postmortems?component=compute', `/incidents/${postmortem.incidentIds[0]}`]) {
        const context = await browsed.browser.newContext({ locale: 'en-GB', colorScheme })
        const page = await context.newPage()
        await page.goto(browsed.base + path)
        assert.deepEqual(await seriousViolations(page), [], `${path} in ${colorScheme} mode`)
        await context.close()
      }
    }
  })

  test('complete without JavaScript, and printable: no navigation, link targets printed', async () => {
    const context = await browsed.noScriptContext()
    const page = await context.newPage()
    await page.goto(`${browsed.base}/postmortems/${postmortem.id}`)
    for (const heading of ['Summary', 'Impact', 'Timeline', 'Root cause', 'Action items', 'Incidents', 'Revision history']) {
      assert.equal(await page.getByRole('heading', { name: heading, exact: true }).count(), 1, heading)
    }
    await page.emulateMedia({ media: 'print' })
    const printed = await page.evaluate(() => {
      const dom = globalThis as unknown as Dom
      return {
        header: dom.getComputedStyle(dom.document.querySelector('header.site')).display,
        footer: dom.getComputedStyle(dom.document.querySelector('footer')).display,
        link: dom.getComputedStyle(dom.document.querySelector('main a[href^="/incidents/"]'), '::after').content,
      }
    })
    assert.equal(printed.header, 'none')
    assert.equal(printed.footer, 'none')
    assert.match(printed.link, /\/incidents\//, 'the link target is printed after the link')
    const pdf = await page.pdf({ format: 'A4' })
    assert.ok(pdf.length > 1000, 'it prints')
    await context.close()
  })
})
