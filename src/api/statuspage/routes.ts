/**
 * The Statuspage-compatible public read API under `/api/v2`: the eight documents of Atlassian
 * Statuspage's public API v2 (field names, nesting and value sets), so existing aggregators can
 * read Glasshouse. Anonymous reads with CORS like the other public APIs, an ETag and the public
 * cache headers.
 *
 * @module
 */
import type { Hono } from 'hono'
import { corsFor } from '../scs/index.js'
import { createStatuspageReader, type StatuspageDeps, type StatuspageDocuments } from './documents.js'
import { cachedResponse } from './public-cache.js'
import { requestBase, type BaseSettings } from './request-base.js'

/** What the API reads. */
export interface StatuspageApiDeps extends StatuspageDeps, BaseSettings {
  /** Browser origins that may read (config `scs.cors.allowedOrigins`); `*` any. */
  allowedOrigins: readonly string[]
}

/** Each route under `/api/v2` and the fields of its document beside `page`. */
const ROUTES: readonly [string, (d: StatuspageDocuments) => Record<string, unknown>][] = [
  ['summary.json', (d) => ({ components: d.components, incidents: d.unresolved, scheduled_maintenances: [...d.active, ...d.upcoming], status: d.status })],
  ['status.json', (d) => ({ status: d.status })],
  ['components.json', (d) => ({ components: d.components })],
  ['incidents.json', (d) => ({ incidents: d.incidents })],
  ['incidents/unresolved.json', (d) => ({ incidents: d.unresolved })],
  ['scheduled-maintenances.json', (d) => ({ scheduled_maintenances: d.maintenances })],
  ['scheduled-maintenances/upcoming.json', (d) => ({ scheduled_maintenances: d.upcoming })],
  ['scheduled-maintenances/active.json', (d) => ({ scheduled_maintenances: d.active })],
]

/** The paths served, for docs and tests. */
export const STATUSPAGE_PATHS: readonly string[] = ROUTES.map(([path]) => `/api/v2/${path}`)

/**
 * Registers `/api/v2/*.json` on `app`.
 *
 * @example
 * registerStatuspageApi(app, { store, status, clock, name: () => 'Example Cloud', timeZone: () => 'UTC', page: () => config.page, allowedOrigins: ['*'] })
 */
export function registerStatuspageApi(app: Hono, deps: StatuspageApiDeps): void {
  const reader = createStatuspageReader(deps)
  const base = requestBase(deps)
  app.use('/api/v2/*', corsFor({ allowedOrigins: deps.allowedOrigins, writeOrigins: [] }))
  for (const [path, fields] of ROUTES) {
    app.get(`/api/v2/${path}`, async (c) => {
      const documents = await reader.documents(base(c))
      return cachedResponse(c, JSON.stringify({ page: documents.page, ...fields(documents) }), 'application/json; charset=UTF-8')
    })
  }
}
