/**
 * Child entry of the schedule benchmark: one real Glasshouse process (`startGlasshouse`: store,
 * metrics, monitor, HTTP server) measuring the benchmark's checks, so its CPU can be read from
 * `/proc/<pid>/stat` apart from nginx, the load generator and the bench itself.
 *
 * Protocol (IPC): argv[2] is a {@link BenchConfigInput}; sends `{ type: 'ready', url }` once
 * the checks are scheduled and the server listens; on `{ type: 'stop' }` stops gracefully (every
 * queued result written), sends `{ type: 'stopped' }` and exits.
 *
 * @module
 */
import { startGlasshouse } from '../src/main.js'
import { benchConfig, type BenchConfigInput } from './schedule-plan.js'

const input = JSON.parse(process.argv[2] ?? '{}') as BenchConfigInput
const running = await startGlasshouse({ config: benchConfig(input), configFile: null })

process.on('message', (message: { type?: string }) => {
  if (message.type !== 'stop') return
  void running.stop().then(() => process.send?.({ type: 'stopped' }, () => process.exit(0)))
})
process.send?.({ type: 'ready', url: running.url })
