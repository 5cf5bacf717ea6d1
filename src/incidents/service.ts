/**
 * The one service layer of the declared status model: every write (whichever door — API, CLI,
 * config reload) validates, applies and records its audit event in one transaction; the reads
 * the status reader, the page and the API need.
 *
 * @module
 */
import type { Clock } from '../core/index.js'
import type { Store } from '../store/index.js'
import type { ServiceContext } from './context.js'
import { incidentWriteService, type IncidentWriteService } from './incident-writes.js'
import { maintenanceService, type MaintenancePolicy, type MaintenanceService } from './maintenance-service.js'
import { noticeService, type NoticeService } from './notices.js'
import { incidentReadService, type IncidentReadService } from './reads.js'
import { retractionService, type RetractionService } from './retraction.js'
import { templateService, type NewIncidentFromTemplate, type TemplateService } from './templates.js'
import type { IncidentDetail } from './incident-writes.js'
import type { Writer } from './inputs.js'
import { syncDeclared, type DeclaredObjects, type SyncSummary } from './sync.js'

/** What {@link createIncidentService} needs. */
export interface IncidentServiceOptions {
  store: Store
  clock: Clock
  /**
   * Names of the components impacts and windows may name. Default: the active components in the
   * store (synced from config at start-up).
   */
  knownComponents?: () => Promise<ReadonlySet<string> | null>
  /** Minimum notice and series horizon (defaults 36 h and 30 days). */
  maintenance?: MaintenancePolicy
}

/** Every write and read of incidents, maintenance, templates, notices and retractions. */
export interface IncidentService extends Omit<IncidentWriteService, 'createIncident'>, MaintenanceService, IncidentReadService, RetractionService, TemplateService, NoticeService {
  /** Opens an incident (`managed: api`); with `template`, the template fills what the input leaves out. */
  createIncident(input: NewIncidentFromTemplate, writer: Writer): Promise<IncidentDetail>
  /**
   * Reconciles what config declares (see `declaredFromConfig`): new → created, changed →
   * updated, removed → archived; API-created objects are never touched. All or nothing.
   */
  syncFromConfig(declared: DeclaredObjects, now: number): Promise<SyncSummary>
}

/**
 * Builds the service.
 *
 * @example
 * const incidents = createIncidentService({ store, clock: systemClock })
 * await incidents.syncFromConfig(declaredFromConfig(config, await declarationSites(files)), Date.now())
 * const open = await incidents.openIncidents()
 */
export function createIncidentService(options: IncidentServiceOptions): IncidentService {
  const context: ServiceContext = {
    store: options.store,
    clock: options.clock,
    knownComponents: options.knownComponents ?? (async () => new Set((await options.store.components.list()).map((component) => component.name))),
  }
  const reads = incidentReadService(context)
  const writes = incidentWriteService(context, reads.incident)
  const templates = templateService(context)
  return {
    ...reads,
    ...writes,
    createIncident: async (input, writer) => writes.createIncident(await templates.prefill(input), writer),
    ...maintenanceService(context, options.maintenance),
    ...retractionService(context),
    ...templates,
    ...noticeService(context),
    syncFromConfig: (declared, now) => syncDeclared(options.store.writeDeclared, declared, now),
  }
}
