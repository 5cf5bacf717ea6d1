/**
 * Alert notices as e-mail: plain text through {@link sendSmtpMail}.
 *
 * @module
 */
import type { ReceiverConfig } from '../config/index.js'
import { sendSmtpMail } from './smtp.js'
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
 * The sender of `receiver`: plain-text notices, one connection per message.
 *
 * @example
 * const mail = emailSender(receiver)
 * await mail.send(message.id, notice, 10_000)
 */
export function emailSender(receiver: EmailReceiver): EmailSender {
  return {
    async send(id, notice, timeoutMs) {
      const { subject, text } = renderEmail(notice)
      await sendSmtpMail(receiver, id, { from: receiver.from, to: receiver.to, subject, text, headers: { 'X-Glasshouse-Group': notice.groupKey } }, timeoutMs)
    },
  }
}
