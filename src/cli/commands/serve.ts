/**
 * `glasshouse serve`: the server, the probes and the public page in one process.
 *
 * @module
 */
import type { Command } from 'commander'
import { startGlasshouse } from '../../main.js'
import type { CliIo } from '../io.js'
import { loadSettings, type SettingsFlags } from './settings.js'

/** Adds `serve` to the program. */
export function addServeCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('serve')
    .description('run the probes, store results and serve the status page, API and metrics')
    .option('-c, --config <file>', 'config file (default: $GLASSHOUSE_CONFIG or ./glasshouse.yaml)')
    .option('--listen <host:port>', 'address to serve on (default 127.0.0.1:8080; $GLASSHOUSE_LISTEN)')
    .option('--data-dir <dir>', 'where the embedded SQLite database lives (default ./data; $GLASSHOUSE_DATA_DIR)')
    .option('--database-url <url>', 'PostgreSQL instead of SQLite: postgres://… ($GLASSHOUSE_DATABASE_URL)')
    .option('--log-level <level>', 'trace, debug, info, warn, error, fatal or silent ($GLASSHOUSE_LOG_LEVEL)')
    .action(async (flags: SettingsFlags) => {
      const settings = await loadSettings(flags, io)
      const running = await startGlasshouse({
        config: settings.config,
        configFile: settings.configFile,
        secrets: settings.secrets,
        configFiles: settings.files,
        overrides: settings.overrides,
      })
      io.stderr(`glasshouse serving on ${running.url}\n`)
      io.onReload(() => void running.reload())
      await io.untilStopped()
      await running.stop()
      setExit(0)
    })
}
