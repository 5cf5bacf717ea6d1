/**
 * Subscriptions of the public: e-mail with double opt-in and webhooks in four formats (Standard
 * Webhooks, Slack-compatible, Microsoft Teams workflow, Matrix), fed by one durable outbox event
 * per notifying write, fanned out per subscriber, plus maintenance reminders, starts and
 * completions. See docs/subscriptions.md.
 *
 * @module
 */
export { CONFIRM_TOPIC, EVENT_KINDS, EVENT_TOPIC, eventId, eventMessage, FAN_OUT_RECEIVER, queueEvent, SubscriberEventSchema, targetsOfImpacts, windowEvent, type EventTarget, type SubscriberEvent, type SubscriberEventKind } from './events.js'
export { SUBSCRIBER_PREFIX, subscriberResolver, type DeliveryDeps } from './delivery.js'
export { createMaintenanceJob, LATE_LIMIT_MS, type MaintenanceJob, type MaintenanceJobOptions } from './maintenance-job.js'
export { createSubscriptionService, NewWebhookSchema, WebhookPatchSchema, type NewWebhook, type WebhookPatch, type SubscriptionScope, type SubscriptionService } from './service.js'
export { SubscriptionError } from './errors.js'
export { subscriptionSettings, type SubscriptionSettings } from './settings.js'
export { addressHash, linkTokens, loadLinkKey, LINK_KEY_FILE, sha256Hex, type LinkTokens } from './tokens.js'
export { confirmationMail, eventMail, SUBSCRIPTION_PATHS, type RenderedMail, type SubscriberLinks } from './render-email.js'
export { matrixBody, slackBody, standardBody, teamsBody } from './render-webhooks.js'
export { clientAddress } from './client-limit.js'
export { registerSubscriptionRoutes, subscriptionToApi, SUBSCRIPTIONS_API } from './api-routes.js'
export { createSubscriptions, type SubscriptionsOptions, type SubscriptionsRuntime } from './runtime.js'
export type { RenderContext } from './wording.js'
