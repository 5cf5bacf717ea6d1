import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createIncidentService } from '../../src/incidents/index.js'
import { localValue } from '../../src/operator/maintenance/fields.js'
import { csrfIn, startOperatorUi, type Browser, type OperatorUi } from '../operator/support.js'

const HOUR = 3_600_000
const DAY = 24 * HOUR

describe('operator maintenance forms (through app.request)', () => {
  let ui: OperatorUi
  let browser: Browser
  let csrf: string
  const windows = async () => (await ui.store.maintenance.list({ limit: 500 })).sort((a, b) => a.start - b.start)
  const utc = (ms: number) => localValue(ms, 'UTC')

  before(async () => {
    ui = await startOperatorUi()
    browser = ui.browser()
    assert.equal((await browser.signIn(ui.tokens.operator)).status, 303)
    csrf = await browser.csrfOf('/operator/maintenance/new')
  })
  after(() => ui.dispose())

  test('the list shows its sections; a form POST without the CSRF field is refused and writes nothing', async () => {
    const page = await (await browser.get('/operator/maintenance')).text()
    for (const heading of ['In progress', 'Upcoming', 'Recurring series', 'Past']) assert.match(page, new RegExp(`<h2>${heading}</h2>`))
    const start = ui.clock.now() + 3 * DAY
    for (const path of ['/operator/maintenance', '/operator/maintenance/series']) {
      const refused = await browser.post(path, { title: 'Sneaky', component: 'compute', start: utc(start), end: utc(start + HOUR), duration: '1h', kind: 'weekdays', weekday: 'sun', at: '02:00', notify: 'yes' })
      assert.equal(refused.status, 403, path)
    }
    assert.deepEqual(await windows(), [])
  })

  test('short notice: a confirm step first, the write only after "schedule anyway"', async () => {
    const start = ui.clock.now() + 5 * HOUR + 30 * 60_000
    const fields = { _csrf: csrf, title: 'Urgent kernel patch', component: ['compute', 'network'], start: utc(start), end: utc(start + HOUR), timeZone: 'UTC', notify: 'yes' }
    const confirm = await browser.post('/operator/maintenance', fields)
    assert.equal(confirm.status, 200)
    const html = await confirm.text()
    assert.match(html, /Notice is only 5 h( \d+ min)?, the policy is 36 h — schedule anyway\?/)
    assert.match(html, /name="confirm" value="yes"/)
    assert.match(html, /name="component" value="network"/)
    assert.deepEqual(await windows(), [], 'nothing written before the confirmation')
    const done = await browser.post('/operator/maintenance', { ...fields, _csrf: csrfIn(html), confirm: 'yes' })
    assert.equal(done.status, 303)
    assert.equal(done.headers.get('location'), '/operator/maintenance')
    const [window] = await windows()
    assert.equal(window?.title, 'Urgent kernel patch')
    assert.deepEqual(window?.targets.map((t) => t.component), ['compute', 'network'])
  })

  test('schedule with enough notice (local time in a zone), edit, cancel silently', async () => {
    const start = Date.UTC(2030, 0, 15, 1) // 02:00 in Berlin (CET)
    const created = await browser.post('/operator/maintenance', { _csrf: csrf, title: 'Router swap', component: 'network', start: '2030-01-15T02:00', end: '2030-01-15T04:00', timeZone: 'Europe/Berlin', notify: 'yes' })
    assert.equal(created.status, 303)
    const window = (await windows()).find((w) => w.title === 'Router swap')!
    assert.equal(window.start, start)
    const edited = await browser.post(`/operator/maintenance/${window.id}`, { _csrf: csrf, title: 'Core router swap', component: 'network', start: utc(start), end: utc(start + 3 * HOUR), timeZone: 'UTC', notify: 'no' })
    assert.equal(edited.status, 303)
    assert.equal((await ui.store.maintenance.get(window.id))?.title, 'Core router swap')
    assert.equal((await ui.store.maintenance.get(window.id))?.end, start + 3 * HOUR)
    const bad = await browser.post(`/operator/maintenance/${window.id}`, { _csrf: csrf, title: 'x', component: 'network', start: 'tomorrow', end: utc(start), notify: 'no' })
    assert.equal(bad.status, 303)
    assert.equal(bad.headers.get('location'), `/operator/maintenance/${window.id}`)
    assert.match(await (await browser.get(`/operator/maintenance/${window.id}`)).text(), /start: expected a date and time/)
    const cancelled = await browser.post(`/operator/maintenance/${window.id}/cancel`, { _csrf: csrf, notify: 'no' })
    assert.equal(cancelled.status, 303)
    assert.notEqual((await ui.store.maintenance.get(window.id))?.cancelledAt, null)
  })

  test('editing a running window through the form keeps its start (to the second)', async () => {
    const start = ui.clock.now() - 10 * 60_000 - 17_000
    const running = await createIncidentService({ store: ui.store, clock: ui.clock }).createMaintenance({ title: 'Running', components: [{ component: 'compute' }], start, end: start + HOUR, notify: false }, { actor: 'test', door: 'api' })
    const saved = await browser.post(`/operator/maintenance/${running.id}`, { _csrf: csrf, title: 'Running longer', component: 'compute', start: utc(start), end: utc(start + 2 * HOUR), timeZone: 'UTC', notify: 'no' })
    assert.equal(saved.status, 303)
    assert.equal(saved.headers.get('location'), '/operator/maintenance')
    const after = await ui.store.maintenance.get(running.id)
    assert.deepEqual([after?.title, after?.start], ['Running longer', start])
  })

  test('a recurring series: create by weekdays, edit to cron, cancel — its upcoming windows follow', async () => {
    const created = await browser.post('/operator/maintenance/series', {
      _csrf: csrf, title: 'Sunday patching', component: 'compute', duration: '90m', kind: 'weekdays', weekday: ['sun', 'wed'], at: '03:00', cron: '', timeZone: 'Europe/Berlin', notify: 'yes', confirm: 'yes',
    })
    assert.equal(created.status, 303)
    const [series] = await ui.store.maintenanceSeries.list()
    assert.ok(series)
    const mine = async () => (await windows()).filter((w) => w.title === 'Sunday patching' && w.cancelledAt === null)
    assert.ok((await mine()).length >= 8, 'two a week for 30 days')
    assert.match(await (await browser.get('/operator/maintenance')).text(), /Sunday patching<\/a><span class="muted">active · sun, wed at 03:00 \(Europe\/Berlin\)/)
    const form = await (await browser.get(`/operator/maintenance/series/${series.id}`)).text()
    assert.match(form, /value="1h30m"/)
    const edited = await browser.post(`/operator/maintenance/series/${series.id}`, { _csrf: csrf, title: 'Sunday patching', component: 'compute', duration: '1h', kind: 'cron', cron: '0 4 * * sun', at: '', timeZone: 'UTC', notify: 'no' })
    assert.equal(edited.status, 303)
    assert.ok((await mine()).every((w) => new Date(w.start).getUTCDay() === 0 && new Date(w.start).getUTCHours() === 4 && w.end - w.start === HOUR))
    const badCron = await browser.post(`/operator/maintenance/series/${series.id}`, { _csrf: csrf, title: 'Sunday patching', component: 'compute', duration: '1h', kind: 'cron', cron: '0 4 * *', timeZone: 'UTC', notify: 'no' })
    assert.equal(badCron.status, 303)
    assert.match(await (await browser.get(`/operator/maintenance/series/${series.id}`)).text(), /schedule.cron: expected 5 fields/)
    const cancelled = await browser.post(`/operator/maintenance/series/${series.id}/cancel`, { _csrf: csrf, notify: 'no' })
    assert.equal(cancelled.status, 303)
    assert.deepEqual(await mine(), [])
  })
})
