/**
 * The SCS API against the SCS spec file: a table of requests covering every operation of the
 * spec and the reference server's validation cases; every answer (2xx and error) is validated
 * against `../shared/reference/openapi.yaml` by `specClient`.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { realPart } from '../support/real-part.js'
import { loadSpecValidator, SPEC_FILE, type SpecValidator } from './spec-validator.js'
import { OPERATOR_NAME, scsFixture, specClient, type ScsFixture } from './support.js'

const spec = loadSpecValidator()
const part = realPart('scs-spec', spec === null ? `the SCS spec file ${SPEC_FILE} is missing` : null, 'lay out ../shared/reference/openapi.yaml beside the repository')
const skip = part.available ? false : part.skip
const HOUR = 3_600_000
const UNKNOWN = '01900000-0000-7000-8000-000000000000'

describe('SCS API contract', { skip }, () => {
  let fixture: ScsFixture
  let call: ReturnType<typeof specClient>
  const covered = new Map<string, Set<number>>()
  const iso = (ms: number) => new Date(ms).toISOString()
  let now: number
  let compute: string
  let network: string
  let typeId: string
  let incidentId: string

  before(async () => {
    fixture = await scsFixture()
    call = specClient(fixture.app, spec as SpecValidator, covered)
    now = fixture.clock.now()
  })
  after(() => fixture.dispose())

  test('catalogue reads: phases (generation 1 = the native lifecycle), severities, impact types', async () => {
    const phases = await call('GET', '/phases', { expect: 200, as: 'anonymous' })
    assert.deepEqual(phases.body.data, { generation: 1, phases: ['Investigating', 'Identified', 'Monitoring', 'Resolved'] })
    await call('GET', '/phases?generation=1', { expect: 200, as: 'anonymous' })
    await call('GET', '/phases?generation=99', { expect: 404, as: 'anonymous' })
    await call('GET', '/phases?generation=x', { expect: 400, as: 'anonymous' })
    const severities = await call('GET', '/severities', { expect: 200, as: 'anonymous' })
    assert.deepEqual(severities.body.data, [{ displayName: 'operational', value: 33 }, { displayName: 'limited', value: 66 }, { displayName: 'broken', value: 100 }])
    await call('GET', '/severities/limited', { expect: 200, as: 'anonymous' })
    await call('GET', '/severities/nope', { expect: 404, as: 'anonymous' })
    const types = await call('GET', '/impacttypes', { expect: 200, as: 'anonymous' })
    typeId = types.body.data.find((type: { displayName: string }) => type.displayName === 'Connectivity Problems').id
    await call('GET', `/impacttypes/${typeId}`, { expect: 200, as: 'anonymous' })
    await call('GET', `/impacttypes/${UNKNOWN}`, { expect: 404, as: 'anonymous' })
    await call('GET', '/impacttypes/not-a-uuid', { expect: 400, as: 'anonymous' })
  })

  test('catalogue writes: a new phase generation, severities (duplicate value → 400), impact types', async () => {
    await call('POST', '/phases', { body: { phases: ['Scheduled', 'Investigation ongoing', 'Working on it', 'Potential fix deployed', 'Done'] }, as: 'anonymous', expect: 401 })
    await call('POST', '/phases', { body: { phases: ['Ok', ''] }, expect: 400 })
    const created = await call('POST', '/phases', { body: { phases: ['Scheduled', 'Investigation ongoing', 'Working on it', 'Potential fix deployed', 'Done'] }, expect: 201 })
    assert.equal(created.body.generation, 2)
    assert.equal((await call('GET', '/phases', { expect: 200 })).body.data.generation, 2)
    assert.equal((await call('GET', '/phases?generation=1', { expect: 200 })).body.data.phases.length, 4, 'old generations are kept')
    await call('POST', '/severities', { body: { displayName: 'minor', value: 10 }, expect: 204 })
    await call('POST', '/severities', { body: { displayName: 'again', value: 66 }, expect: 400 })
    await call('POST', '/severities', { body: { displayName: 'too-high', value: 101 }, expect: 400 })
    await call('PATCH', '/severities/minor', { body: { value: 20 }, expect: 204 })
    await call('PATCH', '/severities/minor', { body: { value: 33 }, expect: 400 })
    await call('PATCH', '/severities/nope', { body: { value: 5 }, expect: 404 })
    await call('DELETE', '/severities/minor', { expect: 204 })
    await call('DELETE', '/severities/minor', { expect: 404 })
    const type = await call('POST', '/impacttypes', { body: { displayName: 'Slow Boot', description: 'VMs take long to boot' }, expect: 201 })
    await call('POST', '/impacttypes', { body: { displayName: 'Slow Boot' }, expect: 400 })
    await call('PATCH', `/impacttypes/${type.body.id}`, { body: { displayName: 'Slow Boots' }, expect: 204 })
    assert.equal((await call('GET', `/impacttypes/${type.body.id}`, { expect: 200 })).body.data.displayName, 'Slow Boots')
    await call('PATCH', `/impacttypes/${UNKNOWN}`, { body: { displayName: 'x' }, expect: 404 })
    await call('DELETE', `/impacttypes/${type.body.id}`, { expect: 204 })
    await call('DELETE', `/impacttypes/${type.body.id}`, { expect: 404 })
  })

  test('components: config-managed ones read-only, API ones created, changed and archived', async () => {
    const list = await call('GET', '/components', { expect: 200, as: 'anonymous' })
    compute = list.body.data.find((c: { displayName: string }) => c.displayName === 'Compute').id
    network = list.body.data.find((c: { displayName: string }) => c.displayName === 'Network').id
    assert.deepEqual(list.body.data.find((c: { id: string }) => c.id === network).labels, { az: 'a', region: 'R1' })
    await call('GET', `/components/${compute}`, { expect: 200, as: 'anonymous' })
    await call('GET', `/components/${UNKNOWN}`, { expect: 404, as: 'anonymous' })
    await call('GET', `/components/${compute}?at=yesterday`, { expect: 400, as: 'anonymous' })
    await call('PATCH', `/components/${compute}`, { body: { displayName: 'Renamed' }, expect: 409 })
    await call('POST', '/components', { body: { labels: {} }, expect: 400 })
    const created = await call('POST', '/components', { body: { displayName: 'Object Storage', labels: { region: 'R2' } }, expect: 201 })
    await call('PATCH', `/components/${created.body.id}`, { body: { labels: { region: 'R3' } }, expect: 204 })
    assert.deepEqual((await call('GET', `/components/${created.body.id}`, { expect: 200 })).body.data.labels, { region: 'R3' })
    await call('DELETE', `/components/${created.body.id}`, { expect: 204 })
    await call('GET', `/components/${created.body.id}`, { expect: 404 })
    await call('DELETE', `/components/${UNKNOWN}`, { expect: 404 })
    await call('PATCH', `/components/${UNKNOWN}`, { body: { displayName: 'x' }, expect: 404 })
  })

  test("the reference server's validation cases: 400 and nothing written", async () => {
    const before = await fixture.store.incidents.list({ limit: 100 })
    const base = { displayName: 'Broken', beganAt: iso(now - HOUR), affects: [{ type: typeId, reference: compute, severity: 70 }] }
    await call('POST', '/incidents', { body: { ...base, endedAt: iso(now - 2 * HOUR) }, expect: 400 })
    await call('POST', '/incidents', { body: { ...base, affects: [{ type: typeId, reference: compute, severity: 101 }] }, expect: 400 })
    await call('POST', '/incidents', { body: { ...base, affects: [{ type: typeId, reference: compute, severity: -1 }] }, expect: 400 })
    await call('POST', '/incidents', { body: { ...base, affects: [{ reference: compute, severity: 0 }] }, expect: 400 })
    await call('POST', '/incidents', { body: { ...base, phase: { generation: 2, order: 9 } }, expect: 400 })
    await call('POST', '/incidents', { body: { ...base, phase: { generation: 77, order: 0 } }, expect: 400 })
    await call('POST', '/incidents', { body: { ...base, affects: [{ type: typeId, reference: UNKNOWN, severity: 50 }] }, expect: 400 })
    await call('POST', '/incidents', { body: { ...base, affects: [{ type: UNKNOWN, reference: compute, severity: 50 }] }, expect: 400 })
    await call('POST', '/incidents', { body: { ...base, beganAt: 'last tuesday' }, expect: 400 })
    await call('POST', '/incidents', { body: { ...base, displayName: undefined }, expect: 400 })
    await call('POST', '/incidents', { body: base, as: 'anonymous', expect: 401 })
    await call('POST', '/incidents', { body: base, as: 'reporter', expect: 403 })
    assert.deepEqual(await fixture.store.incidents.list({ limit: 100 }), before, 'no rejected write left anything')
    await call('GET', '/incidents', { expect: 400, as: 'anonymous' })
    await call('GET', `/incidents?start=${iso(now)}&end=${iso(now - HOUR)}`, { expect: 400, as: 'anonymous' })
    await call('GET', `/incidents/${UNKNOWN}`, { expect: 404, as: 'anonymous' })
    await call('GET', '/incidents/42', { expect: 400, as: 'anonymous' })
  })

  test('incidents: create, read in a time range, patch phase and impacts, resolve', async () => {
    const created = await call('POST', '/incidents', {
      body: { displayName: 'Network loss in R1', description: 'Packets drop.', beganAt: iso(now - HOUR), phase: { generation: 2, order: 2 }, affects: [{ type: typeId, reference: network, severity: 70 }] },
      expect: 201,
    })
    incidentId = created.body.id
    const read = (await call('GET', `/incidents/${incidentId}`, { expect: 200, as: 'anonymous' })).body.data
    assert.deepEqual(read.phase, { generation: 2, order: 2 }, '"Working on it" is identified, shown as itself')
    assert.deepEqual(read.affects, [{ type: typeId, reference: network, severity: 70 }])
    assert.deepEqual(read.updates, [], 'the opening statement is the description, not an update')
    const component = (await call('GET', `/components/${network}`, { expect: 200, as: 'anonymous' })).body.data
    assert.deepEqual(component.activelyAffectedBy, [{ type: typeId, reference: incidentId, severity: 70 }])
    const listed = await call('GET', `/incidents?start=${iso(now - 90 * 24 * HOUR)}&end=${iso(now)}`, { expect: 200, as: 'anonymous' })
    assert.deepEqual(listed.body.data.map((i: { id: string }) => i.id), [incidentId])
    await call('PATCH', `/incidents/${incidentId}`, { body: { phase: { generation: 2, order: 3 }, affects: [{ type: typeId, reference: network, severity: 40 }, { type: typeId, reference: compute, severity: 20 }] }, expect: 204 })
    const patched = (await call('GET', `/incidents/${incidentId}`, { expect: 200 })).body.data
    assert.deepEqual(patched.phase, { generation: 2, order: 3 })
    assert.equal(patched.affects.length, 2)
    await call('PATCH', `/incidents/${incidentId}`, { body: { endedAt: iso(now - 2 * HOUR) }, expect: 400 })
    await call('PATCH', `/incidents/${incidentId}`, { body: { affects: [{ reference: network, severity: 0 }] }, expect: 400 })
    await call('PATCH', `/incidents/${incidentId}`, { body: { phase: { generation: 1, order: 7 } }, expect: 400 })
    await call('PATCH', `/incidents/${UNKNOWN}`, { body: { displayName: 'x' }, expect: 404 })
    fixture.clock.set(now + HOUR)
    await call('PATCH', `/incidents/${incidentId}`, { body: { endedAt: iso(now + 30 * 60_000) }, expect: 204 })
    const resolved = (await call('GET', `/incidents/${incidentId}`, { expect: 200 })).body.data
    assert.equal(resolved.endedAt, iso(now + 30 * 60_000))
    assert.deepEqual(resolved.phase, { generation: 2, order: 4 })
    assert.deepEqual((await call('GET', `/components/${network}`, { expect: 200 })).body.data.activelyAffectedBy, [])
    assert.equal((await call('GET', `/components/${network}?at=${iso(now)}`, { expect: 200 })).body.data.activelyAffectedBy.length, 1, 'at= travels back')
    await call('PATCH', `/incidents/${incidentId}`, { body: { endedAt: null }, expect: 409 })
    await call('DELETE', `/incidents/${UNKNOWN}`, { expect: 404 })
  })

  test('updates: post, list, read; phase moves are updates; edits are refused, a DELETE retracts', async () => {
    const posted = await call('POST', `/incidents/${incidentId}/updates`, { body: { displayName: 'Postmortem', description: 'A switch failed.', createdAt: iso(now + 50 * 60_000) }, expect: 201 })
    const updates = (await call('GET', `/incidents/${incidentId}/updates`, { expect: 200, as: 'anonymous' })).body.data
    assert.deepEqual(updates.map((u: { displayName: string }) => u.displayName), ['Potential fix deployed', 'Done', 'Postmortem'])
    const one = (await call('GET', `/incidents/${incidentId}/updates/${posted.body.order}`, { expect: 200, as: 'anonymous' })).body.data
    assert.deepEqual(one, { order: posted.body.order, displayName: 'Postmortem', description: 'A switch failed.', createdAt: iso(now + 50 * 60_000) })
    await call('GET', `/incidents/${incidentId}/updates/1`, { expect: 404 })
    await call('GET', `/incidents/${incidentId}/updates/x`, { expect: 400 })
    await call('POST', `/incidents/${incidentId}/updates`, { body: { displayName: 'Future', createdAt: iso(now + 5 * HOUR) }, expect: 400 })
    await call('POST', `/incidents/${incidentId}/updates`, { body: {}, expect: 400 })
    await call('POST', `/incidents/${UNKNOWN}/updates`, { body: { displayName: 'x' }, expect: 404 })
    await call('GET', `/incidents/${UNKNOWN}/updates`, { expect: 404 })
    await call('PATCH', `/incidents/${incidentId}/updates/${posted.body.order}`, { body: { description: 'edited' }, expect: 501 })
    await call('DELETE', `/incidents/${incidentId}/updates/${posted.body.order}`, { as: 'reporter', expect: 403 })
    await call('DELETE', `/incidents/${incidentId}/updates/${posted.body.order}`, { expect: 204 })
    await call('GET', `/incidents/${incidentId}/updates/${posted.body.order}`, { expect: 404, as: 'anonymous' })
    const left = (await call('GET', `/incidents/${incidentId}/updates`, { expect: 200, as: 'anonymous' })).body.data
    assert.deepEqual(left.map((u: { displayName: string }) => u.displayName), ['Potential fix deployed', 'Done'])
    await call('DELETE', `/incidents/${incidentId}/updates/${posted.body.order}`, { expect: 404 })
    await call('DELETE', `/incidents/${incidentId}/updates/99`, { expect: 404 })
  })

  test('a DELETE retracts an incident: gone from reads, lists and components; content kept', async () => {
    await call('DELETE', `/incidents/${incidentId}?reason=${encodeURIComponent('Posted for the wrong cloud')}`, { expect: 204 })
    await call('GET', `/incidents/${incidentId}`, { expect: 404, as: 'anonymous' })
    await call('GET', `/incidents/${incidentId}/updates`, { expect: 404, as: 'anonymous' })
    const listed = await call('GET', `/incidents?start=${iso(now - 90 * 24 * HOUR)}&end=${iso(now + HOUR)}`, { expect: 200, as: 'anonymous' })
    assert.ok(!listed.body.data.some((i: { id: string }) => i.id === incidentId))
    await call('DELETE', `/incidents/${incidentId}`, { expect: 404 })
    await call('PATCH', `/incidents/${incidentId}`, { body: { displayName: 'x' }, expect: 404 })
    assert.equal((await fixture.store.incidents.get(incidentId))?.title, 'Network loss in R1', 'the content stays in the store')
    const [retraction] = await fixture.store.retractions.ofIncident(incidentId).then((rows) => rows.filter((row) => row.seq === 0))
    assert.equal(retraction?.reason, 'Posted for the wrong cloud')
  })

  test('maintenance: severity-0 impacts make a window, shown in the future range and on components with at=', async () => {
    const start = now + 24 * HOUR
    const body = { displayName: 'Router upgrade', description: 'Short loss.', beganAt: iso(start), endedAt: iso(start + 2 * HOUR), affects: [{ reference: network, severity: 0 }] }
    const created = await call('POST', '/incidents', { body, expect: 201 })
    const upcoming = await call('GET', `/incidents?start=${iso(now)}&end=${iso(now + 30 * 24 * HOUR)}`, { expect: 200, as: 'anonymous' })
    const window = upcoming.body.data.find((i: { id: string }) => i.id === created.body.id)
    assert.equal(window.affects[0].severity, 0)
    assert.equal((await call('GET', `/components/${network}`, { expect: 200 })).body.data.activelyAffectedBy.length, 0, 'not yet without at=')
    assert.equal((await call('GET', `/components/${network}?at=${iso(start + HOUR)}`, { expect: 200 })).body.data.activelyAffectedBy[0].severity, 0)
    await call('GET', `/incidents/${created.body.id}`, { expect: 200 })
    assert.deepEqual((await call('GET', `/incidents/${created.body.id}/updates`, { expect: 200 })).body.data, [], 'a window lists no updates, as the web client expects')
    await call('POST', `/incidents/${created.body.id}/updates`, { body: { displayName: 'x', description: 'y' }, expect: 409 })
    await call('PATCH', `/incidents/${created.body.id}`, { body: { displayName: 'x' }, expect: 409 })
    await call('DELETE', `/incidents/${created.body.id}`, { expect: 204 })
    await call('GET', `/incidents/${created.body.id}`, { expect: 404 })
  })

  test('every write is audited with the token name as actor', async () => {
    const events = await fixture.store.audit.list({ limit: 1000 })
    const actions = new Set(events.filter((event) => event.actor === OPERATOR_NAME).map((event) => event.action))
    for (const action of ['phase-list.create', 'severity.create', 'severity.update', 'severity.delete', 'impact-type.create', 'impact-type.update', 'impact-type.delete', 'component.create', 'component.update', 'component.archive', 'incident.create', 'incident.revise', 'incident.update.add', 'maintenance.create', 'maintenance.cancel', 'incident.retract', 'update.retract']) {
      assert.ok(actions.has(action), `audited: ${action}`)
    }
  })

  test('the table covered every operation of the spec', () => {
    const missing = (spec as SpecValidator).operations.filter((operation) => !covered.has(operation))
    assert.deepEqual(missing, [])
  })
})
