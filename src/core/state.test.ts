import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { decideState, staleAfter, type ResultOutcome } from './state.js'

const now = 1_800_000_000_000
const rules = { failureThreshold: 3, successThreshold: 2, staleAfterMs: staleAfter(30_000, 10_000) }

function history(...oks: boolean[]): ResultOutcome[] {
  return oks.map((ok, index) => ({ ok, startedAt: now - 1_000 - index * 30_000, durationMs: 5 }))
}

describe('decideState', () => {
  test('no results is no data, never operational', () => {
    assert.equal(decideState([], rules, now).state, 'no_data')
  })

  test('a stale newest result is no data even when it passed', () => {
    const old = [{ ok: true, startedAt: now - rules.staleAfterMs - 1, durationMs: 5 }]
    assert.equal(decideState(old, rules, now).state, 'no_data')
  })

  test('failures below the threshold degrade, at the threshold they are an outage', () => {
    assert.equal(decideState(history(false, false, true), rules, now).state, 'degraded')
    assert.equal(decideState(history(false, false, false), rules, now).state, 'outage')
  })

  test('recovery needs the success threshold', () => {
    assert.equal(decideState(history(true, false, false, false), rules, now).state, 'degraded')
    assert.equal(decideState(history(true, true, false), rules, now).state, 'operational')
  })

  test('a short all-passing history is operational', () => {
    const decided = decideState(history(true), rules, now)
    assert.equal(decided.state, 'operational')
    assert.equal(decided.lastDurationMs, 5)
  })
})
