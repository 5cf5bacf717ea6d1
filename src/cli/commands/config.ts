/**
 * `glasshouse config check|schema`.
 *
 * @module
 */
import type { Command } from 'commander'
import { configJsonSchema, loadConfig, resolveConfigPath } from '../../config/index.js'
import { UsageError } from '../errors.js'
import type { CliIo } from '../io.js'

/** Adds `config` and its sub-commands to the program. */
export function addConfigCommands(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const config = program.command('config').description('check a config file or print its JSON Schema')
  config
    .command('check')
    .description('validate a config file (and its glasshouse.d/); print every error as file:line:col')
    .argument('[file]', 'config file (default: $GLASSHOUSE_CONFIG or ./glasshouse.yaml)')
    .action(async (file: string | undefined) => {
      const path = resolveConfigPath({ ...(file ? { file } : {}), env: io.env, cwd: io.cwd })
      if (path === null) throw new UsageError('no config file: pass one, set GLASSHOUSE_CONFIG or create ./glasshouse.yaml')
      const loaded = await loadConfig({ file: path, env: io.env, cwd: io.cwd })
      const checks = loaded.config.checks.length
      io.stdout(`${loaded.files.join(', ')}: ok (${checks} check${checks === 1 ? '' : 's'})\n`)
      setExit(0)
    })
  config
    .command('schema')
    .description('print the JSON Schema of the config file format, for editors')
    .action(() => {
      io.stdout(`${JSON.stringify(configJsonSchema(), null, 2)}\n`)
      setExit(0)
    })
}
