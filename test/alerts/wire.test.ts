/**
 * `startAlerts`, as `serve` runs it: the heartbeat beats at its configured rhythm, a reload with a
 * new interval changes the rhythm (not only a new URL restarts it), a reload without a heartbeat
 * stops it, and `stop` leaves no beat behind.
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { setTimeout as sleep } from 'node:timers/promises'
import { startAlerts } from '../../src/alerts/index.js'
import { ConfigSchema, type Config } from '../../src/config/index.js'
import { systemClock } from '../../src/core/index.js'
import { createMetrics } from '../../src/metrics/index.js'
import { recordingLog } from '../notify/receivers.js'
import { tempStore } from '../support/temp-store.js'
import { heartbeatReceiver } from './loopback.js'

let temp: Awaited<ReturnType<typeof tempStore>>
let receiver: Awaited<ReturnType<typeof heartbeatReceiver>>
before(async () => {
  temp = await tempStore()
  receiver = await heartbeatReceiver()
})
after(async () => {
  await receiver?.close()
  await temp?.dispose()
})

function config(heartbeat: { every: string } | null): Config {
  return ConfigSchema.parse({ alerts: heartbeat === null ? {} : { heartbeat: { url: `${receiver.url}/ping`, every: heartbeat.every, timeout: '1s' } } })
}

/** Beats that arrive within `ms` from now. */
async function beatsWithin(ms: number): Promise<number> {
  const before = receiver.beats.length
  await sleep(ms)
  return receiver.beats.length - before
}

test('a reload applies a new heartbeat interval, a removed heartbeat stops, and stop ends the beats', async () => {
  const alerts = startAlerts({ config: config({ every: '400ms' }), store: temp.store, clock: systemClock, log: recordingLog(), metrics: createMetrics() })
  try {
    const slow = await beatsWithin(2_000)
    assert.ok(slow >= 3 && slow <= 6, `${slow} beats in 2 s at 400 ms`)
    alerts.reload(config({ every: '100ms' }))
    await sleep(200)
    const fast = await beatsWithin(2_000)
    assert.ok(fast >= 10, `${fast} beats in 2 s after the reload to 100 ms`)
    alerts.reload(config(null))
    await sleep(200)
    assert.equal(await beatsWithin(1_000), 0, 'no beat once the heartbeat is removed from the config')
    alerts.reload(config({ every: '100ms' }))
    await sleep(300)
  } finally {
    await alerts.stop()
  }
  assert.equal(await beatsWithin(500), 0, 'no beat after stop')
})
