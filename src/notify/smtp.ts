/**
 * One message through SMTP with nodemailer: a connection of its own (a hung server holds no later
 * message), the outbox message id as `Message-ID` (the same on every redelivery), done only when
 * the server answered 250. Alert receivers and subscriber mails both send through it.
 *
 * @module
 */
import nodemailer from 'nodemailer'
import { SendError } from './http-post.js'

/** Where and how to deliver. */
export interface SmtpServer {
  host: string
  port: number
  /** TLS from the first byte (port 465); otherwise STARTTLS when offered. */
  secure: boolean
  requireTls: boolean
  user?: string | undefined
  password?: string | undefined
}

/** One message. */
export interface SmtpMessage {
  from: string
  to: string | readonly string[]
  subject: string
  text: string
  html?: string
  headers?: Record<string, string>
}

/**
 * Sends `message` with `Message-ID: <id@from-domain>`; rejects with a {@link SendError} carrying
 * the server's answer (the caller redacts it).
 *
 * @example
 * await sendSmtpMail({ host: 'mail.example.com', port: 587, secure: false, requireTls: true }, id, { from, to, subject, text }, 10_000)
 */
export async function sendSmtpMail(server: SmtpServer, id: string, message: SmtpMessage, timeoutMs: number): Promise<void> {
  const transport = nodemailer.createTransport({
    host: server.host,
    port: server.port,
    secure: server.secure,
    requireTLS: server.requireTls,
    ...(server.user ? { auth: { user: server.user, pass: server.password ?? '' } } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    logger: false,
  })
  const domain = message.from.split('@')[1] ?? 'glasshouse.invalid'
  try {
    await transport.sendMail({ ...message, to: typeof message.to === 'string' ? message.to : [...message.to], messageId: `<${id}@${domain}>` })
  } catch (error) {
    const code = (error as { responseCode?: number }).responseCode
    throw new SendError(`${code ? `SMTP ${code}: ` : ''}${error instanceof Error ? error.message : String(error)}`)
  } finally {
    transport.close()
  }
}
