/**
 * Support for the "audit entries for every write route" suite: the server app with e-mail
 * subscriptions on (test/subscriptions/support.ts), a cookie-keeping browser for the operator
 * forms, and a reader of the entries the chain gained since a position.
 *
 * @module
 */
import type { ChainedAuditEvent, Store } from '../../src/store/index.js'
import type { SubscriptionHarness } from '../subscriptions/support.js'

/** A cookie-keeping client of the app that posts forms with the page's CSRF token. */
export interface FormBrowser {
  get(path: string): Promise<Response>
  /** Posts `fields` with the `_csrf` of the page at `csrfFrom` (default `/operator`). */
  post(path: string, fields: Record<string, string | string[]>, csrfFrom?: string): Promise<Response>
  signIn(token: string): Promise<Response>
}

/**
 * A browser over `app`.
 *
 * @example
 * const browser = formBrowser(h.app); await browser.signIn(token)
 */
export function formBrowser(app: SubscriptionHarness['app']): FormBrowser {
  const cookies = new Map<string, string>()
  const env = { incoming: { socket: { remoteAddress: '127.0.0.1', remotePort: 40000, remoteFamily: 'IPv4' } } }
  const send = async (path: string, init: RequestInit) => {
    const cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ')
    const response = await app.request(`http://localhost${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), ...(cookie === '' ? {} : { cookie }) } }, env)
    for (const line of response.headers.getSetCookie()) {
      const [name = '', value = ''] = (line.split(';')[0] ?? '').split('=')
      if (/max-age=0/i.test(line) || value === '') cookies.delete(name)
      else cookies.set(name, value)
    }
    return response
  }
  const csrfOf = async (path: string) => {
    const match = /name="_csrf" value="([^"]+)"/.exec(await (await send(path, { method: 'GET' })).text())
    if (match === null) throw new Error(`no _csrf field on ${path}`)
    return match[1]!
  }
  const self: FormBrowser = {
    get: (path) => send(path, { method: 'GET' }),
    async post(path, fields, csrfFrom = '/operator') {
      const body = new URLSearchParams({ _csrf: await csrfOf(csrfFrom) })
      for (const [name, value] of Object.entries(fields)) for (const one of Array.isArray(value) ? value : [value]) body.append(name, one)
      return send(path, { method: 'POST', body: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    },
    signIn: (token) => self.post('/operator/sign-in', { token, next: '/operator' }, '/operator/sign-in'),
  }
  return self
}

/**
 * The entries after chain position `afterSeq`.
 *
 * @example
 * const entries = await entriesAfter(store, head.seq)
 */
export async function entriesAfter(store: Store, afterSeq: number): Promise<ChainedAuditEvent[]> {
  return store.audit.page({ afterSeq, limit: 1000 })
}

const unescape = (text: string) => text.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&')

/**
 * The fields a browser would submit with the first `<form method="post" action="{action}">` of
 * `html`, as the page filled them: inputs (checkboxes only when checked), textareas and the
 * selected option of each select. Without `_csrf` (the browser adds its own).
 *
 * @example
 * const fields = postedFields(await (await browser.get(path)).text(), path)
 */
export function postedFields(html: string, action: string): Record<string, string> {
  const start = html.indexOf(`action="${action}"`)
  if (start < 0) throw new Error(`no form posting to ${action}`)
  const form = html.slice(start, html.indexOf('</form>', start))
  const fields: Record<string, string> = {}
  for (const [tag] of form.matchAll(/<input\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(tag)?.[1]
    const type = /\btype="([^"]*)"/.exec(tag)?.[1] ?? 'text'
    if (name === undefined || name === '_csrf' || ['submit', 'button'].includes(type) || (['checkbox', 'radio'].includes(type) && !/\bchecked\b/.test(tag))) continue
    fields[name] = unescape(/\bvalue="([^"]*)"/.exec(tag)?.[1] ?? (type === 'checkbox' ? 'on' : ''))
  }
  for (const [, name, text] of form.matchAll(/<textarea\b[^>]*\bname="([^"]*)"[^>]*>([\s\S]*?)<\/textarea>/g)) fields[name!] = unescape(text!)
  for (const [, name, options] of form.matchAll(/<select\b[^>]*\bname="([^"]*)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const selected = /<option\b[^>]*\bvalue="([^"]*)"[^>]*\bselected\b/.exec(options!) ?? /<option\b[^>]*\bvalue="([^"]*)"/.exec(options!)
    if (selected !== null) fields[name!] = unescape(selected[1]!)
  }
  return fields
}
