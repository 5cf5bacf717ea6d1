/**
 * Public reads: the overall status and the components with their states.
 *
 * @module
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import type { ComponentStatus, LocationStatus, StatusReader } from '../../status/index.js'
import { ApiError } from '../problem.js'
import { ComponentSchema, StatusSchema, jsonContent, listOf, problemContent } from '../schemas.js'
import { ComponentDetailSchema, componentDetail } from './component-detail.js'

function locationToApi(location: LocationStatus): z.infer<typeof ComponentSchema>['locations'][number] {
  return {
    location: location.location,
    state: location.state,
    source: location.source,
    reason: location.reason,
    measured: location.measured,
    since: location.since === null ? null : new Date(location.since).toISOString(),
    lastMeasuredAt: location.lastMeasuredAt === null ? null : new Date(location.lastMeasuredAt).toISOString(),
    lastDurationMs: location.lastDurationMs,
    measuredBy: location.measuredBy.map((by) => ({ kind: by.kind, intervalSeconds: by.intervalMs / 1000, simulated: by.simulated })),
    notRepresentative: location.notRepresentative && { ...location.notRepresentative, since: new Date(location.notRepresentative.since).toISOString() },
  }
}

function toApi(component: ComponentStatus): z.infer<typeof ComponentSchema> {
  return {
    name: component.name,
    displayName: component.displayName,
    description: component.description,
    state: component.state,
    locations: component.locations.map(locationToApi),
  }
}


const getStatus = createRoute({
  method: 'get',
  path: '/status',
  tags: ['status'],
  summary: 'The overall state and every component',
  responses: { 200: jsonContent(StatusSchema, 'The current status') },
})

const listComponents = createRoute({
  method: 'get',
  path: '/components',
  tags: ['status'],
  summary: 'Every component with its current state',
  responses: { 200: jsonContent(listOf(ComponentSchema), 'The components') },
})

const getComponent = createRoute({
  method: 'get',
  path: '/components/{name}',
  tags: ['status'],
  summary: 'One component with its current state',
  request: { params: z.object({ name: z.string().min(1).max(100).openapi({ example: 'api' }) }) },
  responses: { 200: jsonContent(ComponentDetailSchema, 'The component, with the public evidence of each location'), 404: problemContent('No such component') },
})

/** Registers the public status routes. */
export function registerStatusRoutes(app: OpenAPIHono, status: StatusReader): void {
  app.openapi(getStatus, async (c) => {
    const snapshot = await status.current()
    return c.json(
      { generatedAt: new Date(snapshot.generatedAt).toISOString(), overall: snapshot.overall, components: snapshot.components.map(toApi) },
      200,
    )
  })
  app.openapi(listComponents, async (c) => c.json({ items: (await status.current()).components.map(toApi) }, 200))
  app.openapi(getComponent, async (c) => {
    const { name } = c.req.valid('param')
    const found = (await status.current()).components.find((component) => component.name === name)
    if (!found) throw new ApiError(404, 'not-found', 'Not found', `no component named "${name}"`)
    return c.json(componentDetail(toApi(found), found), 200)
  })
}
