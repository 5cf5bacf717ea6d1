import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import type { MeasuredState } from '../../src/core/index.js'
import { DEFAULT_HYSTERESIS, parseHysteresisState, step } from '../../src/health/index.js'
import type { HysteresisConfig, HysteresisState } from '../../src/health/index.js'

const SEVERITY: Record<MeasuredState, number> = { operational: 0, degraded: 1, partial_outage: 2, major_outage: 3, no_data: -1 }

function published(sequence: MeasuredState[], config: HysteresisConfig = DEFAULT_HYSTERESIS): MeasuredState[] {
  let state: HysteresisState | null = null
  return sequence.map((evaluated) => {
    state = step(state, evaluated, config)
    return state.published
  })
}

const O = 'operational'
const D = 'degraded'
const P = 'partial_outage'
const M = 'major_outage'
const N = 'no_data'

describe('step', () => {
  test('defaults: two bad to go down, two good to come back', () => {
    assert.deepEqual(DEFAULT_HYSTERESIS, { down: 2, up: 2 })
    assert.deepEqual(published([O, M, O, M, M, O, M, O, O]), [O, O, O, O, M, M, M, M, O])
  })

  test('the very first evaluation is published directly, whatever it is', () => {
    assert.deepEqual(step(null, M), { published: M, candidate: null, streak: 0 })
  })

  test('no_data is published directly, and the first evaluation after it too', () => {
    assert.deepEqual(published([O, N, M, O]), [O, N, M, M])
    assert.deepEqual(published([M, N, O]), [M, N, O])
  })

  test('the latest evaluation of the streak is published', () => {
    assert.deepEqual(published([O, D, M]), [O, O, M])
    assert.deepEqual(published([M, O, D]), [M, M, D])
  })

  test('a change of direction starts a new streak; an equal evaluation clears it', () => {
    assert.deepEqual(published([D, M, O, O]), [D, D, D, O])
    assert.deepEqual(published([O, M, O, M]), [O, O, O, O])
    const state = step(step(step(null, D), M), D)
    assert.deepEqual(state, { published: D, candidate: null, streak: 0 })
  })

  test('a worse state than the candidate keeps counting the streak', () => {
    assert.deepEqual(published([O, D, P], { down: 3, up: 1 }), [O, O, O])
    assert.deepEqual(published([O, D, P, M], { down: 3, up: 1 }), [O, O, O, M])
  })

  test('custom counts: down 1 is immediate, up 3 needs three', () => {
    assert.deepEqual(published([O, M, O, O, O], { down: 1, up: 3 }), [O, M, M, M, O])
  })

  test('the state is plain JSON and reads back', () => {
    let state: HysteresisState | null = null
    for (const evaluated of [O, M, M, O] as MeasuredState[]) {
      state = step(state, evaluated)
      assert.deepEqual(parseHysteresisState(JSON.parse(JSON.stringify(state))), state)
    }
    assert.equal(parseHysteresisState({ published: 'green', candidate: null, streak: 0 }), null)
    assert.equal(parseHysteresisState({ published: O, candidate: 'x', streak: 0 }), null)
    assert.equal(parseHysteresisState({ published: O, candidate: null, streak: -1 }), null)
    assert.equal(parseHysteresisState('operational'), null)
  })
})

const measured = fc.constantFrom<MeasuredState>(O, D, P, M, N)

describe('step properties', () => {
  test('with down = 2, a single bad evaluation never makes the published state worse', () => {
    fc.assert(
      fc.property(fc.array(measured, { minLength: 1, maxLength: 60 }), (sequence) => {
        let state: HysteresisState | null = null
        sequence.forEach((evaluated, index) => {
          const before: HysteresisState | null = state
          state = step(state, evaluated, { down: 2, up: 2 })
          if (before === null || before.published === N || evaluated === N) return
          if (SEVERITY[state.published] > SEVERITY[before.published]) {
            const previous = sequence[index - 1]!
            assert.ok(previous !== N && SEVERITY[previous] > SEVERITY[before.published], `flipped on one bad evaluation at ${index}: ${sequence.join(',')}`)
          }
        })
      }),
      { numRuns: 1000 },
    )
  })

  test('the published state only changes to the evaluated state, after up/down agreeing evaluations', () => {
    fc.assert(
      fc.property(fc.array(measured, { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), (sequence, down, up) => {
        let state: HysteresisState | null = null
        sequence.forEach((evaluated, index) => {
          const before: HysteresisState | null = state
          state = step(state, evaluated, { down, up })
          assert.ok(state.streak >= 0 && state.streak < Math.max(down, up))
          if (before === null || before.published === state.published) return
          assert.equal(state.published, evaluated)
          if (before.published === N || evaluated === N) return
          const worse = SEVERITY[evaluated] > SEVERITY[before.published]
          const needed = worse ? down : up
          const recent = sequence.slice(Math.max(0, index - needed + 1), index + 1)
          assert.equal(recent.length, needed)
          for (const earlier of recent) {
            assert.notEqual(earlier, N)
            assert.equal(SEVERITY[earlier] > SEVERITY[before.published], worse)
          }
        })
      }),
      { numRuns: 1000 },
    )
  })
})
