/**
 * The schema of `glasshouse.yaml`: one strict Zod object per section, defaults filled in.
 *
 * @module
 */
import { isIPv4, isIPv6 } from 'node:net'
import { z } from 'zod'
import { CheckSchema, HttpCheckSchema } from './check-schema.js'
import { ComponentSchema } from './components-schema.js'
import { HealthSchema } from './health-schema.js'
import { AutomationSchema } from './automation-schema.js'
import { AlertsSchema } from './alerts-schema.js'
import { RecordsSchema } from './records-schema.js'
import { ScsSchema } from './scs-schema.js'
import { PageSchema } from './page-schema.js'
import { HandbookSchema } from './handbook-schema.js'
import { IncomingSchema } from './incoming-schema.js'
import { SubscriptionsSchema } from './subscriptions-schema.js'
import { StaticCopySchema } from '../static-copy/config-schema.js'
import { OperatorSchema } from '../operator/operator-schema.js'
import { MaintenanceSeriesSettingsSchema } from './maintenance-series-schema.js'
import { IncidentConfigSchema, MaintenanceConfigSchema, PhaseNamesSchema } from './incidents-schema.js'
import { NoticeConfigSchema, TemplateConfigSchema } from './templates-schema.js'

const LISTEN = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/
const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/

/**
 * Splits a listen address (`host:port`, `[::1]:port`) into host and port, or returns null when it
 * is not one. Port 0 asks the system for a free port. IPv6 hosts come back without brackets.
 *
 * @example
 * parseListen('[::1]:8080') // { host: '::1', port: 8080 }
 * parseListen('localhost')  // null
 */
export function parseListen(text: string): { host: string; port: number } | null {
  const match = LISTEN.exec(text)
  if (match === null) return null
  const [, rawHost, rawPort] = match as unknown as [string, string, string]
  const port = Number(rawPort)
  if (port > 65535) return null
  if (rawHost.startsWith('[')) {
    const host = rawHost.slice(1, -1)
    return isIPv6(host) ? { host, port } : null
  }
  if (/^[\d.]+$/.test(rawHost) && !isIPv4(rawHost)) return null
  return HOSTNAME.test(rawHost) ? { host: rawHost, port } : null
}

/** A listen address `host:port` or `[ipv6]:port`; kept as written, split with {@link parseListen}. */
export const ListenSchema = z
  .string()
  .regex(LISTEN, { error: 'expected host:port or [ipv6]:port, such as 127.0.0.1:8080', abort: true })
  .refine((text) => parseListen(text) !== null, {
    message: 'expected a valid host or IP address and a port 0–65535',
  })

/** Log levels, as pino names them. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const
/** One of {@link LOG_LEVELS}. */
export type LogLevel = (typeof LOG_LEVELS)[number]

/** A log level name. */
export const LogLevelSchema = z.enum(LOG_LEVELS)

/** A PostgreSQL connection URL (`postgres://` or `postgresql://`). */
export const DatabaseUrlSchema = z.url({
  protocol: /^postgres(ql)?$/,
  error: 'expected a URL such as postgres://user@host:5432/glasshouse',
})

/** `server:` — where the HTTP server listens and how the public page names itself. */
export const ServerSchema = z.strictObject({
  listen: ListenSchema.default('127.0.0.1:8080').describe('host:port or [ipv6]:port the HTTP server listens on'),
  /** The URL the public reaches the status page at (links in feeds, mails, badges). */
  publicUrl: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional().describe('the URL the public reaches the status page at'),
  title: z.string().min(1).max(200).default('Glasshouse').describe('the name the status page shows'),
})

/** `storage:` — the data directory (SQLite and files) and an optional PostgreSQL database. */
export const StorageSchema = z.strictObject({
  dataDir: z.string().min(1).default('./data').describe('folder of the embedded database and files, relative to the working directory'),
  databaseUrl: DatabaseUrlSchema.optional().describe('PostgreSQL instead of the embedded SQLite; use ${file:/path} for the password'),
})

/** `log:` — logging. */
export const LogSchema = z.strictObject({
  level: LogLevelSchema.default('info'),
})

