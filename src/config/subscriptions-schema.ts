/**
 * `subscriptions:` — how the public subscribes to status changes: e-mail with double opt-in (the
 * sender address and SMTP server), webhooks (https only unless allowed; the SSRF policy), the
 * maintenance reminder, link lifetimes and the per-client rate limit of the public forms.
 *
 * @module
 */
import { z } from 'zod'
import { SsrfPolicySchema } from '../net/ssrf-policy.js'
import { durationMs } from './check-schema.js'

/** The SMTP server subscriber mail goes through (the shape of an alerts e-mail receiver's server). */
const SmtpSchema = z.strictObject({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).default(587),
  secure: z.boolean().default(false).describe('TLS from the first byte (port 465); otherwise STARTTLS when offered'),
  requireTls: z.boolean().default(false).describe('refuse to send without STARTTLS'),
  user: z.string().optional(),
  password: z.string().optional().describe('use ${file:/path} or ${ENV}'),
})

/** E-mail subscriptions; without this block the subscribe form is not offered. */
const EmailSchema = z.strictObject({
  from: z.email().describe('the sender of confirmation and notice mails'),
  smtp: SmtpSchema,
})

/**
 * The `subscriptions:` section with its defaults.
 *
 * @example
 * SubscriptionsSchema.parse({ email: { from: 'status@example.com', smtp: { host: 'mail.example.com' } } }).reminderBefore // 3600000
 */
export const SubscriptionsSchema = z.strictObject({
  enabled: z.boolean().default(true).describe('false: no notices are fanned out, no reminders, no subscribe form (subscribers are kept)'),
  email: EmailSchema.optional().describe('e-mail subscriptions (double opt-in); off when absent'),
  linkKey: z.string().min(32).optional().describe('key of confirm and unsubscribe links (≥ 32 characters; use ${file:…}); default a key file in the data dir'),
  publicUrl: z.url({ protocol: /^https?$/ }).optional().describe('base of links in mails; default page.publicUrl, then server.publicUrl'),
  reminderBefore: durationMs.default(3_600_000).describe('maintenance subscribers get a reminder this long before the start (default 1h)'),
  confirmTtl: durationMs.default(48 * 3_600_000).describe('how long a confirmation link works (default 48h)'),
  resendAfter: durationMs.default(10 * 60_000).describe('subscribing again within this time sends no second confirmation mail'),
  every: durationMs.default(30_000).describe('how often the maintenance job looks for reminders, starts and completions'),
  rateLimit: z
    .strictObject({
      perMinute: z.number().int().min(1).max(10_000).default(10),
      burst: z.number().int().min(1).max(1_000).default(5),
    })
    .prefault({})
    .describe('per client address (behind page.trustedProxies: the forwarded one) on the public subscription pages; beyond it 429'),
  allowHttpWebhooks: z.boolean().default(false).describe('allow http:// webhook targets (default: https only)'),
  ssrf: SsrfPolicySchema.omit({ allowHttp: true }).prefault({}).describe('extra allow and deny lists of the SSRF guard every webhook target passes'),
})

/** A validated `subscriptions:` section. */
export type SubscriptionsConfig = z.infer<typeof SubscriptionsSchema>
