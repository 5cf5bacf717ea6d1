/**
 * `glasshouse alerts list|silence|unsilence|test`: the alert groups with their state, the outbox
 * backlog and dead letters; a manual silence by label matchers; a test alert sent straight through
 * one receiver (exit 1 when it did not acknowledge). Receivers' secrets never reach the output.
 *
 * @module
 */
import type { Command } from 'commander'
import { parseDuration, systemClock } from '../../core/index.js'
import { createSender, receiverSecrets, redactSecrets, type AlertNotice } from '../../notify/index.js'
import { openStore, type AlertGroup, type Silence, type Store } from '../../store/index.js'
import { UsageError } from '../errors.js'
import { EXIT, type CliIo } from '../io.js'
import { loadSettings, type SettingsFlags } from './settings.js'
import type { Config } from '../../config/index.js'

interface ListFlags extends SettingsFlags {
  format: string
}

interface SilenceFlags extends SettingsFlags {
  match: string[]
  for: string
  comment: string
  actor?: string
}

interface TestFlags extends SettingsFlags {
  receiver: string
}

async function withStore<T>(flags: SettingsFlags, io: CliIo, work: (store: Store, config: Config) => Promise<T>): Promise<T> {
  const { config } = await loadSettings(flags, io)
  const store = await openStore({ dataDir: config.storage.dataDir, ...(config.storage.databaseUrl ? { databaseUrl: config.storage.databaseUrl } : {}) })
  try {
    await store.migrate()
    return await work(store, config)
  } finally {
    await store.close()
  }
}

function labelsText(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([name, value]) => `${name}=${value}`)
    .join(',')
}

function groupLine(group: AlertGroup): string {
  const since = new Date(group.status === 'firing' ? group.startsAt : (group.endsAt ?? group.updatedAt)).toISOString()
  const clearing = group.status === 'firing' && group.clearSince !== null ? ' (clear, resolving)' : ''
  return `${group.status.padEnd(8)} ${group.key}  since ${since}${clearing}  ${labelsText(group.labels)}  notices ${group.notifications}\n`
}

function silenceLine(silence: Silence): string {
  return `silence  ${silence.id}  ${labelsText(silence.matchers)}  until ${new Date(silence.endsAt).toISOString()}  by ${silence.createdBy}: ${silence.comment}\n`
}

function matchers(pairs: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    pairs.map((pair) => {
      const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/.exec(pair)
      if (match === null) throw new UsageError(`--match takes label=value, not "${pair}"`)
      return [match[1]!, match[2]!]
    }),
  )
}

function storeOptions(command: Command): Command {
  return command
    .option('-c, --config <file>', 'config file (default ./glasshouse.yaml; $GLASSHOUSE_CONFIG)')
    .option('--data-dir <dir>', 'SQLite data directory (default ./data; $GLASSHOUSE_DATA_DIR)')
    .option('--database-url <url>', 'PostgreSQL URL ($GLASSHOUSE_DATABASE_URL)')
}

function testNotice(now: number, receiver: string): AlertNotice {
  const at = new Date(now).toISOString()
  return {
    groupKey: 'glasshouse/test',
    status: 'firing',
    externalURL: '',
    at: now,
    alerts: [
      {
        status: 'firing',
        labels: { alertname: 'GlasshouseTest', severity: 'none', receiver },
        annotations: { summary: 'a test alert from glasshouse alerts test', description: 'If you read this, the receiver works. Nothing is wrong.' },
        startsAt: at,
        endsAt: new Date(now + 5 * 60_000).toISOString(),
        generatorURL: '',
        fingerprint: 'test',
      },
    ],
  }
}