const fields = HttpCheckSchema.shape

/** `defaults:` — values for every check that does not set them itself. */
export const DefaultsSchema = z.strictObject({
  interval: fields.interval.unwrap().optional(),
  timeout: fields.timeout.unwrap().optional(),
  retries: fields.retries.unwrap().optional(),
  failureThreshold: fields.failureThreshold.unwrap().optional(),
  successThreshold: fields.successThreshold.unwrap().optional(),
  redact: fields.redact.unwrap().optional(),
})

/**
 * The top-level sections. Adding a section is one line here; lists of objects at this level are
 * merged by `name` across split files and must have unique names.
 */
const SECTIONS = {
  server: ServerSchema.prefault({}).describe('the HTTP server and the public page'),
  storage: StorageSchema.prefault({}).describe('where measurements are stored'),
  log: LogSchema.prefault({}).describe('logging'),
  defaults: DefaultsSchema.prefault({}).describe('values for every check that does not set them'),
  checks: z.array(CheckSchema).default([]).describe('what to measure; names unique across all files'),
  health: HealthSchema.prefault({}).describe('health rules: how measurements become the state of each (component, location)'),
  components: z
    .array(ComponentSchema)
    .default([])
    .describe('what the public page shows and which checks feed it; without it each check is its own component'),
  maintenance: z.array(MaintenanceConfigSchema).default([]).describe('planned maintenance windows (managed by config)'),
  incidents: z.array(IncidentConfigSchema).default([]).describe('incidents declared in config (rare; usually they come from the API or the automation)'),
  templates: z.array(TemplateConfigSchema).default([]).describe('incident templates operators open incidents from (managed by config)'),
  notices: z.array(NoticeConfigSchema).default([]).describe('short public notices without impact (managed by config)'),
  phases: PhaseNamesSchema.prefault({}).describe('display names of the incident phases'),
  automation: AutomationSchema.prefault({}).describe('automatic incidents from the measured states, and the evidence they pin'),
  alerts: AlertsSchema.prefault({}).describe('operator alerts: receivers, routes, repeats, silences, the outbox and the heartbeat'),
  records: RecordsSchema.prefault({}).describe('the time zone of calendar days in rollups and reports, and retention'),
  scs: ScsSchema.prefault({}).describe('the SCS status API: its path and CORS origins'),
  page: PageSchema.prefault({}).describe('the public status page: name, logo, colours, texts, links and trusted proxies'),
  handbook: HandbookSchema.prefault({}).describe('the open handbook: the folder of Markdown pages published at /handbook'),
  incoming: IncomingSchema.prefault({}).describe('heartbeats and health beacons: per-token rate limit and the beacons\' replay window'),
  subscriptions: SubscriptionsSchema.prefault({}).describe('e-mail (double opt-in) and webhook subscribers: mail server, reminder, link lifetimes, rate limit, SSRF policy'),
  staticCopy: StaticCopySchema.prefault({}).describe('the pre-rendered static copy of the public pages that survives our own outage, and its publish command'),
  operator: OperatorSchema.prefault({}).describe('the operator UI: session idle timeout and lifetime, sign-in rate limit'),
  maintenanceSeries: MaintenanceSeriesSettingsSchema.prefault({}).describe('recurring maintenance: how far ahead its windows exist, and how often they are materialized'),
}

/**
 * The whole `glasshouse.yaml`. Unknown keys are errors at every level. `defaults:` is applied to
 * the checks by the loader before this schema runs (see `loadConfig`).
 *
 * @example
 * const config = ConfigSchema.parse({ checks: [{ name: 'web', kind: 'http', url: 'http://127.0.0.1/' }] })
 * config.server.listen // '127.0.0.1:8080'
 */
export const ConfigSchema = z.strictObject(SECTIONS)

/** A validated configuration, every default filled in, durations in milliseconds. */
export type Config = z.infer<typeof ConfigSchema>

/** A configuration as written (durations as strings, defaults optional). */
export type ConfigInput = z.input<typeof ConfigSchema>
