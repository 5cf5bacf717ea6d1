/**
 * Alert notices as e-mail through nodemailer: plain text, one `Message-ID` per outbox message (the
 * same on every redelivery), sent only when the server answered 250 to the message.
 *
 * @module
 */
import nodemailer from 'nodemailer'
import type { ReceiverConfig } from '../config/index.js'
import { SendError } from './http-post.js'
import type { AlertNotice } from './notice.js'

type EmailReceiver = Extract<ReceiverConfig, { kind: 'email' }>

/** The subject and text of a notice. */
export function renderEmail(notice: AlertNotice): { subject: string; text: string } {
  const first = notice.alerts[0]!
  const name = first.labels.alertname ?? 'alert'
  const summary = first.annotations.summary ?? Object.entries(first.labels).map(([key, value]) => `${key}=${value}`).join(' ')
  const subject = `[${notice.status.toUpperCase()}${notice.alerts.length > 1 ? `:${notice.alerts.length}` : ''}] ${name}: ${summary}`
  const blocks = notice.alerts.map((alert) =>
    [
      `${alert.status.toUpperCase()} since ${alert.startsAt}${alert.status === 'resolved' ? `, resolved ${alert.endsAt}` : ''}`,
      ...Object.entries(alert.annotations).map(([key, value]) => `${key}: ${value}`),
      `labels: ${Object.entries(alert.labels).map(([key, value]) => `${key}=${value}`).join(', ')}`,
      alert.generatorURL ? `details: ${alert.generatorURL}` : '',
    ]
      .filter((line) => line !== '')
      .join('\n'),
  )
  return { subject, text: `${blocks.join('\n\n')}\n\n-- \nGlasshouse (group ${notice.groupKey})\n` }
}

/** A mail sender for one receiver. */
export interface EmailSender {
  send(id: string, notice: AlertNotice, timeoutMs: number): Promise<void>
}

/**
 * Creates the SMTP transport of `receiver` (pooled connections are not used: one message, one
 * connection, so a hung server cannot hold later messages).
 *
 * @example
 * const mail = emailSender(receiver)
 * await mail.send(message.id, notice, 10_000)
 */
export function emailSender(receiver: EmailReceiver): EmailSender {
  const domain = receiver.from.split('@')[1] ?? 'glasshouse.invalid'
  function transport(timeoutMs: number) {
    return nodemailer.createTransport({
      host: receiver.host,
      port: receiver.port,
      secure: receiver.secure,
      requireTLS: receiver.requireTls,
      ...(receiver.user ? { auth: { user: receiver.user, pass: receiver.password ?? '' } } : {}),
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
      logger: false,
    })
  }
  return {
    async send(id, notice, timeoutMs) {
      const mailer = transport(timeoutMs)
      const { subject, text } = renderEmail(notice)
      try {
        await mailer.sendMail({ from: receiver.from, to: receiver.to, subject, text, messageId: `<${id}@${domain}>`, headers: { 'X-Glasshouse-Group': notice.groupKey } })
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode
        throw new SendError(`${code ? `SMTP ${code}: ` : ''}${error instanceof Error ? error.message : String(error)}`)
      } finally {
        mailer.close()
      }
    },
  }
}
