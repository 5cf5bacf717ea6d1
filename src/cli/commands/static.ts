/**
 * `glasshouse static render --out DIR`: renders the static copy once from the stored data (for
 * cron or CI), as a new generation under DIR switched in as `DIR/current`, and prints the
 * generation's folder.
 *
 * @module
 */
import type { Command } from 'commander'
import { systemClock } from '../../core/clock.js'
import { createMetrics } from '../../metrics/index.js'
import { createServerApp } from '../../server/index.js'
import { pruneGenerations, renderSite, switchCurrent, writeGeneration } from '../../static-copy/index.js'
import { createStatusReader } from '../../status/index.js'
import { openStore } from '../../store/index.js'
import { VERSION } from '../../version.js'
import type { CliIo } from '../io.js'
import { loadSettings, type SettingsFlags } from './settings.js'

interface RenderFlags extends SettingsFlags {
  out: string
}

function liveUrl(url: string | undefined): { liveUrl?: string } {
  return url === undefined ? {} : { liveUrl: url }
}

/** Adds `static` and its sub-command to the program. */
export function addStaticCommands(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const group = program.command('static').description('the static copy of the public pages that survives our own outage')
  group
    .command('render')
    .description('render the static copy once into a new generation under --out (switched in as <out>/current) and print its folder')
    .requiredOption('--out <dir>', 'root folder of the copy')
    .option('-c, --config <file>', 'config file (page, server and storage sections are read)')
    .option('--data-dir <dir>', 'SQLite data directory (default ./data; $GLASSHOUSE_DATA_DIR)')
    .option('--database-url <url>', 'PostgreSQL URL ($GLASSHOUSE_DATABASE_URL)')
    .action(async (flags: RenderFlags) => {
      const { config } = await loadSettings(flags, io)
      const store = await openStore({ dataDir: config.storage.dataDir, ...(config.storage.databaseUrl ? { databaseUrl: config.storage.databaseUrl } : {}) })
      try {
        await store.migrate()
        const app = createServerApp({
          store,
          status: createStatusReader({ store, clock: systemClock }),
          metrics: createMetrics(),
          title: config.server.title,
          version: VERSION,
          log: { error: (obj, msg) => io.stderr(`${msg ?? 'error'}: ${JSON.stringify(obj)}\n`) },
          phaseNames: () => config.phases,
          recordsTimeZone: () => config.records.timeZone,
          scs: config.scs,
          page: () => config.page,
          publicUrl: () => config.server.publicUrl,
        })
        const generatedAt = Date.now()
        const site = await renderSite(app, { generatedAt, staleAfterMs: config.staticCopy.staleAfter, name: config.page.name ?? config.server.title, extraJson: [`${config.scs.prefix}/components`], ...liveUrl(config.page.publicUrl ?? config.server.publicUrl) })
        const dir = await writeGeneration(flags.out, site.files, generatedAt)
        await switchCurrent(flags.out, dir)
        await pruneGenerations(flags.out)
        for (const link of site.missing) io.stderr(`not rendered (linked, but not 200): ${link}\n`)
        io.stdout(`${dir}\n`)
      } finally {
        await store.close()
      }
      setExit(0)
    })
}
