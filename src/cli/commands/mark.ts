/**
 * `glasshouse mark set|clear|list`: mark the measured state of a (component, location) not
 * representative with a public reason, end such a mark, and list them. Every write goes through
 * the mark service (validated, audited with door `cli`).
 *
 * @module
 */
import type { Command } from 'commander'
import { systemClock } from '../../core/index.js'
import { IncidentsError, InvalidInputError } from '../../incidents/index.js'
import { createMarkService, type MarkService } from '../../marks/index.js'
import { openStore, type MarkRow } from '../../store/index.js'
import { UsageError } from '../errors.js'
import type { CliIo } from '../io.js'
import { loadSettings, type SettingsFlags } from './settings.js'

interface StoreFlags extends SettingsFlags {
  actor?: string
}

interface SetFlags extends StoreFlags {
  component: string
  location?: string
  reason: string
  from?: string
  to?: string
}

interface ListFlags extends StoreFlags {
  all?: boolean
  component?: string
  format: string
}

function instant(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const parsed = /^\d{4}-\d{2}-\d{2}T.+(Z|[+-]\d{2}:?\d{2})$/.test(text) ? Date.parse(text) : Number.NaN
  if (Number.isNaN(parsed)) throw new UsageError(`--${flag} must be an ISO 8601 instant with offset (e.g. 2026-11-22T10:00:00Z), not "${text}"`)
  return parsed
}

/** Opens the store the flags name, runs `work` with the service, and turns the service's refusals into usage errors. */
async function withMarks<T>(flags: StoreFlags, io: CliIo, work: (marks: MarkService) => Promise<T>): Promise<T> {
  const { config } = await loadSettings(flags, io)
  const store = await openStore({ dataDir: config.storage.dataDir, ...(config.storage.databaseUrl ? { databaseUrl: config.storage.databaseUrl } : {}) })
  try {
    await store.migrate()
    return await work(createMarkService({ store, clock: systemClock }))
  } catch (error) {
    if (error instanceof InvalidInputError) throw new UsageError(error.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '))
    if (error instanceof IncidentsError) throw new UsageError(error.message)
    throw error
  } finally {
    await store.close()
  }
}

function iso(ms: number | null): string {
  return ms === null ? '-' : new Date(ms).toISOString()
}

function markLine(mark: MarkRow): string {
  const until = mark.clearedAt !== null ? `cleared ${iso(mark.clearedAt)} by ${mark.clearedBy ?? '?'}` : mark.to === null ? 'until cleared' : `until ${iso(mark.to)}`
  return `${mark.id}  ${mark.component}@${mark.location ?? '*'}  from ${iso(mark.from)} ${until}  by ${mark.actor}: ${mark.reason}\n`
}

function storeOptions(command: Command): Command {
  return command
    .option('--actor <name>', 'who writes, for the audit trail (default: $USER)')
    .option('-c, --config <file>', 'config file (optional; only its storage section is read)')
    .option('--data-dir <dir>', 'SQLite data directory (default ./data; $GLASSHOUSE_DATA_DIR)')
    .option('--database-url <url>', 'PostgreSQL URL ($GLASSHOUSE_DATABASE_URL)')
}

function writer(flags: StoreFlags, io: CliIo): { actor: string; door: 'cli' } {
  return { actor: flags.actor ?? io.env.USER ?? 'cli', door: 'cli' }
}

/** Adds `mark` and its sub-commands to the program. */
export function addMarkCommands(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const mark = program.command('mark').description('mark measurements of a component not representative, with a public reason shown beside its state')
  storeOptions(
    mark
      .command('set')
      .description('mark the measured state not representative: the page then shows the declared state with the label and the reason')
      .requiredOption('--component <name>', 'the component')
      .option('--location <location>', 'one location (default: every location of the component)')
      .requiredOption('--reason <text>', 'the public reason, shown beside the state (one line, at most 500 characters)')
      .option('--from <iso>', 'start, ISO 8601 with offset (default: now)')
      .option('--to <iso>', 'planned end, ISO 8601 with offset (default: until cleared)'),
  ).action(async (flags: SetFlags) => {
    const input = {
      component: flags.component,
      reason: flags.reason,
      ...(flags.location === undefined ? {} : { location: flags.location }),
      ...(flags.from === undefined ? {} : { from: instant('from', flags.from) }),
      ...(flags.to === undefined ? {} : { to: instant('to', flags.to) }),
    }
    const created = await withMarks(flags, io, (marks) => marks.setMark(input, writer(flags, io)))
    io.stdout(markLine(created))
    setExit(0)
  })
  storeOptions(mark.command('clear').description('end a mark now (it stays in the audit trail)').argument('<id>', 'the mark id')).action(
    async (id: string, flags: StoreFlags) => {
      const cleared = await withMarks(flags, io, (marks) => marks.clearMark(id, writer(flags, io)))
      io.stdout(markLine(cleared))
      setExit(0)
    },
  )
  storeOptions(
    mark
      .command('list')
      .description('marks not cleared, newest first')
      .option('--all', 'cleared marks too')
      .option('--component <name>', 'only this component')
      .option('--format <format>', 'output: text, json', 'text'),
  ).action(async (flags: ListFlags) => {
    if (flags.format !== 'text' && flags.format !== 'json') throw new UsageError('--format must be one of text, json')
    const query = { includeCleared: flags.all === true, ...(flags.component === undefined ? {} : { component: flags.component }) }
    const found = await withMarks(flags, io, (marks) => marks.listMarks(query))
    io.stdout(flags.format === 'json' ? `${JSON.stringify(found, null, 2)}\n` : found.map(markLine).join('') || 'no marks\n')
    setExit(0)
  })
}
