/**
 * Child entry of the time-to-publish benchmark: one real Glasshouse (`startGlasshouse`, the
 * composition `glasshouse serve` uses: store, monitor, health runner, records job, HTTP server)
 * with the config input given in argv[2], parsed by the public config schema.
 *
 * Protocol (IPC): sends `{ type: 'ready', url }` once serving; on `{ type: 'stop' }` stops
 * gracefully, sends `{ type: 'stopped' }` and exits.
 *
 * @module
 */
import { ConfigSchema } from '../src/config/index.js'
import { startGlasshouse } from '../src/main.js'

const running = await startGlasshouse({ config: ConfigSchema.parse(JSON.parse(process.argv[2] ?? '{}')), configFile: null })

process.on('message', (message: { type?: string }) => {
  if (message.type !== 'stop') return
  void running.stop().then(() => process.send?.({ type: 'stopped' }, () => process.exit(0)))
})
process.send?.({ type: 'ready', url: running.url })
