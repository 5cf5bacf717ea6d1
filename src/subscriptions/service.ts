/**
 * The subscription service: e-mail subscribe (double opt-in: a confirmation mail through the
 * outbox, nothing else until it is confirmed), confirm, unsubscribe (the row is deleted: nothing
 * about the subscriber is kept), and webhook subscriptions created by operators (target checked by
 * the SSRF guard; the signing secret shown once). Every write records its audit entry (address
 * hash only, never the address or a secret) in the same transaction.
 *
 * @module
 */
import { randomBytes } from 'node:crypto'
import { z } from '@hono/zod-openapi'
import { SUBSCRIBER_ACTOR, subscriptionEntry } from '../audit/index.js'
import { newId, type Clock } from '../core/index.js'
import { loadPublicScope } from '../feeds/public-scope.js'
import { SsrfDeniedError } from '../net/index.js'
import type { Store, SubscriptionRow } from '../store/index.js'
import { SUBSCRIBER_PREFIX } from './delivery.js'
import { invalidInput, SubscriptionError, unknownLink } from './errors.js'
import { CONFIRM_TOPIC } from './events.js'
import type { SubscriptionSettings } from './settings.js'
import { addressHash, sha256Hex, type LinkTokens } from './tokens.js'

/** What {@link createSubscriptionService} needs. */
export interface SubscriptionServiceDeps {
  store: Store
  clock: Clock
  tokens: LinkTokens
  settings: () => SubscriptionSettings
}

/** What a subscriber follows; both empty: everything. */
export interface SubscriptionScope {
  components?: string[] | undefined
  locations?: string[] | undefined
}

/** A new webhook subscription. */
export const NewWebhookSchema = z.strictObject({
  format: z.enum(['standard', 'slack', 'teams', 'matrix']).default('standard'),
  name: z.string().trim().min(1).max(200).optional(),
  url: z.string().max(2_000),
  roomId: z.string().regex(/^![^:]+:.+$/, 'a Matrix room id such as !abc:example.org').optional(),
  accessToken: z.string().min(8).max(2_000).optional(),
  components: z.array(z.string()).max(500).default([]),
  locations: z.array(z.string()).max(500).default([]),
})
export type NewWebhook = z.input<typeof NewWebhookSchema>

/** A change of a webhook subscription; what is left out stays (the format and secrets never change). */
export const WebhookPatchSchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  url: z.string().max(2_000).optional(),
  components: z.array(z.string()).max(500).optional(),
  locations: z.array(z.string()).max(500).optional(),
})
export type WebhookPatch = z.input<typeof WebhookPatchSchema>

const AddressSchema = z.email({ error: 'expected an e-mail address such as ops@example.com' }).max(254)

/** The subscription service. */
export interface SubscriptionService {
  /** Starts an e-mail subscription (or renews its confirmation mail); answers the same whether the address was known. */
  subscribeEmail(address: string, scope: SubscriptionScope): Promise<void>
  /** Confirms with the token of a confirmation link. */
  confirm(token: string): Promise<SubscriptionRow>
  /** The subscriber of a manage or unsubscribe link. */
  byManageToken(token: string): Promise<SubscriptionRow>
  /** Deletes the subscriber of a manage or unsubscribe link (GDPR erasure: the row goes). */
  unsubscribe(token: string): Promise<void>
  /** Creates a webhook subscription; `secret` is the Standard Webhooks secret, shown only now. */
  createWebhook(input: NewWebhook, actor: string): Promise<{ row: SubscriptionRow; secret: string | null }>
  /** Changes a webhook subscription (a new URL passes the SSRF guard); null when there is no such webhook. */
  updateWebhook(id: string, patch: WebhookPatch, actor: string): Promise<SubscriptionRow | null>
  /** Deletes a subscription by id; false when none. */
  remove(id: string, actor: string): Promise<boolean>
}

