/**
 * The schema of one check in `checks:` — the probe kinds of the foundation (http, tcp, dns, tls).
 *
 * @module
 */
import { z } from 'zod'
import { parseDuration } from '../core/duration.js'
import { SCENARIO_CHECK_FIELDS, scenarioCheckProblem } from '../probes/scenario/schema.js'

/** Probe kinds a check can have; a check may not be named like one. */
export const CHECK_KINDS = ['http', 'tcp', 'dns', 'tls', 'catalog', 'scenario', 'heartbeat'] as const
export type CheckKind = (typeof CHECK_KINDS)[number]

/** Header and query names whose values are replaced by `***` in every output. */
export const DEFAULT_REDACT = [
  'authorization',
  'x-auth-token',
  'cookie',
  '*token*',
  '*key*',
  '*secret*',
  'password',
]

/** A duration string (`30s`, `5m`) parsed to milliseconds. */
export const durationMs = z
  .string()
  .refine((text) => parseDuration(text) !== null, {
    message: 'expected a duration such as 500ms, 30s, 5m, 36h',
  })
  .transform((text) => parseDuration(text)!)
  .meta({
    description: 'a duration such as 500ms, 30s, 5m, 36h, 1h30m',
    pattern: '^\\s*(?:\\d+(?:\\.\\d+)?(?:ms|s|m|h|d))+\\s*$',
  })

const name = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'names are 1–63 of a-z 0-9 . _ -, starting with a letter or digit')
  .refine((text) => !(CHECK_KINDS as readonly string[]).includes(text), {
    message: `a check may not be named like a probe kind (${CHECK_KINDS.join(', ')})`,
  })

const port = z.number().int().min(1).max(65535)

/** TLS options shared by the http and tls probes. */
export const TlsOptionsSchema = z
  .strictObject({
    /** Accept any certificate (the result still reports what was wrong with it). */
    insecureSkipVerify: z.boolean().default(false),
    /** PEM file of extra trusted CAs. */
    caFile: z.string().optional(),
    /** Client certificate and key (PEM files) for mutual TLS. */
    certFile: z.string().optional(),
    keyFile: z.string().optional(),
    /** SNI and the name the certificate must match; default: the target host. */
    serverName: z.string().optional(),
  })
  .refine((tls) => (tls.certFile === undefined) === (tls.keyFile === undefined), {
    message: 'certFile and keyFile go together',
  })

const common = {
  name,
  /** Shown on the public page; default: the name. */
  displayName: z.string().min(1).max(200).optional(),
  description: z.string().max(2000).optional(),
  labels: z.record(z.string(), z.string()).default({}),
  interval: durationMs.default(60_000),
  timeout: durationMs.default(10_000),
  /** Extra attempts after a failed one, each recorded. */
  retries: z.number().int().min(0).max(10).default(0),
  retryDelay: durationMs.default(1_000),
  /** Consecutive failed runs before the state is `outage`. */
  failureThreshold: z.number().int().min(1).max(100).default(3),
  /** Consecutive passed runs before an unhealthy check is `operational` again. */
  successThreshold: z.number().int().min(1).max(100).default(1),
  /** Gatus-style conditions; all must hold. */
  conditions: z.array(z.string().min(1)).default([]),
  redact: z.array(z.string().min(1)).default(DEFAULT_REDACT),
  enabled: z.boolean().default(true),
}

/** An HTTP(S) check. */
export const HttpCheckSchema = z.strictObject({
  ...common,
  kind: z.literal('http'),
  url: z.url({ protocol: /^https?$/ }),
  method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']).default('GET'),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.string().optional(),
  followRedirects: z.boolean().default(true),
  maxRedirects: z.number().int().min(0).max(50).default(10),
  /** Reuse connections between runs; off by default so connect and TLS are measured. */
  keepAlive: z.boolean().default(false),
  /** Bodies beyond this are cut off and the run fails as `malformed`. */
  maxBodyBytes: z.number().int().positive().default(1_048_576),
  tls: TlsOptionsSchema.default({ insecureSkipVerify: false }),
})

/** A TCP connect check. */
export const TcpCheckSchema = z.strictObject({
  ...common,
  kind: z.literal('tcp'),
  host: z.string().min(1),
  port,
})

/** The DNS record types a dns check can ask for. */
export const DNS_RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'NS', 'TXT', 'SOA', 'SRV', 'PTR', 'CAA'] as const

