/**
 * Sending one subscriber mail through nodemailer: one connection per message (a hung server holds
 * no later message), the outbox message id as `Message-ID` (the same on every redelivery), done
 * only when the server answered 250.
 *
 * @module
 */
import nodemailer from 'nodemailer'
import type { SubscriptionsConfig } from '../config/index.js'
import type { RenderedMail } from './render-email.js'

/** The `subscriptions.email` settings. */
export type EmailSettings = NonNullable<SubscriptionsConfig['email']>

/**
 * Sends `mail` to `to`; rejects with the server's answer (the caller redacts it).
 *
 * @example
 * await sendMail(settings, message.id, 'ops@example.com', mail, 10_000)
 */
export async function sendMail(settings: EmailSettings, id: string, to: string, mail: RenderedMail, timeoutMs: number): Promise<void> {
  const { smtp } = settings
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    requireTLS: smtp.requireTls,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    logger: false,
  })
  const domain = settings.from.split('@')[1] ?? 'glasshouse.invalid'
  try {
    await transport.sendMail({ from: settings.from, to, subject: mail.subject, text: mail.text, html: mail.html, headers: mail.headers, messageId: `<${id}@${domain}>` })
  } catch (error) {
    const code = (error as { responseCode?: number }).responseCode
    throw new Error(`${code ? `SMTP ${code}: ` : ''}${error instanceof Error ? error.message : String(error)}`)
  } finally {
    transport.close()
  }
}
