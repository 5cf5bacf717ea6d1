/**
 * The outbox senders of subscriptions. The fan-out takes one event and queues one message per
 * subscriber that follows it, each with an id derived from (event, subscriber) — so a fan-out
 * redelivered after a crash queues nothing twice. The subscriber sender renders a message in its
 * subscriber's format at send time (the address and secrets never sit in the outbox) and sends
 * it: e-mail over SMTP, webhooks through the SSRF guard.
 *
 * @module
 */
import { loadPublicScope } from '../feeds/public-scope.js'
import { guardedRequest } from '../net/index.js'
import { redactSecrets, SendError, signedHeaders, type MessageSender } from '../notify/index.js'
import { derivedUuid, type OutboxMessage, type Store, type SubscriptionRow } from '../store/index.js'
import { CONFIRM_TOPIC, EVENT_TOPIC, FAN_OUT_RECEIVER, SubscriberEventSchema, wasAnnounced, type SubscriberEvent } from './events.js'
import { sendMail } from './mailer.js'
import { confirmationMail, eventMail, SUBSCRIPTION_PATHS, type SubscriberLinks } from './render-email.js'
import { matrixBody, slackBody, standardBody, teamsBody } from './render-webhooks.js'
import { follows, publicTargets } from './scope.js'
import type { SubscriptionSettings } from './settings.js'
import type { LinkTokens } from './tokens.js'
import type { RenderContext } from './wording.js'

/** Messages queued per INSERT by the fan-out. */
const FAN_OUT_CHUNK = 500

/** The receiver name of one subscriber's messages. */
export const SUBSCRIBER_PREFIX = 'subscriber:'

/** What the senders need. */
export interface DeliveryDeps {
  store: Store
  tokens: LinkTokens
  settings: () => SubscriptionSettings
  /** Names of the config `maintenance:` entries with `notify: false`, read at each fan-out; default none. */
  silentConfigWindows?: () => ReadonlySet<string>
}

/** The payload of one subscriber's event message. */
interface SubscriberPayload {
  event: SubscriberEvent
  names: Record<string, string>
}

function linksOf(row: SubscriptionRow, deps: DeliveryDeps): SubscriberLinks {
  const token = deps.tokens.manage(row.id)
  const base = deps.settings().baseUrl
  return { unsubscribe: `${base}${SUBSCRIPTION_PATHS.unsubscribe(token)}`, manage: `${base}${SUBSCRIPTION_PATHS.manage(token)}` }
}

/**
 * Whether the event is about a window of a config entry with `notify: false` (a single window or
 * one materialized from a recurring entry, which carries the entry's name): such windows tell
 * nobody, whichever job wrote them.
 */
async function isSilentConfigWindow(deps: DeliveryDeps, event: SubscriberEvent): Promise<boolean> {
  const silent = deps.silentConfigWindows?.()
  if (event.subject.type !== 'maintenance' || silent === undefined || silent.size === 0) return false
  const row = await deps.store.maintenance.get(event.subject.id)
  return row !== null && row.managed === 'config' && row.name !== null && silent.has(row.name)
}

function fanOut(deps: DeliveryDeps): MessageSender {
  return {
    async send(message, _timeoutMs, now) {
      if (!deps.settings().enabled) return
      const event = SubscriberEventSchema.parse(message.payload)
      // Reminder, start, completion and cancellation only follow an announcement: a silent window
      // (or a config entry removed before anyone was told of it) tells nobody anything.
      if (event.window !== null && event.kind !== 'maintenance.announced' && !(await wasAnnounced(deps.store, { id: event.subject.id, start: event.window.start }))) return
      if (await isSilentConfigWindow(deps, event)) return
      const scope = await loadPublicScope(deps.store)
      const targets = publicTargets(event, scope)
      if (targets === null) return
      const names = Object.fromEntries([...scope.components.values()].map((component) => [component.name, component.displayName]))
      const payload: SubscriberPayload = { event: { ...event, targets }, names }
      const followers = (await deps.store.subscriptions.active()).filter((row) => follows(row, targets, scope.locationsOf))
      const messages = followers.map((row) => ({ id: derivedUuid('glasshouse:subscriber-message:', `${event.id}:${row.id}`), receiver: `${SUBSCRIBER_PREFIX}${row.id}`, topic: EVENT_TOPIC, payload }))
      // Chunks keep each INSERT under the databases' bound-parameter limits; a crash between two
      // chunks is repaired by the redelivered fan-out (same ids).
      for (let start = 0; start < messages.length; start += FAN_OUT_CHUNK) await deps.store.outbox.enqueue(messages.slice(start, start + FAN_OUT_CHUNK), now)
    },
  }
}

