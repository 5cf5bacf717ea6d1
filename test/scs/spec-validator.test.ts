/**
 * The spec validator itself: it must reject what the spec forbids, or the contract suite proves
 * nothing. Also the phase mapping between SCS phase lists and the native lifecycle.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { nativePhasesOf, positionOfNative } from '../../src/incidents/index.js'
import { realPart } from '../support/real-part.js'
import { loadSpecValidator, SPEC_FILE } from './spec-validator.js'

const spec = loadSpecValidator()
const part = realPart('scs-spec', spec === null ? `the SCS spec file ${SPEC_FILE} is missing` : null, 'lay out ../shared/reference/openapi.yaml beside the repository')

describe('spec validator', { skip: part.available ? false : part.skip }, () => {
  const json = (value: unknown) => JSON.stringify(value)
  test('finds the 27 operations and matches concrete paths', () => {
    assert.equal(spec!.operations.length, 27)
    assert.equal(spec!.operationOf('GET', '/incidents/x/updates/3'), 'GET /incidents/{incidentId}/updates/{updateOrder}')
    assert.equal(spec!.operationOf('PUT', '/incidents'), null)
  })
  test('rejects wrong types, formats and ranges, and accepts a conforming body', () => {
    const ok = { data: { id: '0190b1e2-0000-7000-8000-000000000001', displayName: 'x', beganAt: '2026-12-06T10:00:00.000Z', endedAt: null, phase: { generation: 1, order: 0 }, affects: [{ type: '0190b1e2-0000-7000-8000-000000000002', reference: '0190b1e2-0000-7000-8000-000000000003', severity: 50 }], updates: [2] } }
    assert.deepEqual(spec!.check('GET /incidents/{incidentId}', 200, 'application/json', json(ok)), [])
    assert.notDeepEqual(spec!.check('GET /incidents/{incidentId}', 200, 'application/json', json({ data: { ...ok.data, id: 'nope' } })), [])
    assert.notDeepEqual(spec!.check('GET /incidents/{incidentId}', 200, 'application/json', json({ data: { ...ok.data, affects: [{ severity: 101 }] } })), [])
    assert.notDeepEqual(spec!.check('GET /incidents/{incidentId}', 200, 'application/json', json({})), [])
    assert.notDeepEqual(spec!.check('POST /severities', 204, null, '{"data":1}'), [], '204 has no body')
  })
  test('an undocumented status must be a problem with message', () => {
    const problem = { type: 't', title: 'Bad', status: 400, message: 'bad' }
    assert.deepEqual(spec!.check('GET /phases', 400, 'application/problem+json', json(problem)), [])
    assert.notDeepEqual(spec!.check('GET /phases', 400, 'application/problem+json', json({ ...problem, message: undefined })), [])
    assert.notDeepEqual(spec!.check('GET /phases', 400, 'application/json', json(problem)), [])
    assert.notDeepEqual(spec!.check('GET /phases', 202, 'application/json', '{}'), [])
  })
})

describe('phase mapping', () => {
  test('the SCS default phases map by their words', () => {
    const phases = nativePhasesOf(['Scheduled', 'Investigation ongoing', 'Working on it', 'Potential fix deployed', 'Done'])
    assert.deepEqual(phases.map((phase) => phase.native), ['investigating', 'investigating', 'identified', 'monitoring', 'resolved'])
    assert.equal(positionOfNative('investigating', phases), 0)
    assert.equal(positionOfNative('monitoring', phases), 3)
  })
  test('unknown words map by position; missing native phases fall back to an earlier one', () => {
    const phases = nativePhasesOf(['Alpha', 'Beta', 'Gamma'])
    assert.deepEqual(phases.map((phase) => phase.native), ['investigating', 'identified', 'resolved'])
    assert.equal(positionOfNative('monitoring', phases), 1)
    assert.equal(positionOfNative('resolved', nativePhasesOf(['Open', 'Working'])), 1)
  })
})
