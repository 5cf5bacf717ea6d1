/**
 * Child entry of the schedule benchmark's baseline: an empty timer loop with Glasshouse's
 * schedule (same keys, stable offsets and grid, same never-early rule) and nothing else, so its
 * drift and CPU are the floor the real scheduler is compared with.
 *
 * Protocol (IPC): argv[2] is `{ checks, intervalMs }`; sends `{ type: 'ready' }`; on
 * `{ type: 'stop' }` sends `{ type: 'samples', planned, drift }` and exits.
 *
 * @module
 */
import { nextSlot, stableOffset } from '../src/scheduler/index.js'
import { checkName } from './schedule-plan.js'

const { checks, intervalMs } = JSON.parse(process.argv[2] ?? '{}') as { checks: number; intervalMs: number }
const planned: number[] = []
const drift: number[] = []
const timers = new Set<NodeJS.Timeout>()

function arm(offset: number, at: number): void {
  const timer = setTimeout(() => {
    timers.delete(timer)
    fire(offset, at)
  }, Math.max(0, at - Date.now()))
  timers.add(timer)
}

function fire(offset: number, at: number): void {
  const now = Date.now()
  if (now < at) return arm(offset, at)
  planned.push(at)
  drift.push(now - at)
  arm(offset, nextSlot(Math.max(at, now), intervalMs, offset))
}

for (let index = 0; index < checks; index++) {
  const offset = stableOffset(checkName(index), intervalMs)
  arm(offset, nextSlot(Date.now(), intervalMs, offset))
}

process.on('message', (message: { type?: string }) => {
  if (message.type !== 'stop') return
  for (const timer of timers) clearTimeout(timer)
  process.send?.({ type: 'samples', planned, drift }, () => process.exit(0))
})
process.send?.({ type: 'ready' })
