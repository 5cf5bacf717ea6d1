import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { PUBLIC_STATES, STATE_RANK } from './public-state.js'
import { declaredStateOf, STATE_TABLE, stateTable, statuspageDescription } from './state-table.js'

const SCS_DEFAULT = [{ value: 33 }, { value: 66 }, { value: 100 }]
const GREENS = new Set(['#2e7d32'])

describe('the state table', () => {
  test('has a row for every public state, with its own state', () => {
    for (const state of PUBLIC_STATES) assert.equal(STATE_TABLE[state].state, state)
  })

  test('no_data maps to operational or green nowhere', () => {
    const row = STATE_TABLE.no_data
    assert.notEqual(row.statuspage.component, 'operational')
    assert.notEqual(row.statuspage.indicator, 'none')
    assert.ok(!GREENS.has(row.colour))
    assert.notEqual(row.colour, STATE_TABLE.operational.colour)
    assert.notEqual(row.css, STATE_TABLE.operational.css)
    assert.notEqual(row.icon, STATE_TABLE.operational.icon)
    assert.doesNotMatch(row.label, /operational/i)
    assert.ok(row.scs.severity !== null && row.scs.severity > 33, 'SCS clients would show "operational" at 1–33')
    assert.equal(row.scs.impactType, 'No data')
    assert.equal(row.availability.declared, 'not_counted')
    assert.equal(row.availability.measured, 'excluded_no_data')
    assert.equal(statuspageDescription('no_data', Date.UTC(2026, 10, 22, 10)), 'no measurement since 2026-11-22T10:00:00.000Z')
  })

  test('noDataSeverity is configurable, but never into the operational range or maintenance', () => {
    assert.equal(stateTable({ noDataSeverity: 60 }).no_data.scs.severity, 60)
    for (const bad of [0, 1, 33, 101, 34.5]) assert.throws(() => stateTable({ noDataSeverity: bad }), RangeError)
  })

  test('SCS severities follow the public ranking', () => {
    const ranked = PUBLIC_STATES.filter((state) => state !== 'maintenance' && state !== 'operational')
    const severities = ranked.sort((a, b) => STATE_RANK[a] - STATE_RANK[b]).map((state) => STATE_TABLE[state].scs.severity!)
    assert.deepEqual(severities, [...severities].sort((a, b) => a - b))
    assert.equal(STATE_TABLE.maintenance.scs.severity, 0)
    assert.equal(STATE_TABLE.operational.scs.severity, null)
  })

  test('the projected severities map back to their own state', () => {
    for (const state of ['degraded', 'partial_outage', 'major_outage', 'maintenance'] as const) {
      assert.equal(declaredStateOf(STATE_TABLE[state].scs.severity!, SCS_DEFAULT), state)
    }
  })

  test('declaredStateOf: SCS ranges, and other level lists', () => {
    assert.deepEqual([0, 1, 33, 34, 66, 67, 100].map((s) => declaredStateOf(s, SCS_DEFAULT)), [
      'maintenance', 'degraded', 'degraded', 'partial_outage', 'partial_outage', 'major_outage', 'major_outage',
    ])
    assert.equal(declaredStateOf(10, [{ value: 100 }]), 'major_outage')
    assert.equal(declaredStateOf(10, [{ value: 50 }, { value: 100 }]), 'degraded')
    assert.throws(() => declaredStateOf(101, SCS_DEFAULT), RangeError)
  })
})
