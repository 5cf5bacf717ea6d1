/**
 * Info notices through `/api/v1/notices`: public reads (notices that show now or later) and
 * writes with scope `operator`. Config-declared notices answer 409 naming `file:line`.
 *
 * @module
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import type { IncidentService } from '../../incidents/index.js'
import type { NoticeRow } from '../../store/index.js'
import { needsScope } from '../auth/index.js'
import { ApiError } from '../problem.js'
import { jsonContent, listOf, problemContent } from '../schemas.js'
import { mapped } from './incidents.js'
import { isoInstant, writeProblems, writerOf } from './write-common.js'

const isoTime = z.iso.datetime().openapi({ example: '2026-12-06T10:00:00.000Z' })
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())

const NoticeSchema = z
  .object({
    id: z.uuid(),
    title: z.string().openapi({ example: 'New support hotline' }),
    text: z.string().openapi({ description: 'Markdown' }),
    start: isoTime.nullable().openapi({ description: 'null: shown at once' }),
    end: isoTime.nullable().openapi({ description: 'null: shown until deleted' }),
  })
  .openapi('Notice')

const bounds = { start: isoInstant.nullable().optional(), end: isoInstant.nullable().optional().openapi({ description: 'after start' }) }
const NewNoticeBody = z.strictObject({ title: z.string(), text: z.string(), ...bounds }).openapi('NewNotice')
const NoticePatchBody = z.strictObject({ title: z.string().optional(), text: z.string().optional(), ...bounds }).openapi('NoticePatch')

const operator = needsScope('operator')
const idParam = z.object({ id: z.uuid() })

const list = createRoute({ method: 'get', path: '/notices', tags: ['notices'], summary: 'Info notices that show now or later, newest first', responses: { 200: jsonContent(listOf(NoticeSchema), 'The notices') } })
const read = createRoute({ method: 'get', path: '/notices/{id}', tags: ['notices'], summary: 'One notice', request: { params: idParam }, responses: { 200: jsonContent(NoticeSchema, 'The notice'), 404: problemContent('No such notice') } })
const create = createRoute({
  method: 'post', path: '/notices', tags: ['notices'], summary: 'Publish an info notice (no impact)', ...operator,
  request: { body: { content: { 'application/json': { schema: NewNoticeBody } }, required: true } },
  responses: { 201: jsonContent(NoticeSchema, 'The new notice'), ...writeProblems },
})
const patch = createRoute({
  method: 'patch', path: '/notices/{id}', tags: ['notices'], summary: 'Change an info notice', ...operator,
  request: { params: idParam, body: { content: { 'application/json': { schema: NoticePatchBody } }, required: true } },
  responses: { 200: jsonContent(NoticeSchema, 'The changed notice'), ...writeProblems },
})
const remove = createRoute({
  method: 'delete', path: '/notices/{id}', tags: ['notices'], summary: 'Delete (archive) an info notice', ...operator,
  request: { params: idParam },
  responses: { 204: { description: 'Archived' }, ...writeProblems },
})

function toApi(row: NoticeRow): z.infer<typeof NoticeSchema> {
  return { id: row.id, title: row.title, text: row.text, start: iso(row.start), end: iso(row.end) }
}

/** ISO bounds as epoch ms; absent stays absent, null stays null. */
function boundsOf(body: { start?: string | null | undefined; end?: string | null | undefined }) {
  const ms = (value: string | null) => (value === null ? null : Date.parse(value))
  return { ...(body.start === undefined ? {} : { start: ms(body.start) }), ...(body.end === undefined ? {} : { end: ms(body.end) }) }
}

/** Registers the notice routes. */
export function registerNoticeRoutes(app: OpenAPIHono, notices: IncidentService): void {
  app.openapi(list, async (c) => c.json({ items: (await notices.notices()).map(toApi) }, 200))
  app.openapi(read, async (c) => {
    const { id } = c.req.valid('param')
    const found = await notices.notice(id)
    if (found === null) throw new ApiError(404, 'not-found', 'Not found', `no notice with id ${id}`)
    return c.json(toApi(found), 200)
  })
  app.openapi(create, async (c) => {
    const { title, text, ...rest } = c.req.valid('json')
    const created = await mapped(() => notices.createNotice({ title, text, ...boundsOf(rest) }, writerOf(c)))
    c.header('location', `/api/v1/notices/${created.id}`)
    return c.json(toApi(created), 201)
  })
  app.openapi(patch, async (c) => {
    const { title, text, ...rest } = c.req.valid('json')
    const input = { ...(title === undefined ? {} : { title }), ...(text === undefined ? {} : { text }), ...boundsOf(rest) }
    return c.json(toApi(await mapped(() => notices.updateNotice(c.req.valid('param').id, input, writerOf(c)))), 200)
  })
  app.openapi(remove, async (c) => {
    await mapped(() => notices.deleteNotice(c.req.valid('param').id, writerOf(c)))
    return c.body(null, 204)
  })
}
