/**
 * `glasshouse cleanup --cloud NAME`: deletes an owner's leftovers on a cloud — from the scenario
 * ledger in the data dir, then by the owner's prefix and tag — and says what it found. Exit 0
 * when nothing is left, 1 when leftovers remain, 2 for usage, 3 when the cloud or database is
 * out of reach. Needs no glasshouse.yaml: the cloud comes from clouds.yaml, as `probe run` reads it.
 *
 * @module
 */
import type { Command } from 'commander'
import { OpenStackClient, OpenStackError, loadCloud } from '../../openstack/index.js'
import type { OpenStackSession, ResolvedCloud } from '../../openstack/index.js'
import { assertOwnerId, cleanupLeftovers, defaultOwner, OwnerIdError } from '../../scenario/cleanup/index.js'
import type { CleanupReport } from '../../scenario/cleanup/index.js'
import { openStore } from '../../store/index.js'
import { UsageError } from '../errors.js'
import { EXIT, type CliIo } from '../io.js'
import { loadSettings, type SettingsFlags } from './settings.js'

interface CleanupFlags extends SettingsFlags {
  cloud?: string
  region?: string
  owner?: string
  dryRun?: boolean
  json?: boolean
  janitor?: boolean
}

function ownerOf(flags: CleanupFlags, io: CliIo): string {
  const owner = flags.owner ?? defaultOwner(io.env)
  try {
    assertOwnerId(owner)
  } catch (error) {
    if (error instanceof OwnerIdError) throw new UsageError(`--owner: ${error.message}`)
    throw error
  }
  return owner
}

/** The ids and names the session's project goes by, so ledger rows of another project are left alone. */
async function projectNames(session: OpenStackSession, cloud: ResolvedCloud): Promise<string[]> {
  const { projectId } = await session.token()
  return [projectId, cloud.auth.projectId, cloud.auth.projectName].filter((value): value is string => typeof value === 'string' && value !== '')
}

/**
 * A few lines for a person: one per leftover, then the counts.
 *
 * @example
 * formatReport(report) // 'deleted server gh-mon1-k3-VM_1 (ledger)\n…\n2 found, 2 deleted, 0 left\n'
 */
export function formatReport(report: CleanupReport): string {
  const lines = report.items.map((item) => `${item.outcome} ${item.kind} ${item.name || item.id || '?'}${item.id && item.name && item.id !== item.name ? ` ${item.id}` : ''} (${item.source})${item.reason ? ` — ${item.reason}` : ''}`)
  const mode = report.dryRun ? ' (dry run: nothing deleted)' : ''
  lines.push(`${report.found} found, ${report.deleted} deleted, ${report.remaining} left for owner ${report.owner} on ${report.cloud}${mode}`)
  return `${lines.join('\n')}\n`
}

/** Adds `cleanup` to the program. */
export function addCleanupCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('cleanup')
    .description("delete an owner's leftovers on a cloud: from the scenario ledger, then by name prefix and tag")
    .option('--cloud <name>', 'a cloud of clouds.yaml, like openstack --os-cloud (default $OS_CLOUD)')
    .option('--region <name>', "the region (default the cloud's, or $OS_REGION_NAME)")
    .option('--owner <id>', 'the monitor instance whose leftovers to delete (default $GLASSHOUSE_OWNER, else from the host name)')
    .option('--dry-run', 'report what would be deleted, delete nothing')
    .option('--no-janitor', 'only the ledger; no sweep by prefix and tag')
    .option('--json', 'print the report as JSON')
    .option('-c, --config <file>', 'config file (optional; only its storage section is read)')
    .option('--data-dir <dir>', 'SQLite data directory holding the ledger (default ./data; $GLASSHOUSE_DATA_DIR)')
    .option('--database-url <url>', 'PostgreSQL URL ($GLASSHOUSE_DATABASE_URL)')
    .action(async (flags: CleanupFlags) => {
      const owner = ownerOf(flags, io)
      const cloudName = flags.cloud ?? io.env.OS_CLOUD
      const cloud = await loadCloud({ ...(cloudName ? { cloud: cloudName } : {}), ...(flags.region ? { region: flags.region } : {}), env: io.env, cwd: io.cwd })
      const { config } = await loadSettings(flags, io)
      const store = await openStore({ dataDir: config.storage.dataDir, ...(config.storage.databaseUrl ? { databaseUrl: config.storage.databaseUrl } : {}) })
      const session = new OpenStackClient({ cloud }).iteration()
      try {
        await store.migrate()
        const projects = await projectNames(session, cloud)
        io.stderr(`cleaning up owner ${owner} on ${cloud.name}${flags.dryRun ? ' (dry run)' : ''}…\n`)
        const report = await cleanupLeftovers({ store, session, cloud: cloud.name, owner, region: cloud.region, projects, dryRun: flags.dryRun ?? false, janitor: flags.janitor ?? true })
        io.stdout(flags.json ? `${JSON.stringify(report)}\n` : formatReport(report))
        setExit(report.remaining > 0 ? EXIT.failed : EXIT.ok)
      } catch (error) {
        if (!(error instanceof OpenStackError)) throw error
        io.stderr(`error: cloud ${cloud.name}: ${error.message}\n`)
        setExit(EXIT.environment)
      } finally {
        await session.close()
        await store.close()
      }
    })
}
