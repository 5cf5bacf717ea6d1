/**
 * What the retention job keeps: how long, per kind of data, as config `records.retention` says.
 *
 * @module
 */

const DAY_MS = 86_400_000

/** How long each kind of data is kept, in ms; null keeps it forever. */
export interface RetentionPolicy {
  /** Raw results (with their calls) and evaluations. */
  rawMs: number | null
  minuteMs: number | null
  hourMs: number | null
  dayMs: number | null
  /** Audit trail entries (pruned from the oldest, behind an attested anchor). */
  auditMs: number | null
  /** Unconfirmed e-mail sign-ups, and delivery records of subscribers who are gone. */
  subscriberMs: number | null
  /** Sent and dead outbox messages. */
  deliveryMs: number | null
}

/**
 * Raw results 30 days, minute rollups 30 days, hour rollups 2 years, day rollups forever; audit
 * entries forever, subscriber data 30 days, delivery logs 90 days.
 */
export const DEFAULT_RETENTION: RetentionPolicy = {
  rawMs: 30 * DAY_MS, minuteMs: 30 * DAY_MS, hourMs: 730 * DAY_MS, dayMs: null, auditMs: null, subscriberMs: 30 * DAY_MS, deliveryMs: 90 * DAY_MS,
}

/** Config `records.retention` as the schema parses it (ms, null for forever). */
export interface RetentionSettings {
  rawResults: number | null
  minuteRollups: number | null
  hourRollups: number | null
  dayRollups: number | null
  auditEntries: number | null
  subscriberData: number | null
  deliveryLogs: number | null
}

/**
 * The policy from config `records.retention`.
 *
 * @example
 * retentionPolicy(config.records.retention).rawMs // 2592000000
 */
export function retentionPolicy(config: RetentionSettings): RetentionPolicy {
  return {
    rawMs: config.rawResults, minuteMs: config.minuteRollups, hourMs: config.hourRollups, dayMs: config.dayRollups,
    auditMs: config.auditEntries, subscriberMs: config.subscriberData, deliveryMs: config.deliveryLogs,
  }
}
