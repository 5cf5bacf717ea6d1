/**
 * `/api/v1/subscriptions` (scope `operator`): create, list, read, change and delete subscriptions,
 * as OpenAPI routes of the v1 API (so they are in `/api/v1/openapi.json` and the auth matrix).
 * Operators create webhook subscriptions (target checked by the SSRF guard; the Standard Webhooks
 * secret is in the creation answer only). Secrets and access tokens are never shown again; e-mail
 * addresses only to `admin` tokens.
 *
 * @module
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { needsScope } from '../api/auth/index.js'
import { ApiError } from '../api/problem.js'
import { jsonContent, listOf } from '../api/schemas.js'
import { writeProblems, writerOf } from '../api/routes/write-common.js'
import type { Store, SubscriptionRow } from '../store/index.js'
import { SubscriptionError } from './errors.js'
import { NewWebhookSchema, WebhookPatchSchema, type SubscriptionService } from './service.js'

/** Where the routes live. */
export const SUBSCRIPTIONS_API = '/api/v1/subscriptions'

const isoTime = z.iso.datetime().openapi({ example: '2026-12-06T10:00:00.000Z' })

const SubscriptionSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(['email', 'webhook']),
    format: z.enum(['email', 'standard', 'slack', 'teams', 'matrix']),
    name: z.string().nullable(),
    address: z.string().optional().openapi({ description: 'the e-mail address; shown to `admin` tokens only' }),
    url: z.string().optional().openapi({ description: 'the webhook target' }),
    roomId: z.string().optional().openapi({ description: 'the Matrix room id (format `matrix`)' }),
    components: z.array(z.string()).openapi({ description: 'followed components; empty with empty `locations`: everything' }),
    locations: z.array(z.string()),
    confirmed: z.boolean(),
    consentAt: isoTime.nullable(),
    createdAt: isoTime,
    createdBy: z.string().nullable(),
  })
  .openapi('Subscription')

const CreatedSubscriptionSchema = SubscriptionSchema.extend({
  secret: z.string().optional().openapi({ description: 'the Standard Webhooks signing secret (`whsec_…`), shown only in this answer' }),
}).openapi('CreatedSubscription')

const operator = needsScope('operator')
const idParam = z.object({ id: z.uuid() })
const tags = ['subscriptions']

const list = createRoute({ method: 'get', path: '/subscriptions', tags, summary: 'All subscriptions (addresses to admins only)', ...operator, responses: { 200: jsonContent(listOf(SubscriptionSchema), 'The subscriptions'), ...writeProblems } })
const read = createRoute({ method: 'get', path: '/subscriptions/{id}', tags, summary: 'One subscription', ...operator, request: { params: idParam }, responses: { 200: jsonContent(SubscriptionSchema, 'The subscription'), ...writeProblems } })
const create = createRoute({
  method: 'post', path: '/subscriptions', tags, summary: 'Create a webhook subscription (target checked by the SSRF guard)', ...operator,
  request: { body: { content: { 'application/json': { schema: NewWebhookSchema.openapi('NewWebhookSubscription') } }, required: true } },
  responses: { 201: jsonContent(CreatedSubscriptionSchema, 'The new subscription, with its signing secret (Standard Webhooks) shown this once'), ...writeProblems },
})
const patch = createRoute({
  method: 'patch', path: '/subscriptions/{id}', tags, summary: 'Change a webhook subscription (name, URL, scope)', ...operator,
  request: { params: idParam, body: { content: { 'application/json': { schema: WebhookPatchSchema.openapi('WebhookSubscriptionPatch') } }, required: true } },
  responses: { 200: jsonContent(SubscriptionSchema, 'The changed subscription'), ...writeProblems },
})
const remove = createRoute({
  method: 'delete', path: '/subscriptions/{id}', tags, summary: 'Delete a subscription (the subscriber’s data goes with it)', ...operator,
  request: { params: idParam },
  responses: { 204: { description: 'Deleted' }, ...writeProblems },
})

/**
 * A subscription as the API shows it: never the secret; the address only to admins.
 *
 * @example
 * subscriptionToApi(row, false) // { id, kind: 'email', format: 'email', confirmed: true, … } without address
 */
export function subscriptionToApi(row: SubscriptionRow, showAddress: boolean): z.infer<typeof SubscriptionSchema> {
  return {
    id: row.id,
    kind: row.kind,
    format: row.format,
    name: row.name,
    ...(row.kind === 'email' && showAddress && row.address !== null ? { address: row.address } : {}),
    ...(row.kind === 'webhook' && row.target !== null ? { url: row.target, ...(row.roomId === null ? {} : { roomId: row.roomId }) } : {}),
    components: row.components,
    locations: row.locations,
    confirmed: row.confirmedAt !== null,
    consentAt: row.consentAt === null ? null : new Date(row.consentAt).toISOString(),
    createdAt: new Date(row.createdAt).toISOString(),
    createdBy: row.createdBy,
  }
}

/** Runs a service call, turning its {@link SubscriptionError} into the matching problem. */
async function mapped<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (!(error instanceof SubscriptionError)) throw error
    throw new ApiError(error.status, error.slug, error.title, error.message, error.errors.length === 0 ? undefined : error.errors)
  }
}

const notFound = (id: string) => new ApiError(404, 'not-found', 'Not found', `no subscription ${id}`)
const isAdmin = (c: Context) => c.get('principal')?.scope === 'admin'

/**
 * Registers the routes on the v1 API app (mounted at `/api/v1`).
 *
 * @example
 * registerSubscriptionRoutes(api, { store, service })
 */
export function registerSubscriptionRoutes(app: OpenAPIHono, deps: { store: Store; service: SubscriptionService }): void {
  app.openapi(create, async (c) => {
    const { row, secret } = await mapped(() => deps.service.createWebhook(c.req.valid('json'), writerOf(c).actor))
    c.header('location', `${SUBSCRIPTIONS_API}/${row.id}`)
    return c.json({ ...subscriptionToApi(row, false), ...(secret === null ? {} : { secret }) }, 201)
  })
  app.openapi(list, async (c) => c.json({ items: (await deps.store.subscriptions.list()).map((row) => subscriptionToApi(row, isAdmin(c))) }, 200))
  app.openapi(read, async (c) => {
    const { id } = c.req.valid('param')
    const row = await deps.store.subscriptions.get(id)
    if (row === null) throw notFound(id)
    return c.json(subscriptionToApi(row, isAdmin(c)), 200)
  })
  app.openapi(patch, async (c) => {
    const { id } = c.req.valid('param')
    const row = await mapped(() => deps.service.updateWebhook(id, c.req.valid('json'), writerOf(c).actor))
    if (row === null) throw notFound(id)
    return c.json(subscriptionToApi(row, isAdmin(c)), 200)
  })
  app.openapi(remove, async (c) => {
    const { id } = c.req.valid('param')
    if (!(await deps.service.remove(id, writerOf(c).actor))) throw notFound(id)
    return c.body(null, 204)
  })
}