/** Adds `alerts` and its sub-commands to the program. */
export function addAlertsCommands(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const alerts = program.command('alerts').description('operator alerts: what fires, silences, and a test through a receiver')
  storeOptions(alerts.command('list').description('alert groups (firing first), silences in force, the outbox backlog and dead letters').option('--format <format>', 'output: text, json', 'text')).action(
    async (flags: ListFlags) => {
      if (flags.format !== 'text' && flags.format !== 'json') throw new UsageError('--format must be one of text, json')
      const now = systemClock.now()
      const [groups, silences, outbox, dead] = await withStore(flags, io, (store) => Promise.all([store.alerts.groups(), store.alerts.silences(now), store.outbox.stats(), store.outbox.list({ status: 'dead', limit: 20 })]))
      const firingFirst = [...groups].sort((a, b) => (a.status === b.status ? a.key.localeCompare(b.key) : a.status === 'firing' ? -1 : 1))
      if (flags.format === 'json') {
        io.stdout(`${JSON.stringify({ groups: firingFirst, silences, outbox, deadLetters: dead.map(({ payload: _payload, ...rest }) => rest) }, null, 2)}\n`)
      } else {
        io.stdout(firingFirst.map(groupLine).join('') || 'no alerts\n')
        io.stdout(silences.map(silenceLine).join(''))
        const age = outbox.oldestPendingAt === null ? '' : `, oldest ${Math.round((now - outbox.oldestPendingAt) / 1000)} s`
        io.stdout(`outbox: ${outbox.pending} waiting${age}, ${outbox.dead} dead letters\n`)
        for (const message of dead) io.stdout(`dead     ${message.id}  ${message.receiver}  after ${message.attempts} attempts: ${message.lastError ?? ''}\n`)
      }
      setExit(EXIT.ok)
    },
  )
  storeOptions(
    alerts
      .command('silence')
      .description('mute alerts whose labels match, for a while (e.g. --match component=compute --for 2h)')
      .requiredOption('--match <label=value>', 'a label that must equal (repeatable)', (value: string, previous: string[] = []) => [...previous, value])
      .requiredOption('--for <duration>', 'how long, e.g. 30m, 2h')
      .requiredOption('--comment <text>', 'why (shown in alerts list)')
      .option('--actor <name>', 'who (default: $USER)'),
  ).action(async (flags: SilenceFlags) => {
    const duration = parseDuration(flags.for)
    if (duration === null || duration <= 0) throw new UsageError(`--for must be a duration such as 30m or 2h, not "${flags.for}"`)
    const now = systemClock.now()
    const silence = await withStore(flags, io, (store) => store.alerts.addSilence({ matchers: matchers(flags.match), startsAt: now, endsAt: now + duration, createdBy: flags.actor ?? io.env.USER ?? 'cli', comment: flags.comment }, now, 'cli'))
    io.stdout(silenceLine(silence))
    setExit(EXIT.ok)
  })
  storeOptions(alerts.command('unsilence').description('end a silence now').argument('<id>', 'the silence id').option('--actor <name>', 'who (default: $USER)')).action(async (id: string, flags: SettingsFlags & { actor?: string }) => {
    const ended = await withStore(flags, io, (store) => store.alerts.expireSilence(id, systemClock.now(), { actor: flags.actor ?? io.env.USER ?? 'cli', door: 'cli' }))
    if (!ended) throw new UsageError(`no silence in force has the id ${id}`)
    io.stdout(`silence ${id} ended\n`)
    setExit(EXIT.ok)
  })
  storeOptions(alerts.command('test').description('send a test alert straight through one receiver and report whether it acknowledged').requiredOption('--receiver <name>', 'a receiver of alerts.receivers')).action(
    async (flags: TestFlags) => {
      const { config } = await loadSettings(flags, io)
      const receiver = config.alerts.receivers.find((candidate) => candidate.name === flags.receiver)
      if (receiver === undefined) throw new UsageError(`no receiver is named "${flags.receiver}"; configured: ${config.alerts.receivers.map((candidate) => candidate.name).join(', ') || 'none'}`)
      const now = systemClock.now()
      const message = { id: `test-${now}`, receiver: receiver.name, topic: 'alert-test', payload: testNotice(now, receiver.name), status: 'pending' as const, attempts: 1, nextAttemptAt: now, createdAt: now, sentAt: null, lastError: null }
      try {
        await createSender(receiver).send(message, config.alerts.delivery.timeout, now)
        io.stdout(`${receiver.name} (${receiver.kind}) acknowledged the test alert ${message.id}\n`)
        setExit(EXIT.ok)
      } catch (error) {
        const reason = redactSecrets(error instanceof Error ? error.message : String(error), receiverSecrets(receiver))
        io.stderr(`${receiver.name} (${receiver.kind}) did not acknowledge the test alert: ${reason}\n`)
        setExit(EXIT.failed)
      }
    },
  )
}
