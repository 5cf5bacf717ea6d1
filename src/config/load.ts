/**
 * Loading `glasshouse.yaml` (and `glasshouse.d/*.yaml` beside it): find, read, substitute, merge,
 * apply defaults, validate — collecting every problem, positioned, before throwing once.
 *
 * @module
 */
import { existsSync } from 'node:fs'
import { readFile, readdir } from 'node:fs/promises'
import { dirname, isAbsolute, join, relative, resolve } from 'node:path'
import { ConfigError, formatPath } from './issues.js'
import type { ConfigIssue } from './issues.js'
import { applyDefaults, mergeTrees } from './merge.js'
import { checkRules } from './rules.js'
import { ConfigSchema } from './schema.js'
import type { Config } from './schema.js'
import { createSubstituter, scrub } from './substitute.js'
import { parseYamlTree, toPlain } from './tree.js'
import type { RawIssue, Tree } from './tree.js'
import { positionZodIssues } from './zod-issues.js'

/** Where to look for the config: the `--config` flag, the environment, the working directory. */
export interface ConfigLocation {
  /** The `--config` flag. */
  file?: string
  /** Default: `process.env` (for `GLASSHOUSE_CONFIG` and substitutions). */
  env?: NodeJS.ProcessEnv
  /** Default: `process.cwd()`. */
  cwd?: string
}

/** A loaded configuration and the files it was read from (absolute; main file first). */
export interface LoadedConfig {
  config: Config
  files: string[]
  /** Values substituted from `${ENV}` and `${file:…}`: secrets, to be redacted wherever the config is shown or stored. */
  secrets: string[]
}

/** One file's text and the name to report it by. */
export interface ConfigSource {
  file: string
  text: string
  /** Folder relative `${file:…}` paths start in; default: the file's folder. */
  baseDir?: string
}

/** The folder of split files beside the main file. */
export const DROP_IN_DIR = 'glasshouse.d'

/**
 * The config file to load: `file`, else `GLASSHOUSE_CONFIG`, else `./glasshouse.yaml` when it
 * exists. Null when nothing was named and there is no `./glasshouse.yaml` (commands that only read
 * the store then run on defaults); a named file is returned even if missing, so loading it fails.
 *
 * @example
 * resolveConfigPath({ cwd: '/etc/glasshouse' }) // '/etc/glasshouse/glasshouse.yaml' or null
 */
export function resolveConfigPath(options: ConfigLocation = {}): string | null {
  const cwd = options.cwd ?? process.cwd()
  const named = options.file ?? (options.env ?? process.env).GLASSHOUSE_CONFIG
  if (named !== undefined && named !== '') return resolve(cwd, named)
  const implicit = resolve(cwd, 'glasshouse.yaml')
  return existsSync(implicit) ? implicit : null
}

/**
 * Loads and validates the configuration; throws {@link ConfigError} with every issue found.
 *
 * @example
 * const { config, files } = await loadConfig({ file: 'glasshouse.yaml' })
 * config.checks.length
 */
export async function loadConfig(options: ConfigLocation = {}): Promise<LoadedConfig> {
  const cwd = options.cwd ?? process.cwd()
  const main = resolveConfigPath(options) ?? resolve(cwd, 'glasshouse.yaml')
  const display = (path: string) => {
    const rel = relative(cwd, path)
    return rel.startsWith('..') || isAbsolute(rel) ? path : rel
  }
  const dropIns = await listDropIns(join(dirname(main), DROP_IN_DIR), display(join(dirname(main), DROP_IN_DIR)))
  const files = [main, ...dropIns.files]
  const read = await Promise.all(files.map(async (file) => readSource(file, display(file))))
  const unreadable = [...dropIns.issues, ...read.flatMap((entry) => ('issue' in entry ? [entry.issue] : []))]
  if (unreadable.length > 0) throw new ConfigError(unreadable)
  const sources = read.flatMap((entry) => ('source' in entry ? [entry.source] : []))
  const { config, secrets } = parseSources(sources, options.env ?? process.env)
  return { config, files, secrets: [...secrets] }
}

