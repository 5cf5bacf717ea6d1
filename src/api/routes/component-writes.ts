/**
 * Writes to components through `/api/v1` (scope `operator`): create, change and delete (archive)
 * `managed: api` components. A config-declared component answers 409 naming the `file:line`
 * that declares it. The catalogue service validates, applies and audits (objectType `component`).
 *
 * @module
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import type { Clock } from '../../core/index.js'
import { catalogService } from '../../incidents/index.js'
import type { ComponentRow, Store } from '../../store/index.js'
import { needsScope } from '../auth/index.js'
import { ApiError } from '../problem.js'
import { jsonContent } from '../schemas.js'
import { mapped } from './incidents.js'
import { writeProblems, writerOf } from './write-common.js'

const labels = z.record(z.string(), z.string()).openapi({ example: { category: 'compute' } })

const WrittenComponentSchema = z
  .object({
    id: z.uuid(),
    name: z.string().openapi({ example: 'object-storage', description: 'derived from displayName; the key of `/components/{name}`' }),
    displayName: z.string().openapi({ example: 'Object Storage' }),
    labels,
    managed: z.enum(['config', 'api']),
  })
  .openapi('WrittenComponent')

const NewComponentBody = z.strictObject({ displayName: z.string(), labels: labels.optional() }).openapi('NewComponent')
const ComponentPatchBody = z.strictObject({ displayName: z.string().optional(), labels: labels.optional() }).openapi('ComponentPatch')
const nameParam = z.object({ name: z.string().min(1).max(100).openapi({ example: 'object-storage' }) })
const operator = needsScope('operator')

const create = createRoute({
  method: 'post', path: '/components', tags: ['status'], summary: 'Create a component (managed by the API)', ...operator,
  request: { body: { content: { 'application/json': { schema: NewComponentBody } }, required: true } },
  responses: { 201: jsonContent(WrittenComponentSchema, 'The new component'), ...writeProblems },
})
const patch = createRoute({
  method: 'patch', path: '/components/{name}', tags: ['status'], summary: 'Change an API-managed component (config-managed: 409 naming file:line)', ...operator,
  request: { params: nameParam, body: { content: { 'application/json': { schema: ComponentPatchBody } }, required: true } },
  responses: { 200: jsonContent(WrittenComponentSchema, 'The changed component'), ...writeProblems },
})
const remove = createRoute({
  method: 'delete', path: '/components/{name}', tags: ['status'], summary: 'Delete (archive) an API-managed component; its history stays', ...operator,
  request: { params: nameParam },
  responses: { 204: { description: 'Archived' }, ...writeProblems },
})

function toApi(row: ComponentRow): z.infer<typeof WrittenComponentSchema> {
  return { id: row.id, name: row.name, displayName: row.displayName, labels: row.labels, managed: row.managed }
}

/** Registers the component writes over `store`. */
export function registerComponentWriteRoutes(app: OpenAPIHono, store: Store, clock: Clock): void {
  const catalog = catalogService({ store, clock })
  const idOf = async (name: string) => {
    const found = (await store.components.list()).find((component) => component.name === name)
    if (found === undefined) throw new ApiError(404, 'not-found', 'Not found', `no component named "${name}"`)
    return found.id
  }
  const read = async (id: string) => toApi((await store.catalog.componentById(id))!)
  app.openapi(create, async (c) => {
    const body = c.req.valid('json')
    const id = await mapped(() => catalog.createComponent({ displayName: body.displayName, ...(body.labels === undefined ? {} : { labels: body.labels }) }, writerOf(c)))
    const created = await read(id)
    c.header('location', `/api/v1/components/${created.name}`)
    return c.json(created, 201)
  })
  app.openapi(patch, async (c) => {
    const id = await idOf(c.req.valid('param').name)
    const body = c.req.valid('json')
    const change = { ...(body.displayName === undefined ? {} : { displayName: body.displayName }), ...(body.labels === undefined ? {} : { labels: body.labels }) }
    await mapped(() => catalog.updateComponent(id, change, writerOf(c)))
    return c.json(await read(id), 200)
  })
  app.openapi(remove, async (c) => {
    const id = await idOf(c.req.valid('param').name)
    await mapped(() => catalog.archiveComponent(id, writerOf(c)))
    return c.body(null, 204)
  })
}
