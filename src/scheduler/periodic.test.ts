import assert from 'node:assert/strict'
import { setTimeout as sleep } from 'node:timers/promises'
import { test } from 'node:test'
import { createPeriodicJob } from './index.js'

test('a periodic job runs at once, repeats, never overlaps, keeps going after a failure, and stops', async () => {
  let runs = 0
  let active = 0
  let overlapped = false
  const errors: unknown[] = []
  const job = createPeriodicJob(
    async () => {
      active += 1
      overlapped ||= active > 1
      runs += 1
      await sleep(5)
      active -= 1
      if (runs === 2) throw new Error('second run fails')
      return runs
    },
    5,
    (error) => errors.push(error),
  )
  job.start()
  const onDemand = job.runNow()
  await sleep(80)
  await job.stop()
  const stoppedAt = runs
  await sleep(30)
  assert.equal(runs, stoppedAt, 'no run after stop')
  assert.ok(runs >= 3)
  assert.equal(overlapped, false)
  assert.equal(errors.length, 1)
  assert.equal(typeof (await onDemand.catch(() => 0)), 'number')
})
