/**
 * What the operator UI is built from. Every write goes through `incidents` (the one service
 * layer); the store is read directly only for tokens, sessions, the catalogue and the audit trail.
 *
 * @module
 */
import type { PageConfig } from '../config/index.js'
import type { Clock } from '../core/index.js'
import type { IncidentService } from '../incidents/index.js'
import type { PostmortemService } from '../postmortems/ports.js'
import type { StatusReader } from '../status/index.js'
import type { Store } from '../store/index.js'
import type { OperatorConfig } from './operator-schema.js'

/** The dependencies of every operator route (the UI's own and the maintenance forms'). */
export interface OperatorDeps {
  store: Store
  /** The one write service of incidents, maintenance and templates. */
  incidents: IncidentService
  /** Every read and write of postmortems (the operator's authoring, review and publication). */
  postmortems: PostmortemService
  status: StatusReader
  clock: Clock
  /** The site's name (config `page.name`, else `server.title`). */
  title: string
  /** Config `operator:` at each request. */
  settings: () => OperatorConfig
  /** Config `page:` at each request: the theme colours and the trusted proxies. */
  page: () => PageConfig
  /** Where sign-ins and unexpected failures are logged (never a token). */
  log: { info?(obj: object, msg?: string): void; warn?(obj: object, msg?: string): void; error(obj: object, msg?: string): void }
}
