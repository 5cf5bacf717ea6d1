/**
 * Builds an ad hoc check from `glasshouse probe run <kind>` flags, validated by the same schema as
 * the config file, so a flag and a config key mean the same thing.
 *
 * @module
 */
import { CHECK_KINDS, CheckSchema, type Check, type CheckKind } from '../../config/index.js'
import { UsageError } from '../errors.js'

/** The flags of `probe run` that describe a target. */
export interface ProbeFlags {
  url?: string
  method?: string
  header?: string[]
  body?: string
  condition?: string[]
  timeout?: string
  retries?: string
  host?: string
  port?: string
  query?: string
  recordType?: string
  resolver?: string
  expect?: string[]
  insecure?: boolean
  cloud?: string
  region?: string
  skip?: string[]
  followRedirects?: boolean
  keepAlive?: boolean
}

/** Whether a word names a probe kind rather than a configured check. */
export function isKind(word: string): word is CheckKind {
  return (CHECK_KINDS as readonly string[]).includes(word)
}

function headers(lines: readonly string[] = []): Record<string, string> {
  const result: Record<string, string> = {}
  for (const line of lines) {
    const colon = line.indexOf(':')
    if (colon <= 0) throw new UsageError(`--header "${line.split(':')[0]}…" must look like "Name: value"`)
    result[line.slice(0, colon).trim()] = line.slice(colon + 1).trim()
  }
  return result
}

function integer(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  if (!/^\d+$/.test(text)) throw new UsageError(`--${flag} must be a whole number, not "${text}"`)
  return Number(text)
}

function definition(kind: CheckKind, flags: ProbeFlags, env: NodeJS.ProcessEnv): Record<string, unknown> {
  const tls = flags.insecure ? { tls: { insecureSkipVerify: true } } : {}
  switch (kind) {
    case 'http':
      return { url: flags.url, method: flags.method?.toUpperCase(), headers: headers(flags.header), body: flags.body, followRedirects: flags.followRedirects, keepAlive: flags.keepAlive, ...tls }
    case 'tcp':
      return { host: flags.host, port: integer('port', flags.port) }
    case 'dns':
      return { query: flags.query, recordType: flags.recordType?.toUpperCase(), resolver: flags.resolver, expectedAnswers: flags.expect }
    case 'tls':
      return { host: flags.host, port: integer('port', flags.port), ...tls }
    case 'catalog':
      return { cloud: flags.cloud ?? env.OS_CLOUD, region: flags.region ?? env.OS_REGION_NAME, skip: flags.skip }
    case 'scenario':
      throw new UsageError('the scenario has its own flags: glasshouse probe run scenario --cloud NAME (see --help there)')
    case 'heartbeat':
      throw new UsageError('a heartbeat check is not run: its results are beats sent to POST /api/v1/heartbeats/<check> (docs/api.md)')
  }
}

const FLAG_OF_KEY: Readonly<Record<string, string>> = {
  conditions: 'condition',
  headers: 'header',
  expectedAnswers: 'expect',
  tls: 'insecure',
}

function flagOf(key: string): string {
  return FLAG_OF_KEY[key] ?? key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)
}

function dropUndefined(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined))
}

/**
 * The check described by the flags, or a {@link UsageError} naming each bad flag.
 *
 * @example
 * adHocCheck('http', { url: 'http://127.0.0.1:8080/healthz', condition: ['[STATUS] == 200'] })
 * adHocCheck('catalog', { cloud: 'demo' }, process.env)
 */
export function adHocCheck(kind: CheckKind, flags: ProbeFlags, env: NodeJS.ProcessEnv = {}): Check {
  const input = dropUndefined({
    name: `adhoc-${kind}`,
    kind,
    conditions: flags.condition,
    timeout: flags.timeout,
    retries: integer('retries', flags.retries),
    ...dropUndefined(definition(kind, flags, env)),
  })
  const parsed = CheckSchema.safeParse(input)
  if (parsed.success) return parsed.data
  const problems = parsed.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '')
    return key ? `--${flagOf(key)}: ${issue.message}` : issue.message
  })
  throw new UsageError(`${kind} probe: ${problems.join('; ')}`)
}
