/**
 * Notifications: the outbox worker (at least once, stable ids, retries with backoff and jitter,
 * dead letters), the receivers (Alertmanager API and webhook format, e-mail, Standard Webhooks),
 * the dead-man's-switch heartbeat and their self-monitoring.
 *
 * @module
 */
export { postableAlerts, webhookPayload, type AlertmanagerWebhookPayload, type PostableAlert } from './alertmanager.js'
export { renderEmail } from './email.js'
export { SendError } from './http-post.js'
export { createHeartbeat, type Heartbeat, type HeartbeatOptions } from './heartbeat.js'
export { registerNotifyMetrics, type NotifyMetrics } from './metrics.js'
export { ALERT_TOPICS, AlertNoticeSchema, parseNotice, ZERO_TIME, type AlertNotice, type NoticeAlert } from './notice.js'
export { createSender, type Sender } from './receivers.js'
export { receiverSecrets, redactSecrets } from './secrets.js'
export { signedHeaders, verifySignature } from './signing.js'
export { createOutboxWorker, retryDelay, type MessageSender, type DeliveryPass, type DeliverySettings, type OutboxWorker, type OutboxWorkerOptions } from './worker.js'
