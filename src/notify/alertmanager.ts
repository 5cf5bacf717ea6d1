/**
 * Alertmanager, both ways round: posting alerts to a real Alertmanager's API v2, and the
 * webhook payload (version "4") Alertmanager sends to its receivers, for on-call tools that
 * consume that format.
 *
 * @module
 */
import { commonAnnotations, commonLabels, ZERO_TIME, type AlertNotice } from './notice.js'

/** One alert in the body of `POST /api/v2/alerts`. */
export interface PostableAlert {
  labels: Record<string, string>
  annotations: Record<string, string>
  startsAt: string
  endsAt?: string
  generatorURL: string
}

/**
 * The body for a real Alertmanager. A firing alert expires `validForMs` after the notice unless
 * re-posted (as Prometheus does), so a dead Glasshouse does not leave alerts firing for ever; a
 * resolved one carries its end.
 *
 * @example
 * postableAlerts(notice, 4 * 60_000) // [{ labels: { alertname: 'ComponentState', … }, endsAt: '…' }]
 */
export function postableAlerts(notice: AlertNotice, validForMs: number): PostableAlert[] {
  return notice.alerts.map((alert) => ({
    labels: alert.labels,
    annotations: alert.annotations,
    startsAt: alert.startsAt,
    endsAt: alert.status === 'firing' || alert.endsAt === ZERO_TIME ? new Date(notice.at + validForMs).toISOString() : alert.endsAt,
    generatorURL: alert.generatorURL,
  }))
}

/** Alertmanager's webhook payload, version "4". */
export interface AlertmanagerWebhookPayload {
  version: '4'
  groupKey: string
  truncatedAlerts: number
  status: 'firing' | 'resolved'
  receiver: string
  groupLabels: Record<string, string>
  commonLabels: Record<string, string>
  commonAnnotations: Record<string, string>
  externalURL: string
  alerts: AlertNotice['alerts']
}

/**
 * The version "4" webhook payload of a notice for `receiver`.
 *
 * @example
 * JSON.stringify(webhookPayload(notice, 'oncall'))
 */
export function webhookPayload(notice: AlertNotice, receiver: string): AlertmanagerWebhookPayload {
  const common = commonLabels(notice)
  return {
    version: '4',
    groupKey: notice.groupKey,
    truncatedAlerts: 0,
    status: notice.status,
    receiver,
    groupLabels: common,
    commonLabels: common,
    commonAnnotations: commonAnnotations(notice),
    externalURL: notice.externalURL,
    alerts: notice.alerts,
  }
}
