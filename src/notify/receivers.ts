/**
 * One sender per configured receiver: renders an outbox message for it and resolves only when the
 * receiver acknowledged (HTTP 2xx, SMTP 250). Every failure comes back as a redacted message.
 *
 * @module
 */
import type { ReceiverConfig } from '../config/index.js'
import type { OutboxMessage } from '../store/index.js'
import { postableAlerts, webhookPayload } from './alertmanager.js'
import { emailSender } from './email.js'
import { postJson, SendError } from './http-post.js'
import { parseNotice } from './notice.js'
import { receiverSecrets, redactSecrets } from './secrets.js'
import { signedHeaders } from './signing.js'
import { createSsrfGuard, guardedRequest } from '../net/index.js'

/** Sends outbox messages to one receiver. */
export interface Sender {
  readonly receiver: ReceiverConfig
  /** Every secret of the receiver, for redaction. */
  readonly secrets: readonly string[]
  /** Resolves when acknowledged; throws {@link SendError} with a redacted message otherwise. */
  send(message: OutboxMessage, timeoutMs: number, now: number): Promise<void>
}

/** How long Alertmanager keeps a firing alert that is not re-posted: 4 × the re-post interval, like Prometheus. */
const VALID_FOR_REPEATS = 4

function render(receiver: ReceiverConfig): (message: OutboxMessage, timeoutMs: number, now: number) => Promise<void> {
  switch (receiver.kind) {
    case 'alertmanager': {
      const url = new URL('api/v2/alerts', receiver.url.endsWith('/') ? receiver.url : `${receiver.url}/`).toString()
      return (message, timeoutMs) => {
        const body = JSON.stringify(postableAlerts(parseNotice(message.payload), VALID_FOR_REPEATS * receiver.repeatInterval))
        return postJson(url, body, receiver.headers, timeoutMs)
      }
    }
    case 'alertmanager-webhook':
      return (message, timeoutMs) => postJson(receiver.url, JSON.stringify(webhookPayload(parseNotice(message.payload), receiver.name)), { 'webhook-id': message.id, ...receiver.headers }, timeoutMs)
    case 'webhook': {
      const guard = receiver.ssrf === undefined ? null : createSsrfGuard(receiver.ssrf)
      return async (message, timeoutMs, now) => {
        const body = JSON.stringify({ type: message.topic, id: message.id, data: parseNotice(message.payload) })
        const headers = { ...receiver.headers, ...signedHeaders(receiver.secret, message.id, Math.floor(now / 1000), body) }
        if (guard === null) return postJson(receiver.url, body, headers, timeoutMs)
        await guardedRequest(guard, receiver.url, { body, headers: { 'user-agent': 'glasshouse-notify', ...headers }, timeoutMs })
      }
    }
    case 'email': {
      const mail = emailSender(receiver)
      return (message, timeoutMs) => mail.send(message.id, parseNotice(message.payload), timeoutMs)
    }
  }
}

/**
 * Builds the sender of `receiver`.
 *
 * @example
 * const sender = createSender(config.alerts.receivers[0]!)
 * await sender.send(message, 10_000, Date.now())
 */
export function createSender(receiver: ReceiverConfig): Sender {
  const secrets = receiverSecrets(receiver)
  const deliver = render(receiver)
  return {
    receiver,
    secrets,
    async send(message, timeoutMs, now) {
      try {
        await deliver(message, timeoutMs, now)
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error)
        throw new SendError(redactSecrets(text, secrets))
      }
    },
  }
}
