/**
 * `glasshouse report availability`: the SLA report from stored data, without a config file.
 *
 * @module
 */
import type { Command } from 'commander'
import { dayStart, formatReport, isTimeZone, localDateStart, REPORT_FORMATS } from '../../records/index.js'
import { availabilityReport } from '../../reports/index.js'
import { openStore } from '../../store/index.js'
import { UsageError } from '../errors.js'
import type { CliIo } from '../io.js'
import { loadSettings, type SettingsFlags } from './settings.js'

interface ReportFlags extends SettingsFlags {
  from?: string
  to?: string
  component?: string
  format: string
  timeZone?: string
}

/**
 * An instant from a flag: `YYYY-MM-DD` (local midnight in `timeZone`), `YYYY-MM` (the month's
 * first local midnight) or an ISO 8601 instant with its offset.
 */
function instant(flag: string, text: string, timeZone: string): number {
  try {
    if (/^\d{4}-\d{2}$/.test(text)) return localDateStart(`${text}-01`, timeZone)
    if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return localDateStart(text, timeZone)
  } catch {
    throw new UsageError(`--${flag} "${text}" is not a calendar date`)
  }
  const parsed = /^\d{4}-\d{2}-\d{2}T.+(Z|[+-]\d{2}:?\d{2})$/.test(text) ? Date.parse(text) : Number.NaN
  if (Number.isNaN(parsed)) throw new UsageError(`--${flag} must be YYYY-MM, YYYY-MM-DD or an ISO instant with offset, not "${text}"`)
  return parsed
}

function monthStart(now: number, timeZone: string): number {
  let start = dayStart(now, timeZone)
  for (let i = 0; i < 31 && new Intl.DateTimeFormat('en', { timeZone, day: 'numeric' }).format(start) !== '1'; i++) {
    start = dayStart(start - 1, timeZone)
  }
  return start
}

/** Adds `report` and its sub-commands to the program. */
export function addReportCommands(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const report = program.command('report').description('reports from stored measurements: availability for SLA talks')
  report
    .command('availability')
    .description('measured and declared availability per component and location, per month, with no-data and maintenance time beside every percentage')
    .option('--from <date>', 'start: YYYY-MM, YYYY-MM-DD (local midnight) or an ISO instant (default: this month)')
    .option('--to <date>', 'end, exclusive, same forms (default: now)')
    .option('--component <name>', 'only this component')
    .option('--format <format>', `output: ${REPORT_FORMATS.join(', ')}`, 'md')
    .option('--time-zone <zone>', 'IANA time zone of days and months (default: config records.timeZone, else UTC)')
    .option('-c, --config <file>', 'config file (optional; only its storage section is read)')
    .option('--data-dir <dir>', 'SQLite data directory (default ./data; $GLASSHOUSE_DATA_DIR)')
    .option('--database-url <url>', 'PostgreSQL URL ($GLASSHOUSE_DATABASE_URL)')
    .action(async (flags: ReportFlags) => {
      if (flags.timeZone !== undefined && !isTimeZone(flags.timeZone)) throw new UsageError(`--time-zone "${flags.timeZone}" is not an IANA time zone`)
      if (!(REPORT_FORMATS as readonly string[]).includes(flags.format)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}`)
      const { config } = await loadSettings(flags, io)
      const timeZone = flags.timeZone ?? config.records.timeZone
      const now = Date.now()
      const from = flags.from ? instant('from', flags.from, timeZone) : monthStart(now, timeZone)
      const to = flags.to ? instant('to', flags.to, timeZone) : now
      if (from >= to) throw new UsageError('--from must be before --to')
      const store = await openStore({ dataDir: config.storage.dataDir, ...(config.storage.databaseUrl ? { databaseUrl: config.storage.databaseUrl } : {}) })
      try {
        await store.migrate()
        const request = { from, to, timeZone, now, ...(flags.component ? { component: flags.component } : {}) }
        const result = await availabilityReport(store, request, [])
        io.stdout(formatReport(result, flags.format as (typeof REPORT_FORMATS)[number]))
      } finally {
        await store.close()
      }
      setExit(0)
    })
}
