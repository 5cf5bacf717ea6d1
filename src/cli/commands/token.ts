/**
 * `glasshouse token create|list|revoke`: scoped API tokens. `create` prints the token once (to
 * stdout, nothing else there, so `$(glasshouse token create …)` captures it); only its hash is
 * stored, and `list` never shows a token.
 *
 * @module
 */
import type { Command } from 'commander'
import { issueToken, TOKEN_SCOPES } from '../../api/auth/index.js'
import { parseDuration, systemClock } from '../../core/index.js'
import { InvalidInputError } from '../../incidents/index.js'
import { openStore, TokenNameTakenError, type Store, type TokenRow, type TokenScope } from '../../store/index.js'
import { UsageError } from '../errors.js'
import type { CliIo } from '../io.js'
import { loadSettings, type SettingsFlags } from './settings.js'

interface StoreFlags extends SettingsFlags {
  actor?: string
}

interface CreateFlags extends StoreFlags {
  name: string
  scope: string
  expires?: string
}

interface ListFlags extends StoreFlags {
  all?: boolean
  format: string
}

/** `--expires`: a duration from now (`90d`) or an ISO 8601 instant with offset. */
function expiry(text: string | undefined, now: number): number | null {
  if (text === undefined) return null
  const duration = parseDuration(text)
  if (duration !== null && duration > 0) return now + duration
  const instant = /^\d{4}-\d{2}-\d{2}T.+(Z|[+-]\d{2}:?\d{2})$/.test(text) ? Date.parse(text) : Number.NaN
  if (Number.isNaN(instant)) throw new UsageError(`--expires must be a duration (e.g. 90d) or an ISO 8601 instant with offset, not "${text}"`)
  return instant
}

async function withStore<T>(flags: StoreFlags, io: CliIo, work: (store: Store) => Promise<T>): Promise<T> {
  const { config } = await loadSettings(flags, io)
  const store = await openStore({ dataDir: config.storage.dataDir, ...(config.storage.databaseUrl ? { databaseUrl: config.storage.databaseUrl } : {}) })
  try {
    await store.migrate()
    return await work(store)
  } catch (error) {
    if (error instanceof InvalidInputError) throw new UsageError(error.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '))
    if (error instanceof TokenNameTakenError) throw new UsageError(error.message)
    throw error
  } finally {
    await store.close()
  }
}

const iso = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString())

function tokenLine(token: TokenRow, now: number): string {
  const state = token.revokedAt !== null ? `revoked ${iso(token.revokedAt)}` : token.expiresAt !== null && token.expiresAt <= now ? `expired ${iso(token.expiresAt)}` : `expires ${iso(token.expiresAt)}`
  return `${token.id}  ${token.name}  ${token.scope}  created ${iso(token.createdAt)} by ${token.createdBy}  ${state}\n`
}

function storeOptions(command: Command): Command {
  return command
    .option('--actor <name>', 'who acts, for the record (default: $USER)')
    .option('-c, --config <file>', 'config file (optional; only its storage section is read)')
    .option('--data-dir <dir>', 'SQLite data directory (default ./data; $GLASSHOUSE_DATA_DIR)')
    .option('--database-url <url>', 'PostgreSQL URL ($GLASSHOUSE_DATABASE_URL)')
}

/** Adds `token` and its sub-commands to the program. */
export function addTokenCommands(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const token = program.command('token').description('scoped API tokens for /api/v1 writes (reporter < operator < admin)')
  storeOptions(
    token
      .command('create')
      .description('create a token and print it once; only its hash is stored')
      .requiredOption('--name <name>', 'unique name, recorded as the actor of every write made with it')
      .requiredOption('--scope <scope>', `one of ${TOKEN_SCOPES.join(', ')}`)
      .option('--expires <when>', 'a duration from now (e.g. 90d) or an ISO 8601 instant (default: never)'),
  ).action(async (flags: CreateFlags) => {
    if (!(TOKEN_SCOPES as readonly string[]).includes(flags.scope)) throw new UsageError(`--scope must be one of ${TOKEN_SCOPES.join(', ')}, not "${flags.scope}"`)
    const now = systemClock.now()
    const input = { name: flags.name, scope: flags.scope as TokenScope, expiresAt: expiry(flags.expires, now) }
    const issued = await withStore(flags, io, (store) => issueToken(store.tokens, input, { now, createdBy: flags.actor ?? io.env.USER ?? 'cli', door: 'cli' }))
    io.stderr(`created token "${issued.row.name}" (${issued.row.scope}, expires ${iso(issued.row.expiresAt)}); it is shown only now:\n`)
    io.stdout(`${issued.token}\n`)
    setExit(0)
  })
  storeOptions(
    token
      .command('list')
      .description('tokens (never their values), oldest first')
      .option('--all', 'revoked tokens too')
      .option('--format <format>', 'output: text, json', 'text'),
  ).action(async (flags: ListFlags) => {
    if (flags.format !== 'text' && flags.format !== 'json') throw new UsageError('--format must be one of text, json')
    const tokens = await withStore(flags, io, (store) => store.tokens.list({ includeRevoked: flags.all === true }))
    const now = systemClock.now()
    io.stdout(flags.format === 'json' ? `${JSON.stringify(tokens, null, 2)}\n` : tokens.map((row) => tokenLine(row, now)).join('') || 'no tokens\n')
    setExit(0)
  })
  storeOptions(token.command('revoke').description('revoke a token now; it is refused from the next request on').argument('<token>', 'its id or name')).action(
    async (idOrName: string, flags: StoreFlags) => {
      const revoked = await withStore(flags, io, async (store) => {
        const found = await store.tokens.find(idOrName)
        if (found === null) throw new UsageError(`no token with id or name "${idOrName}"`)
        return (await store.tokens.revoke(found.id, systemClock.now(), { actor: flags.actor ?? io.env.USER ?? 'cli', door: 'cli' }))!
      })
      io.stdout(tokenLine(revoked, systemClock.now()))
      setExit(0)
    },
  )
}
