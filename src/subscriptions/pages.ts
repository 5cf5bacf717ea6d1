/**
 * The public subscription pages as small server-rendered HTML documents (no script): the form,
 * the "check your mail" answer, confirm, unsubscribe and manage pages, and error pages. Forms post
 * back to the same link; a GET never changes anything (mail scanners follow links).
 *
 * @module
 */
import { escapeHtml } from '../web/markdown.js'
import type { SubscriptionRow } from '../store/index.js'

/** An HTML page with its status. */
export interface Page {
  status: 200 | 202 | 400 | 404 | 410 | 422 | 429
  html: string
}

function page(title: string, body: string, status: Page['status'] = 200): Page {
  const html = [
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">',
    '<meta name="robots" content="noindex">',
    `<title>${escapeHtml(title)}</title>`,
    '<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}fieldset{margin:1rem 0}button{padding:.4rem 1rem}</style>',
    `</head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`,
  ].join('\n')
  return { status, html }
}

const FEEDS =
  '<a href="/feed.atom">Atom</a> · <a href="/feed.rss">RSS</a> · <a href="/feed.json">JSON Feed</a> · <a href="/maintenance.ics">maintenance calendar (iCal)</a>'

/** Where `/subscribe` points when e-mail subscriptions are not configured: the feeds, which need no address. */
export function feedsOnlyPage(siteName: string): Page {
  return page(`Updates from ${siteName}`, `<p>E-mail subscriptions are not offered here. Every event is in the feeds: ${FEEDS}</p>`)
}

/** The subscribe form with the public components and locations to choose from. */
export function formPage(siteName: string, components: readonly { name: string; displayName: string }[], locations: readonly string[]): Page {
  const boxes = (name: string, items: readonly { value: string; label: string }[]) =>
    items.map((item) => `<label><input type="checkbox" name="${name}" value="${escapeHtml(item.value)}"> ${escapeHtml(item.label)}</label><br>`).join('\n')
  return page(
    `Subscribe to ${siteName}`,
    [
      '<form method="post" action="/subscribe">',
      '<p><label>E-mail address <input type="email" name="address" required maxlength="254" autocomplete="email"></label></p>',
      '<p>Nothing chosen below: you hear about everything.</p>',
      `<fieldset><legend>Components</legend>${boxes('components', components.map((component) => ({ value: component.name, label: component.displayName })))}</fieldset>`,
      `<fieldset><legend>Locations</legend>${boxes('locations', locations.map((location) => ({ value: location, label: location })))}</fieldset>`,
      '<p>We send one mail to confirm the address; nothing else until you confirm. Every mail has a one-click unsubscribe link.</p>',
      '<p><button type="submit">Subscribe</button></p>',
      '</form>',
      `<p>Without an address: ${FEEDS}</p>`,
    ].join('\n'),
  )
}

/** The answer to a subscribe: the same whether the address was new, pending or confirmed. */
export function checkMailPage(): Page {
  return page('Check your mail', '<p>If the address can receive mail, a confirmation link is on its way. Nothing more is sent until it is used.</p>', 202)
}

/** A page with one button that posts back to `action`. */
export function buttonPage(title: string, text: string, action: string, button: string): Page {
  return page(title, `<p>${escapeHtml(text)}</p><form method="post" action="${escapeHtml(action)}"><button type="submit">${escapeHtml(button)}</button></form>`)
}

/** What is stored about a subscriber, and the delete button. */
export function managePage(row: SubscriptionRow, action: string): Page {
  const scope = row.components.length + row.locations.length === 0 ? 'everything' : [...row.components, ...row.locations].join(', ')
  const items = [
    ['Address', row.address ?? ''],
    ['Follows', scope],
    ['Subscribed', new Date(row.createdAt).toISOString()],
    ['Confirmed (consent)', row.consentAt === null ? 'not yet' : new Date(row.consentAt).toISOString()],
  ]
  return page(
    'Your subscription',
    `<dl>${items.map(([term, value]) => `<dt>${escapeHtml(term!)}</dt><dd>${escapeHtml(value!)}</dd>`).join('')}</dl>` +
      `<form method="post" action="${escapeHtml(action)}"><button type="submit">Unsubscribe and delete my data</button></form>`,
  )
}

/** A plain message page. */
export function messagePage(title: string, text: string, status: Page['status'] = 200): Page {
  return page(title, `<p>${escapeHtml(text)}</p>`, status)
}
