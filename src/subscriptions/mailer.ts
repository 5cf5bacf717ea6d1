/**
 * Sending one subscriber mail: the rendered mail from the configured sender, through the SMTP
 * path alert mails take too ({@link sendSmtpMail}: a connection per message, the outbox message
 * id as `Message-ID`, done only on 250).
 *
 * @module
 */
import type { SubscriptionsConfig } from '../config/index.js'
import { sendSmtpMail } from '../notify/smtp.js'
import type { RenderedMail } from './render-email.js'

/** The `subscriptions.email` settings. */
export type EmailSettings = NonNullable<SubscriptionsConfig['email']>

/**
 * Sends `mail` to `to`; rejects with the server's answer (the caller redacts it).
 *
 * @example
 * await sendMail(settings, message.id, 'ops@example.com', mail, 10_000)
 */
export function sendMail(settings: EmailSettings, id: string, to: string, mail: RenderedMail, timeoutMs: number): Promise<void> {
  return sendSmtpMail(settings.smtp, id, { from: settings.from, to, ...mail }, timeoutMs)
}
