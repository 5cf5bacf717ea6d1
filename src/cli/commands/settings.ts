/**
 * Turns flags, environment and the config file into one config (flag > environment > file >
 * default), for every command that needs one.
 *
 * @module
 */
import { ConfigSchema, applyOverrides, loadConfig, resolveConfigPath, type Config } from '../../config/index.js'
import type { CliIo } from '../io.js'

/** The flags every config-reading command accepts. */
export interface SettingsFlags {
  config?: string
  listen?: string
  dataDir?: string
  databaseUrl?: string
  logLevel?: string
}

/** A config and where it came from. */
export interface Settings {
  config: Config
  configFile: string | null
  /** Values substituted into the config from the environment or files. */
  secrets: string[]
  /** Every file the config was read from. */
  files: string[]
  /** Applies the same flag and environment overrides to a reloaded config. */
  overrides(config: Config): Config
}

/**
 * Loads the config for a command. With no `--config`, no `GLASSHOUSE_CONFIG` and no
 * `./glasshouse.yaml`, it runs on defaults; a named file that does not exist is an error.
 *
 * @example
 * const { config } = await loadSettings({ config: 'glasshouse.yaml' }, io)
 */
export async function loadSettings(flags: SettingsFlags, io: CliIo): Promise<Settings> {
  const file = resolveConfigPath({ ...(flags.config ? { file: flags.config } : {}), env: io.env, cwd: io.cwd })
  const loaded = file === null ? { config: ConfigSchema.parse({}), secrets: [], files: [] } : await loadConfig({ file, env: io.env, cwd: io.cwd })
  const overrides = (config: Config): Config => applyOverrides(config, { flags, env: io.env })
  return { config: overrides(loaded.config), configFile: file, secrets: loaded.secrets, files: loaded.files, overrides }
}
