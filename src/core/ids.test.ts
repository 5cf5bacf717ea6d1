import { test } from 'node:test'
import assert from 'node:assert/strict'
import { idTimestamp, newId } from './ids.js'

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

test('newId returns RFC 9562 version 7, variant 10 uuids', () => {
  for (let index = 0; index < 1000; index++) assert.match(newId(), UUID_V7)
})

test('newId carries the current time in its first 48 bits', () => {
  const before = Date.now()
  const id = newId()
  const after = Date.now()
  assert.ok(idTimestamp(id) >= before && idTimestamp(id) <= after + 1, `${idTimestamp(id)} not in [${before}, ${after}]`)
})

test('newId is strictly increasing, also many times within one millisecond', () => {
  const ids = Array.from({ length: 50_000 }, () => newId())
  for (let index = 1; index < ids.length; index++) {
    assert.ok(ids[index - 1]! < ids[index]!, `${ids[index - 1]} !< ${ids[index]}`)
  }
  assert.equal(new Set(ids).size, ids.length)
  const milliseconds = new Set(ids.map(idTimestamp))
  assert.ok(milliseconds.size < ids.length, 'expected several ids within one millisecond')
})
