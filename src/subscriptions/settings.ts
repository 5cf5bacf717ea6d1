/**
 * What the subscription parts read at each use (so a config reload applies at once): the page's
 * name and public base URL, the e-mail settings, lifetimes and the SSRF guard of webhook targets.
 *
 * @module
 */
import type { SubscriptionsConfig } from '../config/index.js'
import { createSsrfGuard, type Resolver, type SsrfGuard } from '../net/index.js'
import type { EmailSettings } from './mailer.js'

/** The runtime settings of subscriptions. */
export interface SubscriptionSettings {
  enabled: boolean
  siteName: string
  /** The public base URL of links, no trailing slash. */
  baseUrl: string
  /** Undefined: e-mail subscriptions are off. */
  email: EmailSettings | undefined
  confirmTtl: number
  resendAfter: number
  reminderBefore: number
  rateLimit: { perMinute: number; burst: number }
  /** The guard every webhook target passes at creation and at every send. */
  guard: SsrfGuard
}

/**
 * Builds the settings of a `subscriptions:` section; `resolve` replaces DNS in tests.
 *
 * @example
 * subscriptionSettings(config.subscriptions, { siteName: 'Example Cloud', baseUrl: 'https://status.example.com' })
 */
export function subscriptionSettings(config: SubscriptionsConfig, site: { siteName: string; baseUrl: string }, resolve?: Resolver): SubscriptionSettings {
  const policy = { ...config.ssrf, allowHttp: config.allowHttpWebhooks }
  return {
    enabled: config.enabled,
    siteName: site.siteName,
    baseUrl: (config.publicUrl ?? site.baseUrl).replace(/\/+$/, ''),
    email: config.email,
    confirmTtl: config.confirmTtl,
    resendAfter: config.resendAfter,
    reminderBefore: config.reminderBefore,
    rateLimit: config.rateLimit,
    guard: resolve === undefined ? createSsrfGuard(policy) : createSsrfGuard(policy, resolve),
  }
}
