import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { systemClock } from '../../src/core/index.js'
import { createIncidentService } from '../../src/incidents/index.js'
import { createMarkService } from '../../src/marks/index.js'
import { createStatusReader } from '../../src/status/index.js'
import { testServerApp } from '../support/server-app.js'
import { tempStore } from '../support/temp-store.js'
import { MINUTE, publish, seedApi } from './support.js'

const json = (res: Response): Promise<any> => res.json()
const ACTOR = 'operator-canary-77d1'
const REASON = 'Our probe host in R1 lost its uplink & the cloud is fine'

describe('a marked series on the status reader, the API and the page', () => {
  let app: ReturnType<typeof testServerApp>
  let dispose: () => Promise<void>
  let markedAt: number

  before(async () => {
    const temp = await tempStore()
    dispose = temp.dispose
    const { store } = temp
    await seedApi(store, Date.now())
    const now = Date.now()
    await publish(store, { component: 'api', location: 'R1' }, 'major_outage', now - MINUTE)
    await publish(store, { component: 'api', location: 'R2' }, 'major_outage', now - MINUTE)
    const mark = await createMarkService({ store, clock: systemClock }).setMark({ component: 'api', location: 'R1', reason: REASON, from: now - 5 * MINUTE }, { actor: ACTOR, door: 'cli' })
    markedAt = mark.from
    app = testServerApp(store)
  })
  after(() => dispose())

  test('/api/v1/status: the marked location shows the declared state (none → operational) with notRepresentative; the other keeps its measurement', async () => {
    const body = await json(await app.request('/api/v1/status'))
    const [api] = body.components
    const r1 = api.locations.find((l: { location: string }) => l.location === 'R1')
    const r2 = api.locations.find((l: { location: string }) => l.location === 'R2')
    assert.equal(r1.measured, 'major_outage')
    assert.equal(r1.state, 'operational')
    assert.equal(r1.source, 'declared')
    assert.deepEqual(r1.notRepresentative, { label: 'measurement not representative', reason: REASON, since: new Date(markedAt).toISOString() })
    assert.match(r1.reason, /measurement not representative: Our probe host/)
    assert.equal(r2.state, 'major_outage')
    assert.equal(r2.notRepresentative, null)
  })

  test('/api/v1/components carries the same, and no operator data', async () => {
    const res = await app.request('/api/v1/components')
    const text = await res.text()
    assert.ok(!text.includes(ACTOR), 'the actor is not public')
    const r1 = JSON.parse(text).items[0].locations.find((l: { location: string }) => l.location === 'R1')
    assert.equal(r1.notRepresentative.reason, REASON)
  })

  test('the page shows the label and the (escaped) reason beside the state', async () => {
    const html = await (await app.request('/')).text()
    assert.match(html, /<strong>R1<\/strong> <span class="state state-operational">[\s\S]*?Operational<\/span> · <span class="marked" role="note"><strong>Measurement not representative<\/strong>/)
    assert.ok(html.includes('Our probe host in R1 lost its uplink &amp; the cloud is fine'))
    assert.ok(!html.includes(ACTOR))
  })
})

describe('a marked series with an open incident shows the declared state', () => {
  test('declared partial outage beats the (not representative) measured operational', async () => {
    const temp = await tempStore()
    try {
      const { store } = temp
      await seedApi(store, Date.now())
      const now = Date.now()
      await publish(store, { component: 'api', location: 'R1' }, 'operational', now - MINUTE)
      await createIncidentService({ store, clock: systemClock }).createIncident(
        { title: 'Errors in R1', impacts: [{ component: 'api', location: 'R1', severity: 50 }], text: 'Investigating.' },
        { actor: 'alice', door: 'api' },
      )
      await createMarkService({ store, clock: systemClock }).setMark({ component: 'api', reason: 'probe maintenance' }, { actor: 'alice', door: 'cli' })
      const snapshot = await createStatusReader({ store, clock: systemClock }).current()
      const [r1, r2] = snapshot.components[0]!.locations
      assert.deepEqual([r1!.location, r1!.state, r1!.notRepresentative?.reason], ['R1', 'partial_outage', 'probe maintenance'])
      assert.deepEqual([r2!.location, r2!.state, r2!.notRepresentative?.reason], ['R2', 'operational', 'probe maintenance'], 'a mark without location covers every location')
    } finally {
      await temp.dispose()
    }
  })
})
