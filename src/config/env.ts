/**
 * The `GLASSHOUSE_*` environment, parsed once, and the precedence flag > environment > config file
 * > default for the settings that have all four.
 *
 * @module
 */
import { z } from 'zod'
import { ConfigError } from './issues.js'
import type { ConfigIssue } from './issues.js'
import { DatabaseUrlSchema, ListenSchema, LogLevelSchema } from './schema.js'
import type { Config, LogLevel } from './schema.js'

/** The settings that can come from a flag, the environment or the file. */
export interface OverrideFlags {
  listen?: string | undefined
  dataDir?: string | undefined
  databaseUrl?: string | undefined
  logLevel?: string | undefined
}

/** The parsed `GLASSHOUSE_*` variables (unset and empty ones absent). */
export interface GlasshouseEnv {
  listen?: string
  dataDir?: string
  databaseUrl?: string
  config?: string
  logLevel?: LogLevel
}

const SETTINGS = {
  listen: { variable: 'GLASSHOUSE_LISTEN', flag: '--listen', schema: ListenSchema },
  dataDir: { variable: 'GLASSHOUSE_DATA_DIR', flag: '--data-dir', schema: z.string().min(1) },
  databaseUrl: { variable: 'GLASSHOUSE_DATABASE_URL', flag: '--database-url', schema: DatabaseUrlSchema },
  config: { variable: 'GLASSHOUSE_CONFIG', flag: '--config', schema: z.string().min(1) },
  logLevel: { variable: 'GLASSHOUSE_LOG_LEVEL', flag: '--log-level', schema: LogLevelSchema },
} as const

type Setting = keyof typeof SETTINGS

/**
 * Parses the `GLASSHOUSE_*` variables; an empty variable counts as unset. Throws
 * {@link ConfigError} naming every invalid variable (never its value, which may hold a password).
 *
 * @example
 * parseEnv({ GLASSHOUSE_LOG_LEVEL: 'debug' }) // { logLevel: 'debug' }
 */
export function parseEnv(env: NodeJS.ProcessEnv = process.env): GlasshouseEnv {
  return parseSettings(
    Object.keys(SETTINGS) as Setting[],
    (setting) => env[SETTINGS[setting].variable],
    (setting) => ({ file: 'environment', path: SETTINGS[setting].variable }),
  ) as GlasshouseEnv
}

/**
 * Applies flags and environment over a config: flag > environment > config file > default, for
 * listen, dataDir, databaseUrl and log level. Returns a new config; throws {@link ConfigError}
 * when a flag or variable is invalid.
 *
 * @example
 * applyOverrides(config, { flags: { listen: '127.0.0.1:9000' }, env: process.env }).server.listen // '127.0.0.1:9000'
 */
export function applyOverrides(config: Config, sources: { flags?: OverrideFlags; env?: NodeJS.ProcessEnv }): Config {
  const names: Setting[] = ['listen', 'dataDir', 'databaseUrl', 'logLevel']
  const flags = sources.flags ?? {}
  const fromFlags = parseSettings(
    names,
    (setting) => flags[setting as keyof OverrideFlags],
    (setting) => ({ file: 'command line', path: SETTINGS[setting].flag }),
  )
  const env = parseEnv(sources.env ?? {})
  const pick = <K extends keyof GlasshouseEnv>(key: K): GlasshouseEnv[K] => (fromFlags[key] ?? env[key]) as GlasshouseEnv[K]
  const listen = pick('listen')
  const dataDir = pick('dataDir')
  const databaseUrl = pick('databaseUrl')
  const level = pick('logLevel')
  return {
    ...config,
    server: { ...config.server, ...(listen === undefined ? {} : { listen }) },
    storage: { ...config.storage, ...(dataDir === undefined ? {} : { dataDir }), ...(databaseUrl === undefined ? {} : { databaseUrl }) },
    log: { ...config.log, ...(level === undefined ? {} : { level }) },
  }
}

function parseSettings(
  names: readonly Setting[],
  read: (setting: Setting) => string | undefined,
  where: (setting: Setting) => { file: string; path: string },
): Partial<Record<Setting, string>> {
  const values: Partial<Record<Setting, string>> = {}
  const issues: ConfigIssue[] = []
  for (const setting of names) {
    const text = read(setting)
    if (text === undefined || text === '') continue
    const parsed = SETTINGS[setting].schema.safeParse(text)
    if (parsed.success) values[setting] = parsed.data
    else issues.push(...parsed.error.issues.map((issue) => ({ ...where(setting), line: 0, col: 0, message: issue.message })))
  }
  if (issues.length > 0) throw new ConfigError(issues)
  return values
}
