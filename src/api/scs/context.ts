/**
 * What every SCS route needs: the store, the services of the one status model, and who writes.
 *
 * @module
 */
import type { Context } from 'hono'
import type { Clock } from '../../core/index.js'
import type { CatalogService, IncidentService, Writer } from '../../incidents/index.js'
import type { incidentRevisionService } from '../../incidents/index.js'
import type { Store } from '../../store/index.js'
import type { CurrentComponentsCache } from './current-components.js'

/** The shared dependencies of the SCS routes. */
export interface ScsContext {
  store: Store
  clock: Clock
  incidents: IncidentService
  catalog: CatalogService
  revise: ReturnType<typeof incidentRevisionService>
  /** The writer of a write request; throws a 401/403 `ApiError` when it may not write. */
  writerOf(c: Context): Promise<Writer>
  /** When set, `GET /components` without `at` is encoded once per status snapshot. */
  currentComponents?: CurrentComponentsCache
}
