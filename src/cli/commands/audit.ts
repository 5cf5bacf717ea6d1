/**
 * `glasshouse audit verify|export`: check the audit trail's hash chain (exit 0 intact, 1 broken
 * with the first bad entry and why, 3 database unreachable) and export it as JSON Lines or CSV.
 *
 * @module
 */
import type { Command } from 'commander'
import { AUDIT_EXPORT_FORMATS, auditExportLines, describeAnchor, verifyAuditChain, type AuditExportFormat } from '../../audit/index.js'
import { parseDuration, systemClock } from '../../core/index.js'
import { openStore, type Store } from '../../store/index.js'
import { UsageError } from '../errors.js'
import { EXIT, type CliIo } from '../io.js'
import { loadSettings, type SettingsFlags } from './settings.js'

interface ExportFlags extends SettingsFlags {
  format: string
  since?: string
}

async function withStore<T>(flags: SettingsFlags, io: CliIo, work: (store: Store) => Promise<T>): Promise<T> {
  const { config } = await loadSettings(flags, io)
  const store = await openStore({ dataDir: config.storage.dataDir, ...(config.storage.databaseUrl ? { databaseUrl: config.storage.databaseUrl } : {}) })
  try {
    await store.migrate()
    return await work(store)
  } finally {
    await store.close()
  }
}

/** `--since`: a duration back from now (`7d`) or an ISO 8601 instant with offset. */
function since(text: string | undefined, now: number): number | undefined {
  if (text === undefined) return undefined
  const duration = parseDuration(text)
  if (duration !== null && duration > 0) return now - duration
  const instant = /^\d{4}-\d{2}-\d{2}T.+(Z|[+-]\d{2}:?\d{2})$/.test(text) ? Date.parse(text) : Number.NaN
  if (Number.isNaN(instant)) throw new UsageError(`--since must be a duration (e.g. 7d) or an ISO 8601 instant with offset, not "${text}"`)
  return instant
}

function storeOptions(command: Command): Command {
  return command
    .option('-c, --config <file>', 'config file (optional; only its storage section is read)')
    .option('--data-dir <dir>', 'SQLite data directory (default ./data; $GLASSHOUSE_DATA_DIR)')
    .option('--database-url <url>', 'PostgreSQL URL ($GLASSHOUSE_DATABASE_URL)')
}

/** Adds `audit` and its sub-commands to the program. */
export function addAuditCommands(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const audit = program.command('audit').description('the hash-chained audit trail of every write')
  storeOptions(audit.command('verify').description('check the hash chain: exit 0 intact, 1 broken (first bad entry and why), 3 database unreachable')).action(
    async (flags: SettingsFlags) => {
      const verdict = await withStore(flags, io, (store) => verifyAuditChain(store.audit))
      if (verdict.intact) {
        const anchor = verdict.anchor === undefined ? '' : ` (${describeAnchor(verdict.anchor)})`
        io.stdout(`audit chain intact: ${verdict.entries} entries, head ${verdict.head.seq} ${verdict.head.hash}${anchor}\n`)
        setExit(EXIT.ok)
        return
      }
      io.stdout(`audit chain broken at entry ${verdict.seq}${verdict.entryId === null ? '' : ` (id ${verdict.entryId})`}: ${verdict.reason}; ${verdict.entries} entries before it are intact\n`)
      setExit(EXIT.failed)
    },
  )
  storeOptions(
    audit
      .command('export')
      .description('write the audit trail to stdout, oldest first')
      .option('--format <format>', `output: ${AUDIT_EXPORT_FORMATS.join(', ')}`, 'jsonl')
      .option('--since <when>', 'entries from a duration ago (e.g. 7d) or an ISO 8601 instant on'),
  ).action(async (flags: ExportFlags) => {
    if (!(AUDIT_EXPORT_FORMATS as readonly string[]).includes(flags.format)) throw new UsageError(`--format must be one of ${AUDIT_EXPORT_FORMATS.join(', ')}, not "${flags.format}"`)
    const from = since(flags.since, systemClock.now())
    await withStore(flags, io, async (store) => {
      for await (const line of auditExportLines(store.audit, flags.format as AuditExportFormat, from === undefined ? {} : { from })) io.stdout(line)
    })
    setExit(EXIT.ok)
  })
}