/** A DNS query sent to a resolver. */
export const DnsCheckSchema = z.strictObject({
  ...common,
  kind: z.literal('dns'),
  query: z.string().min(1),
  recordType: z.enum(DNS_RECORD_TYPES).default('A'),
  /** `host` or `host:port`; default: the first nameserver of /etc/resolv.conf. */
  resolver: z.string().min(1).optional(),
  transport: z.enum(['udp', 'tcp']).default('udp'),
  /** When set, the answer must contain exactly these values (order ignored). */
  expectedAnswers: z.array(z.string()).optional(),
  /** The rcode the answer must carry; default NOERROR. */
  expectedRcode: z
    .enum(['NOERROR', 'FORMERR', 'SERVFAIL', 'NXDOMAIN', 'NOTIMP', 'REFUSED'])
    .default('NOERROR'),
})

/** A TLS handshake check: expiry, chain, hostname. */
export const TlsCheckSchema = z.strictObject({
  ...common,
  kind: z.literal('tls'),
  host: z.string().min(1),
  port: port.default(443),
  tls: TlsOptionsSchema.default({ insecureSkipVerify: false }),
  /** The run fails as `tls` when the leaf expires sooner than this. */
  minValidity: durationMs.default(7 * 86_400_000),
})

/**
 * The catalog-specific fields of a check (CloudMon's epmon, OSHM's `-X`): which cloud of
 * clouds.yaml, and the per-cloud URL and skip lists.
 */
export const CATALOG_CHECK_FIELDS = {
  kind: z.literal('catalog'),
  /** A cloud of clouds.yaml (like `openstack --os-cloud`). */
  cloud: z.string().min(1),
  /** The region; default the cloud's (`region_name`, `OS_REGION_NAME`, the first of `regions`). */
  region: z.string().min(1).optional(),
  /** Service types (or aliases) not to check; listed services show as skipped steps. */
  skip: z.array(z.string().min(1)).default([]),
  /**
   * Service type (or alias) → path(s) relative to its endpoint to GET instead of the built-in
   * list call; an empty list checks only the version document.
   */
  urls: z.record(z.string().min(1), z.union([z.string(), z.array(z.string())])).default({}),
}


/** An OpenStack catalog check: every advertised service's version document and one cheap list. */
export const CatalogCheckSchema = z.strictObject({ ...common, ...CATALOG_CHECK_FIELDS })

/** The customer-eye scenario (issue 4) on a cloud of clouds.yaml or the simulated cloud; fields in `probes/scenario/schema.ts`. */
export const ScenarioCheckSchema = z.strictObject({ ...common, ...SCENARIO_CHECK_FIELDS }).superRefine((check, ctx) => {
  const problem = scenarioCheckProblem(check)
  if (problem !== null) ctx.addIssue({ code: 'custom', message: problem, path: !check.simulated && check.cloud === undefined ? ['cloud'] : ['profile'] })
})

/**
 * A push check (issue 8): nothing is scheduled; its results arrive as beats on
 * `POST /api/v1/heartbeats/<name>` (and beacons). `expectEvery` is its interval, so the health
 * rules' noData flag (e.g. `3x`) judges missing beats like a stopped probe. `interval` is always
 * `expectEvery` (a written `interval` or one from `defaults:` is ignored).
 */
export const HeartbeatCheckSchema = z
  .strictObject({
    ...common,
    kind: z.literal('heartbeat'),
    expectEvery: durationMs.describe('how often a beat is expected, e.g. 5m; missing beats turn the series no data after the noData window'),
  })
  .transform((check) => ({ ...check, interval: check.expectEvery }))

/** Any check. */
export const CheckSchema = z.discriminatedUnion('kind', [
  HttpCheckSchema,
  TcpCheckSchema,
  DnsCheckSchema,
  TlsCheckSchema,
  CatalogCheckSchema,
  ScenarioCheckSchema,
  HeartbeatCheckSchema,
])

export type HttpCheck = z.infer<typeof HttpCheckSchema>
export type TcpCheck = z.infer<typeof TcpCheckSchema>
export type DnsCheck = z.infer<typeof DnsCheckSchema>
export type TlsCheck = z.infer<typeof TlsCheckSchema>
export type CatalogCheck = z.infer<typeof CatalogCheckSchema>
export type ScenarioCheck = z.infer<typeof ScenarioCheckSchema>
export type HeartbeatCheck = z.infer<typeof HeartbeatCheckSchema>
/** A validated check with every default filled in; durations in milliseconds. */
export type Check = z.infer<typeof CheckSchema>
