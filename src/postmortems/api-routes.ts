/**
 * Postmortems in the v1 API. Authoring, review and publication need scope `operator`
 * (`/postmortems…`); the public reads (`/public/postmortems…`, no token) answer only the redacted
 * projection of published postmortems (and of their published revisions). Every route is a thin door to the postmortem service.
 *
 * @module
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import { needsScope } from '../api/auth/index.js'
import { decodeCursor, encodeCursor, pageSchema } from '../api/pagination.js'
import { ApiError } from '../api/problem.js'
import { mapped } from '../api/routes/incidents.js'
import { isoInstant, toMs, writeProblems, writerOf } from '../api/routes/write-common.js'
import { jsonContent, problemContent } from '../api/schemas.js'
import { postmortemToApi, PostmortemSchema, publicToApi, PublicPostmortemSchema, revisionToApi, RevisionSchema } from './api-schemas.js'
import type { NewPostmortem, PostmortemEdit, PostmortemService } from './ports.js'
import { ACTION_ITEM_STATUSES, POSTMORTEM_STATUSES } from './types.js'

const SectionsBody = z
  .strictObject({
    title: z.string().optional(), tldr: z.string().optional().openapi({ description: 'for non-technical readers; required to publish' }),
    impactSummary: z.string().optional(), rootCause: z.string().optional(), contributingFactors: z.string().optional(),
    wentWell: z.string().optional(), wentBadly: z.string().optional(), internalNotes: z.string().optional().openapi({ description: 'never public' }),
    actionItems: z
      .array(z.strictObject({
        id: z.string().optional(), title: z.string(), ownerRole: z.string(), dueDate: z.string().nullable().optional(),
        status: z.enum(ACTION_ITEM_STATUSES).optional(), url: z.string().nullable().optional(), internal: z.boolean().optional(),
      }))
      .optional()
      .openapi({ description: 'replaces the list; items keep their id' }),
    redactions: z.array(z.string()).optional().openapi({ description: 'phrases replaced by [redacted] in every public output (≥ 3 characters)' }),
    handbookPages: z.array(z.string()).optional(),
  })
  .openapi('PostmortemSections')

const NewBody = z.strictObject({ incidentIds: z.array(z.uuid()), sections: SectionsBody.optional() }).openapi('NewPostmortem')

const EditBody = z
  .strictObject({
    revision: z.number().int().openapi({ description: 'the revision the edit starts from' }),
    sections: SectionsBody.optional(),
    incidentIds: z.array(z.uuid()).optional().openapi({ description: 'changing them rebuilds the evidence' }),
    timeline: z
      .strictObject({
        annotate: z.array(z.strictObject({ id: z.string(), annotation: z.string().nullable(), internal: z.boolean().optional() })).optional(),
        addNotes: z.array(z.strictObject({ at: isoInstant, text: z.string(), internal: z.boolean().optional() })).optional(),
        removeNotes: z.array(z.string()).optional(),
      })
      .optional(),
    changeNote: z.string().optional().openapi({ description: 'required once published; shown in the public history' }),
  })
  .openapi('PostmortemEdit')

const RevisionBody = z.strictObject({ revision: z.number().int() })
const TransitionBody = z
  .strictObject({ to: z.enum(POSTMORTEM_STATUSES), revision: z.number().int(), notify: z.boolean().optional().openapi({ description: 'publishing tells subscribers (default true)' }) })
  .openapi('PostmortemTransition')

const idParam = z.object({ id: z.uuid() })
const operator = needsScope('operator')
const json = <T extends z.ZodTypeAny>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } })
const readProblems = { 401: writeProblems[401], 403: writeProblems[403], 404: writeProblems[404] }
const PUBLIC_LIMIT = { default: 20, max: 100 } as const

const routes = {
  create: createRoute({
    method: 'post', path: '/postmortems', tags: ['postmortems'], summary: 'Start a draft for incidents; its timeline and impact come from the stored evidence', ...operator,
    request: json(NewBody), responses: { 201: jsonContent(PostmortemSchema, 'The new draft'), ...writeProblems },
  }),
  list: createRoute({
    method: 'get', path: '/postmortems', tags: ['postmortems'], summary: 'Every postmortem (drafts too), newest first', ...operator,
    request: { query: z.object({ status: z.enum(POSTMORTEM_STATUSES).optional(), incident: z.uuid().optional() }) },
    responses: { 200: jsonContent(z.object({ items: z.array(PostmortemSchema) }), 'The postmortems'), 400: writeProblems[400], ...readProblems },
  }),
  get: createRoute({
    method: 'get', path: '/postmortems/{id}', tags: ['postmortems'], summary: 'One postmortem, whole', ...operator,
    request: { params: idParam }, responses: { 200: jsonContent(PostmortemSchema, 'The postmortem'), ...readProblems },
  }),
  edit: createRoute({
    method: 'patch', path: '/postmortems/{id}', tags: ['postmortems'], summary: 'Edit sections, incidents or the timeline (a stale revision is a 409)', ...operator,
    request: { params: idParam, ...json(EditBody) }, responses: { 200: jsonContent(PostmortemSchema, 'The saved postmortem'), ...writeProblems },
  }),
  refresh: createRoute({
    method: 'post', path: '/postmortems/{id}/refresh', tags: ['postmortems'], summary: 'Rebuild timeline and impact from the evidence, keeping annotations and notes', ...operator,
    request: { params: idParam, ...json(RevisionBody) }, responses: { 200: jsonContent(PostmortemSchema, 'The saved postmortem'), ...writeProblems },
  }),
  transition: createRoute({
    method: 'post', path: '/postmortems/{id}/transition', tags: ['postmortems'], summary: 'draft → in_review → published (in_review → draft sends it back)', ...operator,
    request: { params: idParam, ...json(TransitionBody) }, responses: { 200: jsonContent(PostmortemSchema, 'The saved postmortem'), ...writeProblems },
  }),
  preview: createRoute({
    method: 'get', path: '/postmortems/{id}/preview', tags: ['postmortems'], summary: 'What the public would see: the redacted projection', ...operator,
    request: { params: idParam }, responses: { 200: jsonContent(PublicPostmortemSchema, 'The projection'), ...readProblems },
  }),
  revisions: createRoute({
    method: 'get', path: '/postmortems/{id}/revisions', tags: ['postmortems'], summary: 'Every saved revision, oldest first', ...operator,
    request: { params: idParam }, responses: { 200: jsonContent(z.object({ items: z.array(RevisionSchema) }), 'The revisions'), ...readProblems },
  }),
  publicList: createRoute({
    method: 'get', path: '/public/postmortems', tags: ['postmortems'], summary: 'Published postmortems (redacted), newest publication first',
    request: {
      query: z.object({
        component: z.string().max(100).optional(), location: z.string().max(100).optional(),
        from: isoInstant.optional().openapi({ description: 'the measured period overlaps [from, to)' }), to: isoInstant.optional(),
        cursor: z.string().max(500).optional(), limit: z.coerce.number().int().min(1).max(PUBLIC_LIMIT.max).default(PUBLIC_LIMIT.default),
      }),
    },
    responses: { 200: jsonContent(pageSchema(PublicPostmortemSchema).openapi('PublicPostmortemPage'), 'A page'), 400: writeProblems[400], 422: problemContent('Not a cursor this API returned') },
  }),
  publicGet: createRoute({
    method: 'get', path: '/public/postmortems/{id}', tags: ['postmortems'], summary: 'One published postmortem (redacted); its permalink never expires',
    request: { params: idParam }, responses: { 200: jsonContent(PublicPostmortemSchema, 'The postmortem'), 400: writeProblems[400], 404: writeProblems[404] },
  }),
  publicRevision: createRoute({
    method: 'get', path: '/public/postmortems/{id}/revisions/{revision}', tags: ['postmortems'], summary: 'One published revision as it read then (redacted with today’s phrases too)',
    request: { params: idParam.extend({ revision: z.coerce.number().int().min(1) }) },
    responses: { 200: jsonContent(PublicPostmortemSchema, 'The revision'), 400: writeProblems[400], 404: writeProblems[404] },
  }),
}

function notFound(id: string): ApiError {
  return new ApiError(404, 'not-found', 'PostmortemNotFoundError', `no postmortem with id ${id}`)
}

function editOf(body: z.infer<typeof EditBody>): PostmortemEdit {
  const { timeline, ...rest } = body
  if (timeline === undefined) return rest as PostmortemEdit
  const addNotes = timeline.addNotes?.map((note) => ({ ...note, at: toMs(note.at) }))
  return { ...rest, timeline: { ...timeline, ...(addNotes === undefined ? {} : { addNotes }) } } as PostmortemEdit
}

/**
 * Registers the postmortem routes on the v1 app.
 *
 * @example
 * registerPostmortemRoutes(app, postmortems)
 */
