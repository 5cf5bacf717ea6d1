/**
 * The `records:` section: the calendar of day and month rollups, and how long each kind of
 * stored data is kept.
 *
 * @module
 */
import { z } from 'zod'
import { isTimeZone } from '../records/index.js'
import { durationMs } from './check-schema.js'

const DAY_MS = 86_400_000

/** How long something is kept: a duration (`30d`, `730d`) or `forever`; parsed to ms, `forever` to null. */
export const RetentionSchema = z
  .union([z.literal('forever').transform(() => null), durationMs], { error: 'expected a duration such as 30d or 730d, or forever' })
  .describe('a duration such as 30d or 730d, or forever')

/** `records.retention:` — what the daily retention job deletes. */
export const RetentionConfigSchema = z.strictObject({
  rawResults: RetentionSchema.default(30 * DAY_MS).describe('raw results (with their calls) and evaluations; pinned evidence is always kept'),
  minuteRollups: RetentionSchema.default(30 * DAY_MS).describe('minute rollups; older minutes are not even created by a backfill'),
  hourRollups: RetentionSchema.default(730 * DAY_MS).describe('hour rollups'),
  dayRollups: RetentionSchema.default(null).describe('day rollups (default forever)'),
  auditEntries: RetentionSchema.default(null).describe(
    'audit trail entries (default forever); pruning keeps an anchor so `glasshouse audit verify` still proves the kept chain',
  ),
  subscriberData: RetentionSchema.default(30 * DAY_MS).describe(
    'unconfirmed e-mail sign-ups (from their last confirmation mail) and delivery records of subscribers who are gone',
  ),
  deliveryLogs: RetentionSchema.default(90 * DAY_MS).describe('sent and dead outbox messages (alerts, subscriber mails and webhooks) with their last error'),
})

/**
 * `records:` — the IANA time zone of calendar days and months (rollups and reports) and retention.
 *
 * @example
 * RecordsSchema.parse({ timeZone: 'Europe/Berlin' }).retention.rawResults // 2592000000
 */
export const RecordsSchema = z.strictObject({
  timeZone: z
    .string()
    .refine(isTimeZone, { message: 'expected an IANA time zone such as UTC or Europe/Berlin' })
    .default('UTC')
    .describe('IANA time zone of calendar days and months in rollups and reports; changing it recomputes the day rollups'),
  retention: RetentionConfigSchema.prefault({}).describe('how long stored data is kept'),
})

/** The validated `records:` section; retention in ms, null for forever. */
export type RecordsConfig = z.infer<typeof RecordsSchema>
