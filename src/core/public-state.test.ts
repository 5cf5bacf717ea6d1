import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { NOT_REPRESENTATIVE_LABEL, publicState, STATE_RANK, worseState, type DeclaredState } from './public-state.js'
import { MEASURED_STATES, type MeasuredState } from './series.js'

const DECLARED: readonly (DeclaredState | null)[] = [null, 'operational', 'degraded', 'partial_outage', 'major_outage']
const measured = fc.constantFrom(...MEASURED_STATES)
const declared = fc.constantFrom(...DECLARED)
const reason = fc.option(fc.string({ minLength: 1 }).filter((text) => text.trim() !== '').map((text) => ({ reason: text })), { nil: null })

describe('publicState', () => {
  const table: [MeasuredState, DeclaredState | null, boolean, string, string][] = [
    ['operational', null, false, 'operational', 'measured'],
    ['no_data', null, false, 'no_data', 'measured'],
    ['no_data', 'degraded', false, 'no_data', 'measured'],
    ['no_data', 'partial_outage', false, 'partial_outage', 'declared'],
    ['degraded', 'major_outage', false, 'major_outage', 'declared'],
    ['major_outage', 'degraded', false, 'major_outage', 'measured'],
    ['partial_outage', 'partial_outage', false, 'partial_outage', 'both'],
    ['operational', 'operational', false, 'operational', 'both'],
    ['major_outage', 'major_outage', true, 'maintenance', 'maintenance'],
    ['no_data', null, true, 'maintenance', 'maintenance'],
  ]
  for (const [m, d, maintenance, state, source] of table) {
    test(`${m} + ${d ?? 'none'}${maintenance ? ' in maintenance' : ''} → ${state} (${source})`, () => {
      const outcome = publicState({ measured: m, declared: d, maintenance })
      assert.equal(outcome.state, state)
      assert.equal(outcome.source, source)
    })
  }

  test('not representative: the declared state alone decides and the reason is shown', () => {
    const outcome = publicState({ measured: 'major_outage', declared: 'degraded', maintenance: false, notRepresentative: { reason: 'probe host lost its uplink' } })
    assert.equal(outcome.state, 'degraded')
    assert.equal(outcome.source, 'declared')
    assert.match(outcome.reason, /probe host lost its uplink/)
    assert.equal(publicState({ measured: 'no_data', declared: null, maintenance: false, notRepresentative: { reason: 'x' } }).state, 'operational')
  })

  test('property: a marked series always carries the label and its reason (never plain green), an unmarked one never', () => {
    fc.assert(
      fc.property(measured, declared, fc.boolean(), reason, (m, d, maintenance, mark) => {
        const outcome = publicState({ measured: m, declared: d, maintenance, notRepresentative: mark })
        if (mark === null) return outcome.notRepresentative === null
        return outcome.notRepresentative?.label === NOT_REPRESENTATIVE_LABEL && outcome.notRepresentative.reason === mark.reason.trim()
      }),
    )
  })

  test('not representative without a public reason is refused', () => {
    assert.throws(() => publicState({ measured: 'degraded', declared: null, maintenance: false, notRepresentative: { reason: '  ' } }), RangeError)
  })

  test('the ranking: major > partial > no data > degraded > operational', () => {
    const order = [...MEASURED_STATES].sort((a, b) => STATE_RANK[a] - STATE_RANK[b])
    assert.deepEqual(order, ['operational', 'degraded', 'no_data', 'partial_outage', 'major_outage'])
    assert.equal(worseState('degraded', 'no_data'), 'no_data')
  })

  test('property: maintenance always wins', () => {
    fc.assert(fc.property(measured, declared, reason, (m, d, mark) => publicState({ measured: m, declared: d, maintenance: true, notRepresentative: mark }).state === 'maintenance'))
  })

  test('property: never better than measured unless marked not representative', () => {
    fc.assert(
      fc.property(measured, declared, (m, d) => {
        const { state } = publicState({ measured: m, declared: d, maintenance: false })
        return state !== 'maintenance' && STATE_RANK[state] >= STATE_RANK[m] && (d === null || STATE_RANK[state] >= STATE_RANK[d])
      }),
    )
  })

  test('property: no data is never shown as operational', () => {
    fc.assert(fc.property(declared, fc.boolean(), (d, maintenance) => publicState({ measured: 'no_data', declared: d, maintenance }).state !== 'operational'))
  })
})
