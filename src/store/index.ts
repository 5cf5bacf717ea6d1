/**
 * The store: Glasshouse's database behind one interface, on SQLite (embedded default) or
 * PostgreSQL (production). Dialect-specific SQL stays inside this folder.
 *
 * @module
 */
import { StoreUnavailableError } from './errors.js'
import { openPostgresStore } from './postgres-store.js'
import { openSqliteStore } from './sqlite-store.js'
import type { Store, StoreOptions } from './store.js'

export { StoreUnavailableError, StoreUnsupportedError, redactUrl } from './errors.js'
export { SQLITE_FILE } from './sqlite-store.js'
export type { Store, StoreLog, StoreOptions, ResultInput } from './store.js'
export type { CheckInput, CheckRow } from './checks-repository.js'
export type { ComponentFeed, ComponentInput, ComponentRow, FeedRow } from './components-repository.js'
export type { StoredResult } from './result-rows.js'
export type { OutcomeRow } from './results-reader.js'
export { DEFAULT_KEEP_ALIVE_MS } from './evaluations-repository.js'
export type { EvaluationsRepository, RecordOptions, SeriesCurrent } from './evaluations-repository.js'
export type {
  InsertedCursor,
  InsertedResult,
  RollupGranularity,
  RollupRow,
  RollupScope,
  RollupsRepository,
} from './rollups-repository.js'
export type { RollupBreakdown, RollupBreakdownsRepository } from './rollup-breakdowns.js'
export type { InsertedSpan, MaintenanceChange, RecordsBacklog } from './records-backlog.js'
export type { RetentionRepository } from './retention-repository.js'
export type { FinishedMessage, MessageCursor, RecordRetention, ReferencedResult } from './retention-records.js'
export type { EvaluationPageQuery, EvaluationPosition, RecordReadsRepository, RollupPageQuery, StoredEvaluation } from './record-reads-repository.js'
export type {
  ImpactRow,
  IncidentCursor,
  IncidentOrigin,
  IncidentQuery,
  IncidentRow,
  IncidentsRepository,
  IncidentWrites,
  Managed,
  UpdateRow,
} from './incidents-repository.js'
export type { MaintenanceCursor, MaintenanceRepository, MaintenanceRow, MaintenanceTarget, MaintenanceWrites } from './maintenance-repository.js'
export type { MarkRow, MarksRepository, MarkWrites } from './marks-repository.js'
export type { LedgerEntry, LedgerIntent, LedgerRepository, LeftoverFilter } from './ledger-repository.js'
export type { CatalogRepository, CatalogWrites, ImpactTypeRow, PhaseEntry, PhaseGeneration, SeverityRow } from './catalog-repository.js'
export { derivedUuid, impactTypeIdOf } from './catalog-ids.js'
export type { NewOutboxMessage, OutboxMessage, OutboxRepository, OutboxStats, OutboxStatus } from './outbox-repository.js'
export type { AlertGroup, AlertsRepository, NewSilence, NotifiedReceiver, Silence } from './alerts-repository.js'
export type { AuditActor, AuditDoor, AuditEvent, AuditObjectType, AuditRepository, DeclaredTransaction, DeclaredWrite } from './audit-repository.js'
export { AUDIT_OBJECT_TYPES } from './audit-repository.js'
export type { HandbookRepository, HandbookRevision, NewHandbookRevision } from './handbook-repository.js'
export type { PostmortemPin, PostmortemQuery, PostmortemsRepository, PostmortemWrites } from './postmortems-repository.js'
export type { AuditChainReads, AuditPageQuery, ChainedAuditEvent } from './audit-reads.js'
export { auditEntryHash, GENESIS_HASH, type ChainedAuditRow, type ChainHead } from './audit-chain.js'
export { AUDIT_PRUNED_ACTION, parseAttestation, type AuditPruneAttestation, type ChainAnchor } from './audit-anchor.js'
export { SERIES_PIN } from './evidence-pins-repository.js'
export { TokenNameTakenError, type NewTokenRow, type TokenRow, type TokenScope, type TokensRepository } from './tokens-repository.js'
export { WHOLE_INCIDENT, type RetractionRow, type RetractionsRepository, type RetractionWrites } from './retractions-repository.js'
export type { TemplateImpact, TemplateRow, TemplatesRepository, TemplateWrites } from './templates-repository.js'
export type { OperatorSessionRow, OperatorSessionsRepository, OperatorSignInRow } from './operator-sessions-repository.js'
export type { NoticeRow, NoticesRepository, NoticeWrites } from './notices-repository.js'
export type { MaintenanceSeriesRepository, MaintenanceSeriesRow, MaintenanceSeriesWrites, SeriesSchedule } from './maintenance-series-repository.js'
export type { SubscriptionFormat, SubscriptionPatch, SubscriptionRow, SubscriptionsRepository } from './subscriptions-repository.js'
export type { ComponentSourceWrites } from './component-sources.js'
export type { EvidencePin, EvidencePinsRepository, NewPin, PinCursor, PinnedEvaluation } from './evidence-pins-repository.js'

/**
 * Opens the store: PostgreSQL when `databaseUrl` is a `postgres://` (or `postgresql://`) URL,
 * else SQLite at `<dataDir>/glasshouse.db`. Does not migrate; call `store.migrate()`.
 * Throws {@link StoreUnavailableError} when the database cannot be opened or reached.
 *
 * @example
 * const store = await openStore({ dataDir: './data', databaseUrl: process.env.GLASSHOUSE_DATABASE_URL })
 * await store.migrate()
 */
export async function openStore(options: StoreOptions): Promise<Store> {
  const url = options.databaseUrl
  if (url === undefined || url === '') return openSqliteStore(options.dataDir, options.log)
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgresStore(url, options.log)
  throw new StoreUnavailableError(`unsupported database URL scheme in ${url.split(':')[0]}:…; expected postgres://`)
}
