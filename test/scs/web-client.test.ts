/**
 * Replays what the SCS web client does on load (background §6 "API consumption"): phases,
 * severities, impact types, components, incidents for [now − 90 d, now] and [now, now + 30 d],
 * then `/updates` per incident — every answer valid against the spec, and enough to render.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { realPart } from '../support/real-part.js'
import { loadSpecValidator, SPEC_FILE, type SpecValidator } from './spec-validator.js'
import { scsFixture, specClient, type ScsFixture } from './support.js'

const spec = loadSpecValidator()
const part = realPart('scs-spec', spec === null ? `the SCS spec file ${SPEC_FILE} is missing` : null, 'lay out ../shared/reference/openapi.yaml beside the repository')
const DAY = 86_400_000

describe('the SCS web client on load', { skip: part.available ? false : part.skip }, () => {
  let fixture: ScsFixture
  before(async () => {
    fixture = await scsFixture()
  })
  after(() => fixture.dispose())

  test('loads everything it renders from valid answers', async () => {
    const call = specClient(fixture.app, spec as SpecValidator, new Map())
    const now = fixture.clock.now()
    const iso = (ms: number) => new Date(ms).toISOString()
    const [compute] = (await call('GET', '/components', { expect: 200 })).body.data.map((c: { id: string }) => c.id)
    await call('POST', '/incidents', { body: { displayName: 'Past outage', beganAt: iso(now - 3 * DAY), endedAt: iso(now - 3 * DAY + 3_600_000), affects: [{ reference: compute, severity: 100 }] }, expect: 201 })
    const open = await call('POST', '/incidents', { body: { displayName: 'Slow API', beganAt: iso(now - 60_000), affects: [{ reference: compute, severity: 30 }] }, expect: 201 })
    await call('POST', `/incidents/${open.body.id}/updates`, { body: { displayName: 'Identified', description: 'A full disk.' }, expect: 201 })
    await call('POST', '/incidents', { body: { displayName: 'Upgrade', beganAt: iso(now + 2 * DAY), endedAt: iso(now + 2 * DAY + 3_600_000), affects: [{ reference: compute, severity: 0 }] }, expect: 201 })

    const anonymous = { as: 'anonymous' as const, expect: 200 }
    const phases = (await call('GET', '/phases', anonymous)).body.data
    const severities = (await call('GET', '/severities', anonymous)).body.data
    const types = (await call('GET', '/impacttypes', anonymous)).body.data
    const components = (await call('GET', '/components', anonymous)).body.data
    const past = (await call('GET', `/incidents?start=${iso(now - 90 * DAY)}&end=${iso(now)}`, anonymous)).body.data
    const future = (await call('GET', `/incidents?start=${iso(now)}&end=${iso(now + 30 * DAY)}`, anonymous)).body.data
    const updates = await Promise.all([...past, ...future].map(async (incident: { id: string; affects: { severity: number }[] }) => {
      const maintenance = incident.affects.every((impact) => impact.severity === 0)
      return maintenance ? [] : (await call('GET', `/incidents/${incident.id}/updates`, anonymous)).body.data
    }))
    assert.equal(phases.phases.length, 4)
    assert.equal(severities.at(-1).value, 100)
    assert.ok(components.some((c: { activelyAffectedBy: unknown[] }) => c.activelyAffectedBy.length === 1))
    assert.deepEqual(past.map((i: { displayName: string }) => i.displayName), ['Slow API', 'Past outage'])
    assert.deepEqual(future.map((i: { displayName: string }) => i.displayName), ['Upgrade', 'Slow API'], 'an open incident overlaps the future range')
    const typeNames = new Set(types.map((t: { id: string; displayName: string }) => t.id))
    for (const incident of [...past, ...future]) for (const impact of incident.affects) assert.ok(typeNames.has(impact.type), 'every impact type resolves')
    assert.deepEqual(updates[0].map((u: { displayName: string; description: string }) => [u.displayName, u.description]), [['Identified', 'A full disk.']])
  })
})
