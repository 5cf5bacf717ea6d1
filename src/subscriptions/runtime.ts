/**
 * Subscriptions in a running Glasshouse, from one config: the outbox resolver (fan-out and
 * per-subscriber senders), the service (the v1 API's `/subscriptions` routes use it), the public
 * pages, and the maintenance job.
 * `src/main.ts` builds it once; `reload` applies a changed config.
 *
 * @module
 */
import type { Hono } from 'hono'
import type { Config, PageConfig } from '../config/index.js'
import type { Clock } from '../core/index.js'
import type { MessageSender } from '../notify/index.js'
import type { Resolver } from '../net/index.js'
import type { Store } from '../store/index.js'
import { trustedProxies, type ProxyTrust } from '../web/public-url.js'
import { subscriberResolver } from './delivery.js'
import { createMaintenanceJob, type MaintenanceJob } from './maintenance-job.js'
import { registerPublicSubscriptionRoutes } from './public-routes.js'
import { createSubscriptionService, type SubscriptionService } from './service.js'
import { subscriptionSettings, type SubscriptionSettings } from './settings.js'
import { linkTokens, loadLinkKey } from './tokens.js'

/** What {@link createSubscriptions} needs. */
export interface SubscriptionsOptions {
  config: Config
  store: Store
  clock: Clock
  log: { error(object: object, message?: string): void }
  /** Replaces DNS for the SSRF guard (tests). */
  resolve?: Resolver
  /** Wakes the outbox worker after the maintenance job queued events. */
  onQueued?: () => void
}

/** Subscriptions in a running Glasshouse. */
export interface SubscriptionsRuntime {
  /** For the outbox worker: senders of `subscriptions` and `subscriber:<id>`. */
  resolve(receiver: string): MessageSender | undefined
  service: SubscriptionService
  settings(): SubscriptionSettings
  /** Registers the public pages on the root app (`/api/v1/subscriptions` is in the v1 API, fed by {@link SubscriptionsRuntime.service}). */
  register(app: Hono): void
  /** The maintenance reminder job (started by {@link SubscriptionsRuntime.start}; idle while disabled). */
  job: MaintenanceJob
  start(): void
  reload(config: Config): void
  stop(): Promise<void>
}

function siteOf(config: Config): { siteName: string; baseUrl: string } {
  const base = config.page.publicUrl ?? config.server.publicUrl ?? `http://${config.server.listen}`
  return { siteName: config.page.name ?? config.server.title, baseUrl: base }
}

/**
 * The config `maintenance:` entries that tell subscribers nothing: those with `notify: false`, and
 * those that were silent before and are no longer declared (their removal cancels windows nobody
 * was told of, queued by the reload that removed them).
 */
function silentNames(config: Config, before: ReadonlySet<string>): ReadonlySet<string> {
  const declared = new Set(config.maintenance.map((entry) => entry.name))
  return new Set([...[...before].filter((name) => !declared.has(name)), ...config.maintenance.filter((entry) => !entry.notify).map((entry) => entry.name)])
}

/**
 * Builds the runtime.
 *
 * @example
 * const subscriptions = createSubscriptions({ config, store, clock, log })
 * startAlerts({ …, resolve: subscriptions.resolve })
 * subscriptions.start()
 */
export function createSubscriptions(options: SubscriptionsOptions): SubscriptionsRuntime {
  const { store, clock } = options
  let config = options.config
  let settings = subscriptionSettings(config.subscriptions, siteOf(config), options.resolve)
  const tokens = linkTokens(loadLinkKey(config.subscriptions.linkKey, config.storage.dataDir))
  const current = () => settings
  let silent = silentNames(config, new Set())
  const resolve = subscriberResolver({ store, tokens, settings: current, silentConfigWindows: () => silent })
  const service = createSubscriptionService({ store, clock, tokens, settings: current })
  let trust: { page: PageConfig; check: ProxyTrust } | null = null
  const trustOf = () => {
    if (trust?.page !== config.page) trust = { page: config.page, check: trustedProxies(config.page.trustedProxies) }
    return trust.check
  }
  const job = createMaintenanceJob({
    store, clock, log: options.log, reminderBefore: () => settings.reminderBefore, everyMs: config.subscriptions.every, active: () => settings.enabled,
    ...(options.onQueued === undefined ? {} : { onQueued: options.onQueued }),
  })
  return {
    resolve,
    service,
    settings: current,
    register(app) {
      registerPublicSubscriptionRoutes(app, { store, clock, service, settings: current, trust: trustOf })
    },
    job,
    start: () => job.start(),
    reload(next) {
      config = next
      silent = silentNames(next, silent)
      settings = subscriptionSettings(next.subscriptions, siteOf(next), options.resolve)
    },
    stop: () => job.stop(),
  }
}
