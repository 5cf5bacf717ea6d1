/**
 * The public subscription pages (no sign-in): `GET/POST /subscribe`, and per link token
 * `…/confirm/{token}`, `…/unsubscribe/{token}` (a POST is RFC 8058's one-click unsubscribe) and
 * `…/manage/{token}`. A GET only shows; a POST acts. Subscribing and confirming are rate-limited
 * per client address (they send or change something); unsubscribing is not — mail providers post
 * one-click unsubscribes for many users from few addresses, and a 256-bit token cannot be guessed.
 *
 * @module
 */
import type { Context, Hono } from 'hono'
import type { Clock } from '../core/index.js'
import { loadPublicScope } from '../feeds/public-scope.js'
import type { Store } from '../store/index.js'
import type { ProxyTrust } from '../web/public-url.js'
import { clientRateLimit } from './client-limit.js'
import { SubscriptionError } from './errors.js'
import { buttonPage, checkMailPage, feedsOnlyPage, formPage, managePage, messagePage, type Page } from './pages.js'
import { SUBSCRIPTION_PATHS } from './render-email.js'
import type { SubscriptionService } from './service.js'
import type { SubscriptionSettings } from './settings.js'

/** What the public pages need. */
export interface PublicRoutesDeps {
  store: Store
  clock: Clock
  service: SubscriptionService
  settings: () => SubscriptionSettings
  /** The trusted proxies of `page.trustedProxies`, read at each request. */
  trust: () => ProxyTrust
}

function send(c: Context, shown: Page): Response {
  return c.html(shown.html, shown.status, { 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' })
}

function failure(c: Context, error: unknown): Response {
  if (!(error instanceof SubscriptionError)) throw error
  return send(c, messagePage(error.title, error.message, error.status))
}

const strings = (value: string | File | (string | File)[] | undefined): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((item): item is string => typeof item === 'string')

/**
 * Registers the pages on `app` (only while e-mail subscriptions are configured: otherwise 404,
 * except the form's address, which then points to the feeds).
 *
 * @example
 * registerPublicSubscriptionRoutes(app, { store, clock, service, settings, trust })
 */
export function registerPublicSubscriptionRoutes(app: Hono, deps: PublicRoutesDeps): void {
  const limited = clientRateLimit(() => deps.settings().rateLimit, deps.trust, deps.clock, (c, seconds) =>
    send(c, messagePage('Too many requests', `Please try again in ${seconds} seconds.`, 429)),
  )
  const offered = async (c: Context, next: () => Promise<void>) => {
    const settings = deps.settings()
    if (!settings.enabled || settings.email === undefined) return send(c, messagePage('Not found', 'E-mail subscriptions are not offered here.', 404))
    return next()
  }
  const token = (c: Context) => c.req.param('token') ?? ''

  app.get(SUBSCRIPTION_PATHS.form, async (c) => {
    const settings = deps.settings()
    if (!settings.enabled || settings.email === undefined) return send(c, feedsOnlyPage(settings.siteName))
    const scope = await loadPublicScope(deps.store)
    return send(c, formPage(deps.settings().siteName, [...scope.components.values()], scope.locations))
  })
  app.post(SUBSCRIPTION_PATHS.form, offered, limited, async (c) => {
    const form = await c.req.parseBody({ all: true }).catch(() => null)
    if (form === null) return send(c, messagePage('Bad request', 'expected a form (application/x-www-form-urlencoded)', 400))
    const [address = ''] = strings(form.address)
    try {
      await deps.service.subscribeEmail(address, { components: strings(form.components), locations: strings(form.locations) })
    } catch (error) {
      return failure(c, error)
    }
    return send(c, checkMailPage())
  })

  app.get(SUBSCRIPTION_PATHS.confirm(':token'), offered, limited, (c) =>
    send(c, buttonPage('Confirm your subscription', 'Press the button to start receiving status notices.', SUBSCRIPTION_PATHS.confirm(token(c)), 'Confirm')),
  )
  app.post(SUBSCRIPTION_PATHS.confirm(':token'), offered, limited, async (c) => {
    try {
      await deps.service.confirm(token(c))
    } catch (error) {
      return failure(c, error)
    }
    return send(c, messagePage('Subscribed', 'Your subscription is confirmed. Every mail carries a link to unsubscribe.'))
  })

  app.get(SUBSCRIPTION_PATHS.unsubscribe(':token'), async (c) => {
    try {
      await deps.service.byManageToken(token(c))
    } catch (error) {
      return failure(c, error)
    }
    return send(c, buttonPage('Unsubscribe', 'Press the button to unsubscribe; your address is deleted.', SUBSCRIPTION_PATHS.unsubscribe(token(c)), 'Unsubscribe'))
  })
  app.post(SUBSCRIPTION_PATHS.unsubscribe(':token'), async (c) => {
    try {
      await deps.service.unsubscribe(token(c))
    } catch (error) {
      return failure(c, error)
    }
    return send(c, messagePage('Unsubscribed', 'You are unsubscribed, and nothing about you is kept.'))
  })

  app.get(SUBSCRIPTION_PATHS.manage(':token'), async (c) => {
    try {
      return send(c, managePage(await deps.service.byManageToken(token(c)), SUBSCRIPTION_PATHS.unsubscribe(token(c))))
    } catch (error) {
      return failure(c, error)
    }
  })
}
