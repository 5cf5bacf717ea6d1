/**
 * The declared side of the status model: incidents (fixed lifecycle, impacts, ordered updates),
 * maintenance windows, templates, info notices, retractions, and the one service layer that validates, applies and audits every write.
 *
 * @module
 */
export { createIncidentService, type IncidentService, type IncidentServiceOptions } from './service.js'
export { IncidentsError, InvalidInputError, ManagedByConfigError, NotFoundError, RetractedError, StateConflictError, type InputIssue, type ObjectType } from './errors.js'
export type { ImpactInput, ImpactKey, IncidentPatch, NewIncident, NewMaintenance, NewUpdate, Writer } from './inputs.js'
export type { IncidentDetail } from './incident-writes.js'
export { maintenanceStatus, type MaintenanceStatus, type MaintenanceView } from './maintenance-writes.js'
export { MaintenancePatchSchema, type MaintenancePatch, type MaintenanceWriteResult } from './maintenance-edit.js'
export { DEFAULT_MINIMUM_NOTICE_MS, noticeWarnings } from './maintenance-notice.js'
export type { MaintenancePolicy, MaintenanceService } from './maintenance-service.js'
export type { MaintenanceSeriesService, SeriesView, SeriesWriteResult, WriteOptions } from './maintenance-series.js'
export { NewSeriesSchema, SeriesPatchSchema, SeriesScheduleSchema, type NewSeries, type SeriesPatch } from './series-inputs.js'
export { DEFAULT_SERIES_HORIZON_MS, type MaterializeCounts } from './series-materialize.js'
export { PAGE_LIMITS, type IncidentListQuery, type IncidentReadService, type IncidentSummary, type Page } from './reads.js'
export { declaredFromConfig, type DeclaredIncident, type DeclaredMaintenance, type DeclaredObjects, type SyncSummary } from './sync.js'
export { maintenanceImpacts, seriesDeclaration, windowCovers } from './declared-state.js'
export { catalogService, CatalogNotFoundError, componentNameFor, type CatalogService } from './catalog.js'
export { incidentRevisionService, type IncidentRevision } from './incident-revision.js'
export { nativePhasesOf, positionOfNative } from './phase-mapping.js'
export { editTimes, RetractionReasonSchema, type Retraction, type RetractionService } from './retraction.js'
export { TemplateInputSchema, TemplatePatchSchema, type NewIncidentFromTemplate, type TemplateInput, type TemplatePatch, type TemplateService } from './templates.js'
export { NoticeInputSchema, NoticePatchSchema, type NoticeInput, type NoticePatch, type NoticeService } from './notices.js'
export type { DeclaredNotice, DeclaredTemplate } from './sync-templates.js'
