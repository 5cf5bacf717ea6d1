/**
 * The `glasshouse` command: sub-commands, exit codes (0 ok, 1 the probe ran and failed, 2 usage or
 * config, 3 environment) and one clear line per error instead of a stack trace.
 *
 * @module
 */
import { Command, CommanderError } from 'commander'
import { VERSION } from '../version.js'
import { addCleanupCommand } from './commands/cleanup.js'
import { addConfigCommands } from './commands/config.js'
import { addDbCommands } from './commands/db.js'
import { addMarkCommands } from './commands/mark.js'
import { addAlertsCommands } from './commands/alerts.js'
import { addProbeCommand } from './commands/probe.js'
import { addReportCommands } from './commands/report.js'
import { addServeCommand } from './commands/serve.js'
import { addTokenCommands } from './commands/token.js'
import { addIncidentCommands } from './commands/incident.js'
import { addAuditCommands } from './commands/audit.js'
import { addStaticCommands } from './commands/static.js'
import { addPostmortemCommands } from '../postmortems/cli.js'
import { describeFailure } from './errors.js'
import { EXIT, processIo, type CliIo } from './io.js'

function program(io: CliIo, setExit: (code: number) => void): Command {
  const root = new Command('glasshouse')
    .description('Open Operations: measure your cloud as a customer does, keep every result, publish an honest status')
    .version(VERSION)
    .exitOverride()
    .enablePositionalOptions()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run glasshouse --help for usage)')
  addServeCommand(root, io, setExit)
  addProbeCommand(root, io, setExit)
  addConfigCommands(root, io, setExit)
  addDbCommands(root, io, setExit)
  addReportCommands(root, io, setExit)
  addMarkCommands(root, io, setExit)
  addAlertsCommands(root, io, setExit)
  addCleanupCommand(root, io, setExit)
  addTokenCommands(root, io, setExit)
  addIncidentCommands(root, io, setExit)
  addAuditCommands(root, io, setExit)
  addStaticCommands(root, io, setExit)
  addPostmortemCommands(root, io, setExit)
  for (const command of root.commands) command.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
  return root
}

/**
 * Runs the CLI with `argv` (without `node` and the script) and resolves to the exit code.
 *
 * @example
 * const code = await main(['probe', 'run', 'http', '--url', 'http://127.0.0.1:8080/healthz', '--once'])
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let exitCode: number = EXIT.ok
  const root = program(io, (code) => (exitCode = code))
  try {
    await root.parseAsync([...argv], { from: 'user' })
    return exitCode
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage
    const known = describeFailure(error)
    if (known) {
      io.stderr(`${known.message}\n`)
      return known.exitCode
    }
    const detail = error instanceof Error ? error.message : String(error)
    const stack = io.env.GLASSHOUSE_DEBUG && error instanceof Error ? `\n${error.stack}` : ' (set GLASSHOUSE_DEBUG=1 for the stack)'
    io.stderr(`internal error: ${detail}${stack}\n`)
    return EXIT.failed
  }
}
