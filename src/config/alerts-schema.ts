/**
 * `alerts:` — operator alerts: which receivers exist (a real Alertmanager, an Alertmanager-style
 * webhook, e-mail, a signed webhook), which alerts go where (routes by labels), how often a firing
 * alert is repeated, how long a recovery must hold before the resolved notice, how the outbox
 * retries, and the heartbeat to an external dead-man's switch.
 *
 * @module
 */
import { z } from 'zod'
import { durationMs } from './check-schema.js'
import { SsrfPolicySchema } from '../net/ssrf-policy.js'

const receiverName = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'names are 1–63 of a-z 0-9 . _ -, starting with a letter or digit')
const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' })
const headers = z.record(z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'expected an HTTP header name'), z.string()).default({})

/** The measured states an alert can be raised for (operational never is). */
const AlertingStateSchema = z.enum(['degraded', 'partial_outage', 'major_outage', 'no_data'])

/** A Standard Webhooks secret: `whsec_` and base64 of at least 24 bytes. */
const WebhookSecretSchema = z
  .string()
  .regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, { error: 'expected a Standard Webhooks secret: whsec_ followed by base64', abort: true })
  .refine((text) => Buffer.from(text.slice('whsec_'.length), 'base64').length >= 24, { message: 'the secret must hold at least 24 random bytes' })

/** A real Alertmanager: alerts are posted to `<url>/api/v2/alerts` and re-posted while they fire. */
const AlertmanagerReceiverSchema = z.strictObject({
  name: receiverName,
  kind: z.literal('alertmanager'),
  url: httpUrl.describe('the Alertmanager base URL, e.g. http://127.0.0.1:9093'),
  headers,
  repeatInterval: durationMs.default(60_000).describe('how often a firing alert is re-posted (Alertmanager forgets it after 4 × this)'),
})

/** Any consumer of Alertmanager's webhook payload (version "4"). */
const AlertmanagerWebhookReceiverSchema = z.strictObject({
  name: receiverName,
  kind: z.literal('alertmanager-webhook'),
  url: httpUrl,
  headers,
  repeatInterval: durationMs.optional(),
})

/** A generic webhook signed per Standard Webhooks. */
const SignedWebhookReceiverSchema = z.strictObject({
  name: receiverName,
  kind: z.literal('webhook'),
  url: httpUrl,
  secret: WebhookSecretSchema.describe('whsec_… (use ${file:/path} or ${ENV})'),
  headers,
  repeatInterval: durationMs.optional(),
  /** Off by default (receivers are admin-set): with it, each send passes the SSRF guard (docs/alerts.md). */
  ssrf: SsrfPolicySchema.optional().describe('send through the SSRF guard with this policy ({} = https only, no private, loopback or link-local address)'),
})

/** E-mail over SMTP (nodemailer). */
const EmailReceiverSchema = z.strictObject({
  name: receiverName,
  kind: z.literal('email'),
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).default(587),
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: z.boolean().default(false),
  requireTls: z.boolean().default(false).describe('refuse to send without STARTTLS'),
  user: z.string().optional(),
  password: z.string().optional().describe('use ${file:/path} or ${ENV}'),
  from: z.email(),
  to: z.array(z.email()).min(1),
  repeatInterval: durationMs.optional(),
})

/** One receiver. */
export const ReceiverSchema = z.discriminatedUnion('kind', [AlertmanagerReceiverSchema, AlertmanagerWebhookReceiverSchema, SignedWebhookReceiverSchema, EmailReceiverSchema])

/** A configured receiver. */
export type ReceiverConfig = z.infer<typeof ReceiverSchema>

/** Alerts whose labels equal every `match` entry go to `receivers`; an empty match takes every alert. */
const RouteSchema = z.strictObject({
  match: z.record(z.string(), z.string()).default({}),
  receivers: z.array(receiverName).min(1),
})

/** How the outbox retries a receiver that is down, slow or answers garbage. */
const DeliverySchema = z.strictObject({
  timeout: durationMs.default(10_000).describe('one send; a slower receiver counts as failed'),
  maxAttempts: z.number().int().min(1).max(100).default(10).describe('then the message is a dead letter'),
  backoff: durationMs.default(5_000).describe('the first retry delay; doubled per attempt, with jitter'),
  maxBackoff: durationMs.default(15 * 60_000),
})

/** The dead-man's switch: a GET every `every`, straight from a small loop (not the outbox). */
const HeartbeatSchema = z.strictObject({
  url: httpUrl.describe('e.g. a healthchecks.io ping URL; redacted in logs'),
  every: durationMs.default(60_000),
  timeout: durationMs.default(10_000),
})

/**
 * The `alerts:` section with its defaults. Without receivers nothing is sent; the alert state is
 * still kept, so `glasshouse alerts list` shows what would fire.
 *
 * @example
 * AlertsSchema.parse({ receivers: [{ name: 'oncall', kind: 'alertmanager', url: 'http://127.0.0.1:9093' }] }).repeatInterval // 14400000
 */
export const AlertsSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    every: durationMs.default(15_000).describe('time between passes of the alert reconciler'),
    on: z.array(AlertingStateSchema).min(1).default(['partial_outage', 'major_outage']).describe('measured states of a (component, location) that fire an alert'),
    repeatInterval: durationMs.default(4 * 3_600_000).describe('a firing alert is sent again after this long'),
    resolveAfter: durationMs.default(5 * 60_000).describe('how long a condition must stay clear before the resolved notice; a flap inside it sends nothing'),
    changeInterval: durationMs.default(5 * 60_000).describe('at most one notice about a changed alert (e.g. degraded → outage) per group per this long'),
    quietAfter: durationMs.default(5 * 60_000).describe('a vantage point or the scheduler storing nothing for this long fires an alert'),
    maintenanceSilences: z.boolean().default(true).describe('alerts of a component in maintenance are silenced'),
    externalUrl: httpUrl.optional().describe('base of generatorURL links; default server.publicUrl'),
    receivers: z.array(ReceiverSchema).default([]),
    routes: z.array(RouteSchema).optional().describe('without routes every alert goes to every receiver'),
    delivery: DeliverySchema.prefault({}),
    heartbeat: HeartbeatSchema.optional(),
  })
  .superRefine((alerts, context) => {
    const names = new Set<string>()
    alerts.receivers.forEach((receiver, index) => {
      if (names.has(receiver.name)) context.addIssue({ code: 'custom', path: ['receivers', index, 'name'], message: `receiver "${receiver.name}" is defined twice` })
      names.add(receiver.name)
    })
    alerts.routes?.forEach((route, index) =>
      route.receivers.forEach((name, position) => {
        if (!names.has(name)) context.addIssue({ code: 'custom', path: ['routes', index, 'receivers', position], message: `no receiver is named "${name}"` })
      }),
    )
  })

/** The validated `alerts:` section, durations in milliseconds. */
export type AlertsConfig = z.infer<typeof AlertsSchema>