/**
 * Validates configuration texts as one split configuration (in order: main file first), the
 * way {@link loadConfig} does after reading them. Throws {@link ConfigError}.
 *
 * @example
 * parseConfigSources([{ file: 'glasshouse.yaml', text: 'log: { level: debug }' }], {}).log.level // 'debug'
 */
export function parseConfigSources(sources: readonly ConfigSource[], env: NodeJS.ProcessEnv): Config {
  return parseSources(sources, env).config
}

function parseSources(sources: readonly ConfigSource[], env: NodeJS.ProcessEnv): { config: Config; secrets: Set<string> } {
  if (sources.length === 0) throw new TypeError('parseConfigSources needs at least the main file')
  const raw: RawIssue[] = []
  const secrets = new Set<string>()
  const trees: Tree[] = []
  for (const source of sources) {
    const substituter = createSubstituter({ env, baseDir: source.baseDir ?? dirname(resolve(source.file)) })
    const parsed = parseYamlTree(source.file, source.text, substituter.hook)
    raw.push(...parsed.issues, ...substituter.issues)
    for (const secret of substituter.secrets) secrets.add(secret)
    if (parsed.tree !== null) trees.push(parsed.tree)
  }
  const [first, ...rest] = trees
  if (first !== undefined && trees.length === sources.length) {
    const substitutionFailed = new Set(raw.map((issue) => positionKey(issue)))
    const { config, issues } = validate(first, rest)
    raw.push(...issues.filter((issue) => !substitutionFailed.has(positionKey(issue))))
    if (raw.length === 0 && config !== null) return { config, secrets }
  }
  throw new ConfigError(finish(raw, sources, secrets))
}

function validate(first: Tree, rest: readonly Tree[]): { config: Config | null; issues: RawIssue[] } {
  const merged = mergeTrees(first, rest)
  if (merged.tree === null) return { config: null, issues: merged.issues }
  const tree = applyDefaults(merged.tree)
  const result = ConfigSchema.safeParse(toPlain(tree))
  const issues = [
    ...merged.issues,
    ...(result.success ? [] : positionZodIssues(result.error.issues, tree, ConfigSchema)),
    ...checkRules(tree),
  ]
  return { config: result.success ? result.data : null, issues }
}

function finish(raw: readonly RawIssue[], sources: readonly ConfigSource[], secrets: ReadonlySet<string>): ConfigIssue[] {
  const order = new Map(sources.map((source, index) => [source.file, index]))
  const seen = new Set<string>()
  return raw
    .map((issue) => ({ file: issue.at.file, line: issue.at.line, col: issue.at.col, path: formatPath(issue.path), message: scrub(issue.message, secrets) }))
    .filter((issue) => {
      const key = `${issue.file}\0${issue.line}\0${issue.col}\0${issue.path}\0${issue.message}`
      return seen.has(key) ? false : (seen.add(key), true)
    })
    .sort((a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0) || a.line - b.line || a.col - b.col)
}

function positionKey(issue: RawIssue): string {
  return `${issue.at.file}:${issue.at.line}:${issue.at.col}`
}

async function readSource(path: string, file: string): Promise<{ source: ConfigSource } | { issue: ConfigIssue }> {
  try {
    return { source: { file, text: await readFile(path, 'utf8'), baseDir: dirname(path) } }
  } catch (error) {
    return { issue: { file, line: 0, col: 0, path: '', message: `cannot read the config file (${errorCode(error)})` } }
  }
}

async function listDropIns(dir: string, shown: string): Promise<{ files: string[]; issues: ConfigIssue[] }> {
  try {
    const names = await readdir(dir)
    return { files: names.filter((name) => /\.ya?ml$/.test(name)).sort().map((name) => join(dir, name)), issues: [] }
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { files: [], issues: [] }
    return { files: [], issues: [{ file: shown, line: 0, col: 0, path: '', message: `cannot read the folder (${errorCode(error)})` }] }
  }
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'error'
}
