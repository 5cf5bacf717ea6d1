/**
 * What an alert message carries through the outbox: one alert group's notice, in the shape of
 * Alertmanager's alerts (labels, annotations, startsAt, endsAt, generatorURL), so every receiver
 * renders it without knowing where it came from.
 *
 * @module
 */
import { z } from 'zod'

/** One alert as sent: Alertmanager's fields, instants as RFC 3339 text. */
export const NoticeAlertSchema = z.object({
  status: z.enum(['firing', 'resolved']),
  labels: z.record(z.string(), z.string()),
  annotations: z.record(z.string(), z.string()),
  startsAt: z.string(),
  /** Alertmanager's zero time `0001-01-01T00:00:00Z` while firing without an end. */
  endsAt: z.string(),
  generatorURL: z.string(),
  fingerprint: z.string(),
})
export type NoticeAlert = z.infer<typeof NoticeAlertSchema>

/** The payload of an `alert` outbox message. */
export const AlertNoticeSchema = z.object({
  groupKey: z.string(),
  status: z.enum(['firing', 'resolved']),
  alerts: z.array(NoticeAlertSchema).min(1),
  externalURL: z.string(),
  /** The instant the notice was made (epoch ms); firing alerts sent to Alertmanager expire relative to it. */
  at: z.number(),
})
export type AlertNotice = z.infer<typeof AlertNoticeSchema>

/** Alertmanager's "no end" instant. */
export const ZERO_TIME = '0001-01-01T00:00:00Z'

/** Outbox topics carrying an {@link AlertNotice}. */
export const ALERT_TOPICS = ['alert', 'alert-test'] as const

/**
 * Reads an outbox payload as an alert notice, or throws a clear error (a dead letter, not a crash).
 *
 * @example
 * const notice = parseNotice(message.payload)
 */
export function parseNotice(payload: unknown): AlertNotice {
  const parsed = AlertNoticeSchema.safeParse(payload)
  if (!parsed.success) throw new Error(`the message is not an alert notice: ${parsed.error.issues[0]?.message ?? 'invalid'}`)
  return parsed.data
}

/** Labels shared by every alert of a notice. */
export function commonLabels(notice: AlertNotice): Record<string, string> {
  const [first, ...rest] = notice.alerts
  return Object.fromEntries(Object.entries(first!.labels).filter(([name, value]) => rest.every((alert) => alert.labels[name] === value)))
}

/** Annotations shared by every alert of a notice. */
export function commonAnnotations(notice: AlertNotice): Record<string, string> {
  const [first, ...rest] = notice.alerts
  return Object.fromEntries(Object.entries(first!.annotations).filter(([name, value]) => rest.every((alert) => alert.annotations[name] === value)))
}
