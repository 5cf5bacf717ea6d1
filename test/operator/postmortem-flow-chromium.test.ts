/**
 * Suite `postmortem-flow-chromium`: issue 9's authoring → review → publish in real Chromium with
 * JavaScript off. An operator resolves an incident, writes a postmortem from it, edits the
 * TL;DR, annotates a timeline entry, hides another, adds a redaction phrase and internal notes,
 * previews (the phrase shows as [redacted], the internal notes are absent), submits and
 * publishes; the public permalink and the postmortem feed carry it without the redacted or
 * internal text. The pages raise no CSP violation and have no serious accessibility finding.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { after, before, describe, test } from 'node:test'
import type { Page } from 'playwright-core'
import { createIncidentService } from '../../src/incidents/index.js'
import { postmortemServiceOver } from '../../src/postmortems/index.js'
import { browseApp, chromiumMissing, type BrowsedApp } from '../support/chromium-app.js'
import { realPart } from '../support/real-part.js'
import { startOperatorUi, type OperatorUi } from './support.js'

const part = realPart('postmortem-flow-chromium', chromiumMissing(), 'apt-get install chromium')
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
const HOST = 'stor-9.dc2.internal'
const INTERNAL_NOTE = 'The pager rota was stale (internal 6d2a).'
const HIDDEN_ANNOTATION = 'Hidden annotation 1c7e'

describe('postmortem authoring → review → publish in Chromium without JavaScript', { skip: part.available ? false : part.skip }, () => {
  let ui: OperatorUi
  let browsed: BrowsedApp
  let base: string
  const cspViolations: string[] = []

  before(async () => {
    ui = await startOperatorUi()
    await createIncidentService({ store: ui.store, clock: ui.clock }).createIncident(
      { title: `Storage errors on ${HOST}`, text: 'We see failing volume attachments.', origin: 'human', impacts: [{ component: 'compute', location: 'de-1', type: 'Unknown', severity: 66 }], notify: false },
      { actor: 'test', door: 'api' },
    )
    ui.clock.advance(30 * 60_000)
    browsed = await browseApp(ui.app)
    base = browsed.base
  })
  after(async () => {
    await browsed?.close()
    await ui?.dispose()
  })

  async function operatorPage(): Promise<Page> {
    const page = await (await browsed.noScriptContext()).newPage()
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text())
    })
    await page.goto(`${base}/operator/sign-in`)
    await page.getByLabel('API token').fill(ui.tokens.operator)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(`${base}/operator`)
    return page
  }

  async function publicText(path: string): Promise<{ status: number; text: string }> {
    const visitor = await (await browsed.noScriptContext()).newPage()
    const response = await visitor.goto(base + path)
    const text = await visitor.locator('body').innerText()
    await visitor.context().close()
    return { status: response?.status() ?? 0, text }
  }

  test('resolve → write → edit, annotate, hide, redact → preview → submit → publish → public page and feed', async () => {
    const page = await operatorPage()
    await page.getByRole('link', { name: `Storage errors on ${HOST}` }).click()
    await page.getByLabel('Closing text').fill('Volumes attach again.')
    await page.getByRole('button', { name: 'Resolve incident' }).click()
    assert.match(await page.locator('.flash').innerText(), /Incident resolved/)

    await page.getByRole('button', { name: 'Write postmortem' }).click()
    await page.waitForURL(/\/operator\/postmortems\/[0-9a-f-]{36}$/)
    const id = new URL(page.url()).pathname.split('/').at(-1)!
    assert.match(await page.locator('.flash').innerText(), /Draft written from the stored evidence/)
    const entries = page.locator('li.timeline-entry')
    assert.ok((await entries.count()) >= 2, 'a generated timeline')

    await page.getByLabel('TL;DR (for non-technical readers; required to publish)').fill('Volumes of one storage host failed to attach for 30 minutes.')
    await page.getByLabel('Root cause').fill(`The storage host ${HOST} ran out of file handles.`)
    await entries.nth(0).getByLabel('Annotation (Markdown)').fill('Our own probe saw it first (public annotation 3b8f).')
    await entries.nth(1).getByLabel('Annotation (Markdown)').fill(HIDDEN_ANNOTATION)
    await entries.nth(1).getByLabel('Internal (kept out of the public version)').check()
    await page.getByLabel('Redacted phrases (one per line; each shows as [redacted] in every public output)').fill(HOST)
    await page.getByLabel('Internal notes — never published').fill(INTERNAL_NOTE)
    await page.getByRole('button', { name: 'Save' }).click()
    assert.match(await page.locator('.flash').innerText(), /Saved/)
    assert.equal(await page.getByLabel('Internal notes — never published').inputValue(), INTERNAL_NOTE)

    await page.getByRole('link', { name: 'Preview the public version' }).click()
    const preview = await page.locator('body').innerText()
    assert.match(preview, /Preview — this is what the public will see/)
    assert.match(preview, /ran out of file handles/)
    assert.match(preview, /public annotation 3b8f/)
    assert.ok((await page.locator('main mark', { hasText: '[redacted]' }).count()) >= 1, 'redacted phrases are marked')
    for (const secret of [INTERNAL_NOTE, HIDDEN_ANNOTATION, `host ${HOST}`]) assert.ok(!preview.includes(secret), `preview without "${secret}"`)

    await page.getByRole('link', { name: 'Back to the editor' }).click()
    await page.getByRole('button', { name: 'Submit for review' }).click()
    assert.match(await page.locator('.flash').innerText(), /Submitted for review/)
    await page.getByLabel('Silent (no e-mail or webhook)').check()
    await page.getByRole('button', { name: 'Publish' }).click()
    assert.match(await page.locator('.flash').innerText(), /Published silently/)
    assert.match(await page.locator('strong.status').innerText(), /Published/)

    const permalink = await publicText(`/postmortems/${id}`)
    assert.equal(permalink.status, 200)
    assert.match(permalink.text, /Volumes of one storage host failed to attach/)
    assert.match(permalink.text, /public annotation 3b8f/)
    for (const secret of [INTERNAL_NOTE, HIDDEN_ANNOTATION, `host ${HOST}`]) assert.ok(!permalink.text.includes(secret), `public page without "${secret}"`)
    const feed = await (await fetch(`${base}/postmortems/feed.atom`)).text()
    assert.match(feed, new RegExp(`/postmortems/${id}`))
    for (const secret of [INTERNAL_NOTE, HIDDEN_ANNOTATION, HOST]) assert.ok(!feed.includes(secret), `feed without "${secret}"`)
    assert.deepEqual(cspViolations, [])
  })

  test('the postmortem pages have no serious accessibility findings', async () => {
    const checker = await browsed.browser.newContext({ bypassCSP: true, locale: 'en-GB' })
    try {
      const page = await checker.newPage()
      await page.goto(`${base}/operator/sign-in`)
      await page.getByLabel('API token').fill(ui.tokens.operator)
      await page.getByRole('button', { name: 'Sign in' }).click()
      await page.waitForURL(`${base}/operator`)
      const [postmortem] = await postmortemServiceOver(ui.store, ui.clock).list()
      assert.ok(postmortem, 'the flow above wrote one')
      const id = postmortem.id
      const findings: Record<string, string[]> = {}
      for (const path of ['/operator/postmortems', `/operator/postmortems/${id}`]) {
        await page.goto(base + path)
        await page.addScriptTag({ content: AXE })
        const violations = await page.evaluate(async () => {
          const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }> } }).axe
          return (await axe.run()).violations
        })
        findings[path] = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)
      }
      assert.deepEqual(Object.values(findings).flat(), [], JSON.stringify(findings, null, 2))
    } finally {
      await checker.close()
    }
  })
})
