/**
 * The routes most resources share: create, list (filters and pages), get, update, delete.
 *
 * @module
 */
import type { Context, Hono } from 'hono'
import type { FakeState } from '../state.js'
import { bodyOf, fail, filterRows, page, route, table, view } from './store.js'
import type { FakeCloud, PageStyle, Row } from './store.js'

/** How one resource is served. */
export interface CrudSpec {
  /** Collection path in the fake (`/network/v2.0/networks`). */
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
  create: (fields: Record<string, unknown>, c: Context, cloud: FakeCloud) => Row | Response
  createStatus?: number
  /** Fields a PUT may change; without it there is no PUT route. */
  updatable?: readonly string[]
  /** Checks and side effects of a PUT, or an error answer. */
  onUpdate?: (row: Row, fields: Record<string, unknown>, cloud: FakeCloud) => Response | undefined
  /** Deletes (or schedules deletion), or refuses with an error answer; default removes the row. */
  onDelete?: (row: Row, c: Context, cloud: FakeCloud) => Response | undefined
  deleteStatus?: number
}

/**
 * Registers the create, list, get, update and delete routes of one resource.
 *
 * @example
 * crud(app, state, { path: '/network/v2.0/networks', op: 'network.networks', key: 'network', plural: 'networks', style: 'links', create: … })
 */
export function crud(app: Hono, state: FakeState, spec: CrudSpec): void {
  const { key, plural } = spec
  const find = (c: Context, cloud: FakeCloud): Row | Response => table(cloud, plural).get(c.req.param('id') ?? '') ?? fail(c, 404, `${key} ${c.req.param('id')} could not be found.`)
  app.get(
    spec.listPath ?? spec.path,
    route(state, `${spec.op}.list`, (c, cloud) => {
      const rows = [...table(cloud, plural).values()].filter((row) => spec.listFilter?.(row, c) ?? true)
      return page(c, filterRows(rows, c.req.query(), {}), plural, spec.style)
    }),
  )
  app.post(
    spec.path,
    route(
      state,
      `${spec.op}.create`,
      async (c, cloud) => {
        const fields = (await bodyOf(c))[key]
        if (fields === null || typeof fields !== 'object') return fail(c, 400, `Resource body required: ${key}`)
        const row = spec.create(fields as Record<string, unknown>, c, cloud)
        return row instanceof Response ? row : { [key]: view(row) }
      },
      spec.createStatus ?? 201,
    ),
  )
  app.get(
    `${spec.path}/:id`,
    route(state, `${spec.op}.get`, (c, cloud) => {
      const row = find(c, cloud)
      return row instanceof Response ? row : { [key]: view(row) }
    }),
  )
  const updatable = spec.updatable
  if (updatable) {
    app.put(
      `${spec.path}/:id`,
      route(state, `${spec.op}.update`, async (c, cloud) => {
        const row = find(c, cloud)
        if (row instanceof Response) return row
        const fields = ((await bodyOf(c))[key] ?? {}) as Record<string, unknown>
        const refused = Object.keys(fields).find((field) => !updatable.includes(field))
        if (refused !== undefined) return fail(c, 400, `Cannot update read-only attribute ${refused}`)
        const error = spec.onUpdate?.(row, fields, cloud)
        if (error) return error
        Object.assign(row, fields)
        return { [key]: view(row) }
      }),
    )
  }
  app.delete(
    `${spec.path}/:id`,
    route(
      state,
      `${spec.op}.delete`,
      (c, cloud) => {
        const row = find(c, cloud)
        if (row instanceof Response) return row
        const error = spec.onDelete ? spec.onDelete(row, c, cloud) : void table(cloud, plural).delete(row.id)
        return error ?? null
      },
      spec.deleteStatus ?? 204,
    ),
  )
}
