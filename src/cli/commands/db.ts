/**
 * `glasshouse db migrate|backup`: store maintenance that needs no config file.
 *
 * @module
 */
import type { Command } from 'commander'
import { openStore } from '../../store/index.js'
import type { CliIo } from '../io.js'
import { loadSettings, type SettingsFlags } from './settings.js'

async function withStore<T>(flags: SettingsFlags, io: CliIo, work: (store: Awaited<ReturnType<typeof openStore>>) => Promise<T>): Promise<T> {
  const { config } = await loadSettings(flags, io)
  const store = await openStore({
    dataDir: config.storage.dataDir,
    ...(config.storage.databaseUrl ? { databaseUrl: config.storage.databaseUrl } : {}),
  })
  try {
    return await work(store)
  } finally {
    await store.close()
  }
}

function storeOptions(command: Command): Command {
  return command
    .option('-c, --config <file>', 'config file (optional; only its storage section is read)')
    .option('--data-dir <dir>', 'SQLite data directory (default ./data; $GLASSHOUSE_DATA_DIR)')
    .option('--database-url <url>', 'PostgreSQL URL ($GLASSHOUSE_DATABASE_URL)')
}

/** Adds `db` and its sub-commands to the program. */
export function addDbCommands(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const db = program.command('db').description('migrate or back up the database')
  storeOptions(db.command('migrate').description('apply pending database migrations (serve does this at start too)')).action(
    async (flags: SettingsFlags) => {
      const { applied } = await withStore(flags, io, (store) => store.migrate())
      io.stdout(applied.length === 0 ? 'database is up to date\n' : `applied: ${applied.join(', ')}\n`)
      setExit(0)
    },
  )
  storeOptions(
    db
      .command('backup')
      .description('copy the SQLite database to a file while it runs (PostgreSQL: use pg_dump)')
      .argument('<file>', 'where to write the backup'),
  ).action(async (file: string, flags: SettingsFlags) => {
    await withStore(flags, io, (store) => store.backup(file))
    io.stdout(`backup written to ${file}\n`)
    setExit(0)
  })
}
