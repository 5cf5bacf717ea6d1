import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { MeasuredState } from '../core/index.js'
import type { ImpactRow, IncidentRow } from '../store/index.js'
import { automaticTitle, isAutomaticTitle, planAutomation, type PlanInput } from './index.js'

const T0 = Date.UTC(2026, 10, 22, 10)
const DEFAULT_OPEN_ON = new Set<MeasuredState>(['degraded', 'partial_outage', 'major_outage'])

function input(overrides: Partial<PlanInput> = {}): PlanInput {
  return { now: T0, settings: { openOn: DEFAULT_OPEN_ON, quietPeriodMs: 15 * 60_000 }, series: [], incidents: [], maintenance: [], ...overrides }
}

function systemIncident(impacts: Omit<ImpactRow, 'id' | 'incidentId' | 'from' | 'to'>[]): PlanInput['incidents'][number] {
  const row: IncidentRow = {
    id: 'i1', name: null, title: 'Compute in R1: major outage', description: null, phase: 'investigating', beganAt: T0 - 60_000, endedAt: null,
    managed: 'api', origin: 'system', source: null, createdAt: T0, updatedAt: T0, archivedAt: null,
  }
  return { row, impacts: impacts.map((impact, index) => ({ ...impact, id: `m${index}`, incidentId: 'i1', from: T0 - 60_000, to: null })) }
}

describe('planAutomation', () => {
  test('no data opens nothing by default; it does when openOn lists it', () => {
    const series = [{ series: { component: 'compute', location: 'R1' }, state: 'no_data' as const, since: T0 - 1 }]
    assert.deepEqual(planAutomation(input({ series })), [])
    const [plan] = planAutomation(input({ series, settings: { openOn: new Set(['no_data']), quietPeriodMs: 1 } }))
    assert.deepEqual(plan?.add, [{ location: 'R1', state: 'no_data' }])
  })

  test('an open impact whose series went silent is held, not lowered and not recovered', () => {
    const incident = systemIncident([{ component: 'compute', location: 'R1', type: 'Major Outage', severity: 100 }])
    const series = [{ series: { component: 'compute', location: 'R1' }, state: 'no_data' as const, since: T0 - 3_600_000 }]
    assert.deepEqual(planAutomation(input({ series, incidents: [incident] })), [])
  })

  test('an automatic incident without open impacts is resolved', () => {
    const [plan] = planAutomation(input({ incidents: [systemIncident([])] }))
    assert.equal(plan?.resolve, true)
  })
})

describe('automatic titles', () => {
  test('name the component, its locations and the worst state; an operator\u2019s title is not one', () => {
    assert.equal(automaticTitle('Compute', ['R1', 'R2'], 'partial_outage'), 'Compute in R1, R2: partial outage')
    assert.equal(automaticTitle('DNS', ['global'], 'degraded'), 'DNS: degraded performance')
    assert.ok(isAutomaticTitle('Compute in R1, R2: partial outage', 'Compute'))
    assert.ok(isAutomaticTitle('DNS: degraded performance', 'DNS'))
    assert.ok(!isAutomaticTitle('Compute: hypervisor failure in R1', 'Compute'))
    assert.ok(!isAutomaticTitle('Compute in R1: major outage', 'Network'))
  })
})
