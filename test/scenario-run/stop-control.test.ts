import { test } from 'node:test'
import assert from 'node:assert/strict'
import { stopControl } from '../../src/cli/commands/probe-scenario-stop.js'

/** A stand-in for SIGTERM: each `signal()` resolves one pending `untilStopped()`. */
function signals() {
  const waiting: Array<() => void> = []
  return {
    untilStopped: () => new Promise<void>((resolve) => waiting.push(resolve)),
    signal: async () => {
      waiting.shift()?.()
      await new Promise((resolve) => setImmediate(resolve))
    },
  }
}

test('first signal stops at the next step boundary, the grace then gives up the teardown; a second skips it at once', async () => {
  const said: string[] = []
  const first = signals()
  const graced = stopControl(first.untilStopped, { graceMs: 30, finishIteration: false, say: (text) => said.push(text) })
  await first.signal()
  assert.deepEqual([graced.stop.aborted, graced.teardown.aborted, graced.finishing], [true, false, true])
  await new Promise((resolve) => setTimeout(resolve, 60))
  assert.equal(graced.teardown.aborted, true, 'the grace is over')
  graced.dispose()

  const twice = signals()
  const skipped = stopControl(twice.untilStopped, { graceMs: 60_000, finishIteration: false, say: (text) => said.push(text) })
  await twice.signal()
  await twice.signal()
  assert.equal(skipped.teardown.aborted, true)
  skipped.dispose()
  assert.match(said.join(''), /skipping the teardown/)
})

test('--finish-iteration: the first signal only ends the loop; the second stops, the third skips the teardown', async () => {
  const user = signals()
  const control = stopControl(user.untilStopped, { graceMs: 60_000, finishIteration: true, say: () => {} })
  await user.signal()
  assert.deepEqual([control.finishing, control.stop.aborted], [true, false])
  await user.signal()
  assert.deepEqual([control.stop.aborted, control.teardown.aborted], [true, false])
  await user.signal()
  assert.equal(control.teardown.aborted, true)
  control.dispose()
})
