/**
 * Subscriber mails: the confirmation of a subscription (double opt-in) and the notice of an
 * event, each as plain text and simple HTML with the unsubscribe and manage links in the footer
 * (and in `List-Unsubscribe` for one-click unsubscribe, RFC 8058).
 *
 * @module
 */
import { escapeHtml } from '../web/markdown.js'
import type { SubscriberEvent } from './events.js'
import { plainLines, subjectOf, type RenderContext } from './wording.js'

/** A rendered mail. */
export interface RenderedMail {
  subject: string
  text: string
  html: string
  headers: Record<string, string>
}

/** The links of one subscriber. */
export interface SubscriberLinks {
  unsubscribe: string
  manage: string
}

/** The paths of the public subscription pages. */
export const SUBSCRIPTION_PATHS = {
  form: '/subscribe',
  confirm: (token: string) => `/subscriptions/confirm/${token}`,
  unsubscribe: (token: string) => `/subscriptions/unsubscribe/${token}`,
  manage: (token: string) => `/subscriptions/manage/${token}`,
} as const

function html(lines: readonly string[], footer: readonly string[]): string {
  const [head = '', ...rest] = lines
  return [
    '<!doctype html><html><body style="font-family:sans-serif">',
    `<p><strong>${escapeHtml(head)}</strong></p>`,
    ...rest.map((line) => `<p>${escapeHtml(line).replace(/(https?:\/\/\S+)/g, '<a href="$1">$1</a>')}</p>`),
    `<hr><p style="font-size:small;color:#555">${footer.map((line) => escapeHtml(line).replace(/(https?:\/\/\S+)/g, '<a href="$1">$1</a>')).join('<br>')}</p>`,
    '</body></html>',
  ].join('\n')
}

/**
 * The notice of `event` for one subscriber.
 *
 * @example
 * const mail = eventMail(event, context, { unsubscribe, manage })
 * mail.headers['List-Unsubscribe-Post'] // 'List-Unsubscribe=One-Click'
 */
export function eventMail(event: SubscriberEvent, context: RenderContext, links: SubscriberLinks): RenderedMail {
  const lines = plainLines(event, context)
  const footer = [`You receive this because you subscribed to ${context.siteName}.`, `Unsubscribe: ${links.unsubscribe}`, `Manage or delete your data: ${links.manage}`]
  return {
    subject: subjectOf(event, context),
    text: `${lines.join('\n\n')}\n\n-- \n${footer.join('\n')}\n`,
    html: html(lines, footer),
    headers: { 'List-Unsubscribe': `<${links.unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  }
}

/**
 * The confirmation mail of a new subscription: nothing else is sent until its link is used.
 *
 * @example
 * confirmationMail(context, confirmUrl, links, '48 hours')
 */
export function confirmationMail(context: Pick<RenderContext, 'siteName'>, confirmUrl: string, links: SubscriberLinks, validFor: string): RenderedMail {
  const lines = [
    `Please confirm your subscription to ${context.siteName}`,
    `Open this link to start receiving status notices: ${confirmUrl}`,
    `The link works for ${validFor}. If you did not ask for this, ignore this mail: nothing more will be sent.`,
  ]
  const footer = [`Delete this request now: ${links.unsubscribe}`]
  return {
    subject: `[${context.siteName}] Confirm your subscription`,
    text: `${lines.join('\n\n')}\n\n-- \n${footer.join('\n')}\n`,
    html: html(lines, footer),
    headers: { 'List-Unsubscribe': `<${links.unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  }
}