export function registerPostmortemRoutes(app: OpenAPIHono, postmortems: PostmortemService): void {
  app.openapi(routes.create, async (c) => {
    const created = await mapped(() => postmortems.create(c.req.valid('json') as NewPostmortem, writerOf(c)))
    c.header('location', `/api/v1/postmortems/${created.id}`)
    return c.json(postmortemToApi(created), 201)
  })
  app.openapi(routes.list, async (c) => {
    const { status, incident } = c.req.valid('query')
    const items = await postmortems.list({ ...(status === undefined ? {} : { status }), ...(incident === undefined ? {} : { incidentId: incident }) })
    return c.json({ items: items.map(postmortemToApi) }, 200)
  })
  app.openapi(routes.get, async (c) => {
    const { id } = c.req.valid('param')
    const postmortem = await postmortems.get(id)
    if (postmortem === null) throw notFound(id)
    return c.json(postmortemToApi(postmortem), 200)
  })
  app.openapi(routes.edit, async (c) => {
    const saved = await mapped(() => postmortems.update(c.req.valid('param').id, editOf(c.req.valid('json')), writerOf(c)))
    return c.json(postmortemToApi(saved), 200)
  })
  app.openapi(routes.refresh, async (c) => {
    const saved = await mapped(() => postmortems.refreshEvidence(c.req.valid('param').id, c.req.valid('json').revision, writerOf(c)))
    return c.json(postmortemToApi(saved), 200)
  })
  app.openapi(routes.transition, async (c) => {
    const { to, revision, notify } = c.req.valid('json')
    const saved = await mapped(() => postmortems.transition(c.req.valid('param').id, to, { revision, notify: notify ?? true }, writerOf(c)))
    return c.json(postmortemToApi(saved), 200)
  })
  app.openapi(routes.preview, async (c) => {
    const { id } = c.req.valid('param')
    const view = await postmortems.preview(id)
    if (view === null) throw notFound(id)
    return c.json(publicToApi(view), 200)
  })
  app.openapi(routes.revisions, async (c) => {
    const { id } = c.req.valid('param')
    if ((await postmortems.get(id)) === null) throw notFound(id)
    return c.json({ items: (await postmortems.revisions(id)).map(revisionToApi) }, 200)
  })
  app.openapi(routes.publicList, async (c) => {
    const query = c.req.valid('query')
    const position = decodeCursor(query.cursor, 'public-postmortems', ['n', 's'])
    const items = await postmortems.publishedList({
      ...(query.component === undefined ? {} : { component: query.component }), ...(query.location === undefined ? {} : { location: query.location }),
      ...(query.from === undefined ? {} : { from: toMs(query.from) }), ...(query.to === undefined ? {} : { to: toMs(query.to) }),
      ...(position === null ? {} : { before: { publishedAt: position[0] as number, id: position[1] as string } }),
      limit: query.limit + 1,
    })
    const page = items.slice(0, query.limit)
    const last = page.at(-1)
    const nextCursor = items.length > query.limit && last !== undefined ? encodeCursor('public-postmortems', [last.publishedAt, last.id]) : null
    return c.json({ items: page.map(publicToApi), nextCursor }, 200)
  })
  app.openapi(routes.publicRevision, async (c) => {
    const { id, revision } = c.req.valid('param')
    const view = await postmortems.publishedRevision(id, revision)
    if (view === null) throw new ApiError(404, 'not-found', 'PostmortemNotFoundError', `no published revision ${revision} of postmortem ${id}`)
    return c.json(publicToApi(view), 200)
  })
  app.openapi(routes.publicGet, async (c) => {
    const { id } = c.req.valid('param')
    const view = await postmortems.published(id)
    if (view === null) throw notFound(id)
    return c.json(publicToApi(view), 200)
  })
}
