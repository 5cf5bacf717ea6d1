/**
 * Incident templates through `/api/v1/templates` (scope `operator`, reads too: templates are
 * operator tooling, not public text). Config-declared templates answer 409 naming `file:line`.
 * `POST /incidents` with `template` opens an incident from one.
 *
 * @module
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import { INCIDENT_PHASES } from '../../core/index.js'
import type { IncidentService } from '../../incidents/index.js'
import type { TemplateRow } from '../../store/index.js'
import { needsScope } from '../auth/index.js'
import { ApiError } from '../problem.js'
import { jsonContent, listOf } from '../schemas.js'
import { mapped } from './incidents.js'
import { writeProblems, writerOf } from './write-common.js'

const TemplateImpactSchema = z.object({ component: z.string(), location: z.string(), type: z.string(), severity: z.number().int() })

const TemplateSchema = z
  .object({
    id: z.uuid(),
    name: z.string().openapi({ example: 'compute-boot-failures' }),
    title: z.string(),
    description: z.string().nullable(),
    text: z.string().openapi({ description: 'the first update (Markdown)' }),
    phase: z.enum(INCIDENT_PHASES),
    impacts: z.array(TemplateImpactSchema),
    managed: z.enum(['config', 'api']),
    source: z.string().nullable().openapi({ description: '`file:line` declaring a config-managed template' }),
  })
  .openapi('Template')

const ImpactBody = z.strictObject({ component: z.string(), location: z.string().optional(), type: z.string().optional(), severity: z.number().int() })
const fields = {
  title: z.string(),
  description: z.string().nullable().optional(),
  text: z.string(),
  phase: z.enum(INCIDENT_PHASES).optional().openapi({ description: 'default investigating' }),
  impacts: z.array(ImpactBody).optional(),
}
const NewTemplateBody = z.strictObject({ name: z.string().openapi({ example: 'compute-boot-failures' }), ...fields }).openapi('NewTemplate')
const TemplatePatchBody = z
  .strictObject({ name: z.string().optional(), title: fields.title.optional(), description: fields.description, text: fields.text.optional(), phase: fields.phase, impacts: fields.impacts })
  .openapi('TemplatePatch')

const operator = needsScope('operator')
const idParam = z.object({ id: z.uuid() })

const list = createRoute({ method: 'get', path: '/templates', tags: ['templates'], summary: 'Incident templates by name', ...operator, responses: { 200: jsonContent(listOf(TemplateSchema), 'The templates'), ...writeProblems } })
const read = createRoute({ method: 'get', path: '/templates/{id}', tags: ['templates'], summary: 'One template', ...operator, request: { params: idParam }, responses: { 200: jsonContent(TemplateSchema, 'The template'), ...writeProblems } })
const create = createRoute({
  method: 'post', path: '/templates', tags: ['templates'], summary: 'Create an incident template', ...operator,
  request: { body: { content: { 'application/json': { schema: NewTemplateBody } }, required: true } },
  responses: { 201: jsonContent(TemplateSchema, 'The new template'), ...writeProblems },
})
const patch = createRoute({
  method: 'patch', path: '/templates/{id}', tags: ['templates'], summary: 'Change an incident template', ...operator,
  request: { params: idParam, body: { content: { 'application/json': { schema: TemplatePatchBody } }, required: true } },
  responses: { 200: jsonContent(TemplateSchema, 'The changed template'), ...writeProblems },
})
const remove = createRoute({
  method: 'delete', path: '/templates/{id}', tags: ['templates'], summary: 'Delete (archive) an incident template', ...operator,
  request: { params: idParam },
  responses: { 204: { description: 'Archived' }, ...writeProblems },
})

function toApi(row: TemplateRow): z.infer<typeof TemplateSchema> {
  return { id: row.id, name: row.name, title: row.title, description: row.description, text: row.text, phase: row.phase, impacts: row.impacts, managed: row.managed, source: row.source }
}

function defined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T
}

/** Registers the template routes. */
export function registerTemplateRoutes(app: OpenAPIHono, templates: IncidentService): void {
  app.openapi(list, async (c) => c.json({ items: (await templates.templates()).map(toApi) }, 200))
  app.openapi(read, async (c) => {
    const { id } = c.req.valid('param')
    const found = await templates.template(id)
    if (found === null) throw new ApiError(404, 'not-found', 'Not found', `no template with id ${id}`)
    return c.json(toApi(found), 200)
  })
  app.openapi(create, async (c) => {
    const created = await mapped(() => templates.createTemplate(defined(c.req.valid('json')), writerOf(c)))
    c.header('location', `/api/v1/templates/${created.id}`)
    return c.json(toApi(created), 201)
  })
  app.openapi(patch, async (c) => c.json(toApi(await mapped(() => templates.updateTemplate(c.req.valid('param').id, defined(c.req.valid('json')), writerOf(c)))), 200))
  app.openapi(remove, async (c) => {
    await mapped(() => templates.deleteTemplate(c.req.valid('param').id, writerOf(c)))
    return c.body(null, 204)
  })
}
