/**
 * The dead-man's-switch heartbeat: a GET that counts only when acknowledged, and whose URL (a
 * secret in itself) never reaches the log.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createHeartbeat } from '../../src/notify/index.js'
import { freePort } from '../support/ports.js'
import { fakeClock, httpReceiver, recordingLog } from './receivers.js'

const UUID = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0'

test('a heartbeat is a GET that counts only when acknowledged, and never logs its URL', async () => {
  const target = await httpReceiver()
  const clock = fakeClock()
  const log = recordingLog()
  const beats: number[] = []
  const ok = createHeartbeat({ url: `${target.url}/ping/${UUID}`, everyMs: 60_000, timeoutMs: 1_000, clock, log, onBeat: (at) => beats.push(at) })
  assert.equal(await ok.beat(), true)
  assert.deepEqual(beats, [clock.now()])
  assert.equal(target.received[0]!.path, `/ping/${UUID}`)
  target.behaviour.status = 503
  assert.equal(await ok.beat(), false)
  const down = createHeartbeat({ url: `http://127.0.0.1:${await freePort()}/ping/${UUID}`, everyMs: 60_000, timeoutMs: 1_000, clock, log })
  assert.equal(await down.beat(), false)
  assert.equal(beats.length, 1)
  assert.equal(log.lines.length, 2)
  assert.ok(!log.lines.join('\n').includes(UUID))
  await target.close()
})
