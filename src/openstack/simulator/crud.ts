/**
 * The routes most resources share: create, list (filters and pages), get, update, delete.
 *
 * @module
 */
import type { Context, Hono } from 'hono'
import { bodyOf, fail, filterRows, page, route } from './http.js'
import type { PageStyle } from './http.js'
import type { Row, Sim } from './state.js'
import { table, view } from './state.js'

/** How one resource is served. */
export interface CrudSpec {
  /** Collection path (`/network/v2.0/networks`). */
  path: string
  /** Operation prefix (`network.networks`). */
  op: string
  /** Singular wrapper key (`network`) and plural list key (`networks`, also the table name). */
  key: string
  plural: string
  style: PageStyle
  /** List path when it differs from `path` (Cinder's `/volumes/detail`). */
  listPath?: string
  /** Which rows the list shows (members: those of the pool in the path); default all. */
  listFilter?: (row: Row, c: Context) => boolean
  /** Builds the stored row from the wrapped body, or refuses with an error answer. */
  create: (fields: Record<string, unknown>, c: Context, sim: Sim) => Row | Response
  createStatus?: number
  /** Fields a PUT may change; without it there is no PUT route. */
  updatable?: readonly string[]
  /** Checks and side effects of a PUT, or an error answer. */
  onUpdate?: (row: Row, fields: Record<string, unknown>, sim: Sim) => Response | undefined
  /** Deletes (or schedules deletion), or refuses with an error answer; default removes the row. */
  onDelete?: (row: Row, c: Context, sim: Sim) => Response | undefined
  deleteStatus?: number
}

/**
 * Registers the create, list, get, update and delete routes of one resource.
 *
 * @example
 * crud(app, sim, { path: '/network/v2.0/networks', op: 'network.networks', key: 'network', plural: 'networks', style: 'links', create: … })
 */
export function crud(app: Hono, sim: Sim, spec: CrudSpec): void {
  const { key, plural } = spec
  const find = (c: Context): Row | Response => table(sim, plural).get(c.req.param('id') ?? '') ?? fail(c, 404, `${key} ${c.req.param('id')} could not be found.`)
  app.get(
    spec.listPath ?? spec.path,
    route(sim, `${spec.op}.list`, (c) => {
      const rows = [...table(sim, plural).values()].filter((row) => spec.listFilter?.(row, c) ?? true)
      return page(c, filterRows(rows, c.req.query(), {}), plural, spec.style)
    }),
  )
  app.post(
    spec.path,
    route(
      sim,
      `${spec.op}.create`,
      async (c) => {
        const fields = (await bodyOf(c))[key]
        if (fields === null || typeof fields !== 'object') return fail(c, 400, `Resource body required: ${key}`)
        const row = spec.create(fields as Record<string, unknown>, c, sim)
        return row instanceof Response ? row : { [key]: view(row) }
      },
      { status: spec.createStatus ?? 201 },
    ),
  )
  app.get(
    `${spec.path}/:id`,
    route(sim, `${spec.op}.get`, (c) => {
      const row = find(c)
      return row instanceof Response ? row : { [key]: view(row) }
    }),
  )
  const updatable = spec.updatable
  if (updatable) {
    app.put(
      `${spec.path}/:id`,
      route(sim, `${spec.op}.update`, async (c) => {
        const row = find(c)
        if (row instanceof Response) return row
        const fields = ((await bodyOf(c))[key] ?? {}) as Record<string, unknown>
        const refused = Object.keys(fields).find((field) => !updatable.includes(field))
        if (refused !== undefined) return fail(c, 400, `Cannot update read-only attribute ${refused}`)
        const error = spec.onUpdate?.(row, fields, sim)
        if (error) return error
        Object.assign(row, fields, 'updated_at' in row ? { updated_at: new Date().toISOString() } : {}, typeof row.revision_number === 'number' ? { revision_number: row.revision_number + 1 } : {})
        return { [key]: view(row) }
      }),
    )
  }
  app.delete(
    `${spec.path}/:id`,
    route(
      sim,
      `${spec.op}.delete`,
      (c) => {
        const row = find(c)
        if (row instanceof Response) return row
        const error = spec.onDelete ? spec.onDelete(row, c, sim) : void table(sim, plural).delete(row.id)
        return error ?? null
      },
      { status: spec.deleteStatus ?? 204 },
    ),
  )
}