async function checkScope(store: Store, scope: SubscriptionScope): Promise<{ components: string[]; locations: string[] }> {
  const publicScope = await loadPublicScope(store)
  const components = [...new Set(scope.components ?? [])].sort()
  const locations = [...new Set(scope.locations ?? [])].sort()
  const issues = [
    ...components.filter((name) => !publicScope.components.has(name)).map((name) => ({ path: 'components', message: `no public component "${name}"` })),
    ...locations.filter((name) => !publicScope.locations.includes(name)).map((name) => ({ path: 'locations', message: `no public location "${name}"` })),
  ]
  if (issues.length > 0) throw invalidInput(issues)
  return { components, locations }
}

function parse<T extends z.ZodType>(schema: T, value: unknown, path?: string): z.output<T> {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  throw invalidInput(parsed.error.issues.map((issue) => ({ path: path ?? (issue.path.map(String).join('.') || '(input)'), message: issue.message })))
}

/**
 * Builds the service.
 *
 * @example
 * const subscriptions = createSubscriptionService({ store, clock, tokens: linkTokens(key), settings: () => settings })
 * await subscriptions.subscribeEmail('ops@example.com', { components: ['compute'] })
 */
export function createSubscriptionService(deps: SubscriptionServiceDeps): SubscriptionService {
  const { store, clock, tokens } = deps
  const confirmation = (id: string, issuedAt: number) => ({
    id: newId(), receiver: `${SUBSCRIBER_PREFIX}${id}`, topic: CONFIRM_TOPIC, payload: { issuedAt },
  })
  const pendingFields = (id: string, now: number) => ({
    confirmTokenHash: sha256Hex(tokens.confirm(id, now)), confirmExpiresAt: now + deps.settings().confirmTtl, confirmSentAt: now, updatedAt: now,
  })
  const checkTarget = async (url: string) => {
    try {
      await deps.settings().guard.check(url)
    } catch (error) {
      if (error instanceof SsrfDeniedError) throw invalidInput([{ path: 'url', message: `refused: ${error.message}` }])
      throw error
    }
  }
  const byManage = async (token: string) => {
    const row = await store.subscriptions.byManageTokenHash(sha256Hex(token))
    if (row === null) throw unknownLink()
    return row
  }
  return {
    async subscribeEmail(rawAddress, rawScope) {
      const settings = deps.settings()
      if (settings.email === undefined) throw new SubscriptionError(404, 'not-offered', 'Not offered', 'e-mail subscriptions are not offered here')
      const address = parse(AddressSchema, rawAddress.trim(), 'address')
      const scope = await checkScope(store, rawScope)
      const now = clock.now()
      const existing = await store.subscriptions.byAddressHash(addressHash(address))
      if (existing !== null) {
        if (existing.confirmedAt !== null) return
        if (existing.confirmSentAt !== null && now - existing.confirmSentAt < settings.resendAfter) return
        const renewal = { ...scope, ...pendingFields(existing.id, now) }
        const entry = subscriptionEntry('subscription.renew', SUBSCRIBER_ACTOR, now, existing.id, existing, { ...existing, ...renewal })
        await store.subscriptions.update(existing.id, renewal, [confirmation(existing.id, now)], entry)
        return
      }
      const id = newId()
      const row: SubscriptionRow = {
        id, kind: 'email', format: 'email', name: null, address, addressHash: addressHash(address), target: null, roomId: null, secret: null, ...scope,
        confirmedAt: null, consentAt: null, consent: null, manageTokenHash: sha256Hex(tokens.manage(id)), createdAt: now, createdBy: null, ...pendingFields(id, now),
      }
      try {
        await store.subscriptions.insert(row, [confirmation(id, now)], subscriptionEntry('subscription.create', SUBSCRIBER_ACTOR, now, id, null, row))
      } catch (error) {
        // A concurrent subscribe of the same address won: its mail is on the way.
        if ((await store.subscriptions.byAddressHash(row.addressHash!)) === null) throw error
      }
    },
    async confirm(token) {
      const row = await store.subscriptions.byConfirmTokenHash(sha256Hex(token))
      if (row === null) throw unknownLink()
      if (row.confirmedAt !== null) return row
      const now = clock.now()
      if (row.confirmExpiresAt !== null && now > row.confirmExpiresAt) {
        throw new SubscriptionError(410, 'link-expired', 'Link expired', 'this confirmation link has expired; subscribe again to get a new one')
      }
      const consent = { door: 'subscribe form', confirmation: 'link in the confirmation mail', scope: row.components.length + row.locations.length === 0 ? 'everything' : 'selected' }
      const confirmed = { confirmedAt: now, consentAt: now, consent, updatedAt: now }
      await store.subscriptions.update(row.id, confirmed, [], subscriptionEntry('subscription.confirm', SUBSCRIBER_ACTOR, now, row.id, row, { ...row, ...confirmed }))
      return (await store.subscriptions.get(row.id))!
    },
    byManageToken: byManage,
    async unsubscribe(token) {
      const row = await byManage(token)
      await store.subscriptions.delete(row.id, subscriptionEntry('subscription.delete', SUBSCRIBER_ACTOR, clock.now(), row.id, row, null))
    },
    async createWebhook(raw, actor) {
      const input = parse(NewWebhookSchema, raw)
      const scope = await checkScope(store, input)
      const issues = [
        ...(input.format === 'matrix' && input.roomId === undefined ? [{ path: 'roomId', message: 'a Matrix subscription needs the room id' }] : []),
        ...(input.format === 'matrix' && input.accessToken === undefined ? [{ path: 'accessToken', message: 'a Matrix subscription needs an access token' }] : []),
        ...(input.format !== 'matrix' && (input.roomId ?? input.accessToken) !== undefined ? [{ path: 'format', message: 'roomId and accessToken belong to the matrix format' }] : []),
      ]
      if (issues.length > 0) throw invalidInput(issues)
      await checkTarget(input.url)
      const now = clock.now()
      const secret = input.format === 'standard' ? `whsec_${randomBytes(32).toString('base64')}` : null
      const row: SubscriptionRow = {
        id: newId(), kind: 'webhook', format: input.format, name: input.name ?? null, address: null, addressHash: null, target: input.url,
        roomId: input.roomId ?? null, secret: secret ?? input.accessToken ?? null, ...scope, confirmedAt: now, consentAt: now, consent: { door: 'api' },
        confirmTokenHash: null, confirmExpiresAt: null, confirmSentAt: null, manageTokenHash: null, createdAt: now, updatedAt: now, createdBy: actor,
      }
      await store.subscriptions.insert(row, [], subscriptionEntry('subscription.create', { actor, door: 'api' }, now, row.id, null, row))
      return { row, secret }
    },
    async updateWebhook(id, raw, actor) {
      const patch = parse(WebhookPatchSchema, raw)
      const row = await store.subscriptions.get(id)
      if (row === null || row.kind !== 'webhook') return null
      const scope = await checkScope(store, { components: patch.components ?? row.components, locations: patch.locations ?? row.locations })
      if (patch.url !== undefined) await checkTarget(patch.url)
      const now = clock.now()
      const change = { ...scope, ...(patch.name === undefined ? {} : { name: patch.name }), ...(patch.url === undefined ? {} : { target: patch.url }), updatedAt: now }
      await store.subscriptions.update(id, change, [], subscriptionEntry('subscription.update', { actor, door: 'api' }, now, id, row, { ...row, ...change }))
      return store.subscriptions.get(id)
    },
    async remove(id, actor) {
      const row = await store.subscriptions.get(id)
      if (row === null) return false
      return store.subscriptions.delete(id, subscriptionEntry('subscription.delete', { actor, door: 'api' }, clock.now(), id, row, null))
    },
  }
}