async function deliverEvent(row: SubscriptionRow, message: OutboxMessage, payload: SubscriberPayload, deps: DeliveryDeps, timeoutMs: number, now: number): Promise<void> {
  const settings = deps.settings()
  const context: RenderContext = { siteName: settings.siteName, baseUrl: settings.baseUrl, names: payload.names }
  const event = payload.event
  const post = (url: string, body: object, headers: Record<string, string> = {}, method: 'POST' | 'PUT' = 'POST') =>
    guardedRequest(settings.guard, url, { method, body: JSON.stringify(body), headers: { 'user-agent': 'glasshouse-subscriptions', ...headers }, timeoutMs })
  switch (row.format) {
    case 'email': {
      if (settings.email === undefined) throw new Error('e-mail subscriptions are not configured (subscriptions.email)')
      await sendMail(settings.email, message.id, row.address!, eventMail(event, context, linksOf(row, deps)), timeoutMs)
      return
    }
    case 'standard': {
      const body = JSON.stringify(standardBody(event, context))
      const headers = signedHeaders(row.secret!, message.id, Math.floor(now / 1000), body)
      await guardedRequest(settings.guard, row.target!, { method: 'POST', body, headers: { 'user-agent': 'glasshouse-subscriptions', ...headers }, timeoutMs })
      return
    }
    case 'slack':
      await post(row.target!, slackBody(event, context))
      return
    case 'teams':
      await post(row.target!, teamsBody(event, context))
      return
    case 'matrix': {
      const url = `${row.target!.replace(/\/+$/, '')}/_matrix/client/v3/rooms/${encodeURIComponent(row.roomId!)}/send/m.room.message/${encodeURIComponent(message.id)}`
      await post(url, matrixBody(event, context), { authorization: `Bearer ${row.secret!}` }, 'PUT')
      return
    }
  }
}

async function deliverConfirmation(row: SubscriptionRow, message: OutboxMessage, deps: DeliveryDeps, timeoutMs: number): Promise<void> {
  const { issuedAt } = message.payload as { issuedAt: number }
  // Confirmed meanwhile, or superseded by a newer confirmation mail: nothing to send.
  if (row.confirmedAt !== null || row.confirmSentAt !== issuedAt) return
  const settings = deps.settings()
  if (settings.email === undefined) throw new Error('e-mail subscriptions are not configured (subscriptions.email)')
  const confirmUrl = `${settings.baseUrl}${SUBSCRIPTION_PATHS.confirm(deps.tokens.confirm(row.id, issuedAt))}`
  const hours = Math.round(settings.confirmTtl / 3_600_000)
  const mail = confirmationMail(settings, confirmUrl, linksOf(row, deps), hours >= 1 ? `${hours} hours` : `${Math.round(settings.confirmTtl / 60_000)} minutes`)
  await sendMail(settings.email, message.id, row.address!, mail, timeoutMs)
}

function subscriberSender(id: string, deps: DeliveryDeps): MessageSender {
  return {
    async send(message, timeoutMs, now) {
      const row = await deps.store.subscriptions.get(id)
      // Unsubscribed or deleted since the message was queued: nothing to send.
      if (row === null) return
      if (row.kind === 'email' && message.topic === EVENT_TOPIC && row.confirmedAt === null) return
      try {
        if (message.topic === CONFIRM_TOPIC) await deliverConfirmation(row, message, deps, timeoutMs)
        else await deliverEvent(row, message, message.payload as SubscriberPayload, deps, timeoutMs, now)
      } catch (error) {
        // Servers may echo the address lower-cased in a refusal.
        const secrets = [row.secret, row.address, row.address?.toLowerCase() ?? null, row.target].filter((value): value is string => value !== null)
        throw new SendError(redactSecrets(error instanceof Error ? error.message : String(error), secrets))
      }
    },
  }
}

/**
 * The resolver the outbox worker asks for receivers it has no configured sender for: the fan-out
 * ({@link FAN_OUT_RECEIVER}) and every `subscriber:<id>`.
 *
 * @example
 * createOutboxWorker({ …, resolve: subscriberResolver({ store, tokens, settings: () => settings }) })
 */
export function subscriberResolver(deps: DeliveryDeps): (receiver: string) => MessageSender | undefined {
  const fan = fanOut(deps)
  return (receiver) => {
    if (receiver === FAN_OUT_RECEIVER) return fan
    if (receiver.startsWith(SUBSCRIBER_PREFIX)) return subscriberSender(receiver.slice(SUBSCRIBER_PREFIX.length), deps)
    return undefined
  }
}
