/**
 * The store's public contract: what the rest of Glasshouse may ask of the database.
 *
 * @module
 */
import type { ResultOutcome } from '../core/state.js'
import type { ProbeResult } from '../core/index.js'
import type { CheckInput, CheckRow } from './checks-repository.js'
import type { ComponentInput, ComponentRow, FeedRow } from './components-repository.js'
import type { StoredResult } from './result-rows.js'
import type { OutcomeRow } from './results-reader.js'
import type { EvaluationsRepository } from './evaluations-repository.js'
import type { RollupsRepository } from './rollups-repository.js'
import type { RollupBreakdownsRepository } from './rollup-breakdowns.js'
import type { RecordReadsRepository } from './record-reads-repository.js'
import type { IncidentsRepository } from './incidents-repository.js'
import type { MaintenanceRepository } from './maintenance-repository.js'
import type { MarksRepository } from './marks-repository.js'
import type { AuditRepository, DeclaredWrite } from './audit-repository.js'
import type { LedgerRepository } from './ledger-repository.js'
import type { CatalogRepository } from './catalog-repository.js'
import type { OutboxRepository } from './outbox-repository.js'
import type { AlertsRepository } from './alerts-repository.js'
import type { RetentionRepository } from './retention-repository.js'
import type { EvidencePinsRepository } from './evidence-pins-repository.js'
import type { TokensRepository } from './tokens-repository.js'
import type { RetractionsRepository } from './retractions-repository.js'
import type { TemplatesRepository } from './templates-repository.js'
import type { OperatorSessionsRepository } from './operator-sessions-repository.js'
import type { NoticesRepository } from './notices-repository.js'
import type { MaintenanceSeriesRepository } from './maintenance-series-repository.js'
import type { HandbookRepository } from './handbook-repository.js'
import type { SubscriptionsRepository } from './subscriptions-repository.js'
import type { PostmortemsRepository } from './postmortems-repository.js'

/** The minimal logger the store writes to (pino fits). */
export interface StoreLog {
  info(object: object, message?: string): void
  warn(object: object, message?: string): void
}

/** What {@link openStore} needs. */
export interface StoreOptions {
  /** `postgres://…` selects PostgreSQL; absent selects SQLite in `dataDir`. */
  databaseUrl?: string
  /** Where the SQLite file `glasshouse.db` lives; created when missing. */
  dataDir: string
  log?: StoreLog
}

/** One result to write, with the check it belongs to and where it was measured from (default `local`). */
export type ResultInput = { checkId: string; result: ProbeResult; vantage?: string }

/**
 * The database behind Glasshouse, SQLite or PostgreSQL, with one behaviour on both.
 *
 * @example
 * const store = await openStore({ dataDir: './data' })
 * await store.migrate()
 * const [check] = await store.checks.sync([{ name: 'api', kind: 'http', displayName: 'API', definition: {} }], Date.now())
 * await store.results.insertBatch([{ checkId: check!.id, result }])
 * await store.close()
 */
export interface Store {
  readonly dialect: 'sqlite' | 'postgres'
  /** Applies pending migrations; safe when several processes migrate at once. */
  migrate(): Promise<{ applied: string[] }>
  /** For `/readyz`: can we reach the database, and is the schema current? */
  status(): Promise<{ reachable: boolean; migrationsPending: number }>
  checks: {
    sync(checks: readonly CheckInput[], now: number): Promise<CheckRow[]>
    list(options?: { includeArchived?: boolean }): Promise<CheckRow[]>
  }
  components: {
    sync(components: readonly ComponentInput[], now: number): Promise<ComponentRow[]>
    list(options?: { includeArchived?: boolean }): Promise<ComponentRow[]>
    /** The feeds of every active component: which check feeds which location. */
    feeds(): Promise<FeedRow[]>
  }
  results: {
    /** Writes all rows or none, without holding the event loop for more than a few ms. */
    insertBatch(rows: readonly ResultInput[]): Promise<void>
    /** The newest `perCheck` results of every active check (an empty list when none), newest first. */
    latestByCheck(perCheck: number): Promise<Map<string, StoredResult[]>>
    /** The same rows as {@link latestByCheck} reduced to what the state function reads; much cheaper. */
    latestOutcomes(perCheck: number): Promise<Map<string, ResultOutcome[]>>
    /** Every result of `checkIds` that started in [from, to), oldest first, reduced for availability. */
    outcomesBetween(checkIds: readonly string[], from: number, to: number): Promise<OutcomeRow[]>
    /** Results of one check, newest first, started strictly before `before` (epoch ms). */
    list(checkId: string, options: { before?: number; limit: number }): Promise<StoredResult[]>
    count(): Promise<number>
  }
  /** Health evaluations with their evidence, and the current state of every series. */
  evaluations: EvaluationsRepository
  /** Rollup records per check and per series, and the records job's watermark. */
  rollups: RollupsRepository
  /** Only the time fields of rollups (no histograms), for the public page's bars and uptime. */
  rollupBreakdowns: RollupBreakdownsRepository
  /** Paged reads of stored evaluations and rollups, for the public API. */
  recordReads: RecordReadsRepository
  /** Declared incidents with their impacts and updates (reads). */
  incidents: IncidentsRepository
  /** Maintenance windows (reads). */
  maintenance: MaintenanceRepository
  /** Recurring maintenance series (reads; writes via writeDeclared). */
  maintenanceSeries: MaintenanceSeriesRepository
  /** Marks that a series' measured state is not representative (reads; writes via writeDeclared). */
  marks: MarksRepository
  /** Deleting old results, evaluations and rollups in small batches, never pinned evidence. */
  retention: RetentionRepository
  /** The audit trail of the declared status model (reads). */
  audit: AuditRepository
  /** What incidents pin of raw results and evaluations beyond retention (pin, close, forIncident, …). */
  evidencePins: EvidencePinsRepository
  /** The one write path of incidents and maintenance: one transaction with its audit events. */
  writeDeclared: DeclaredWrite
  /** The scenario ledger: every cloud resource a scenario creates, before and after its create call. */
  ledger: LedgerRepository
  /** Impact types, severity levels and phase-list generations (reads; writes via writeDeclared). */
  catalog: CatalogRepository
  /** Every outgoing message until its receiver acknowledged it (at least once, stable ids). */
  outbox: OutboxRepository
  /** Alert groups (grouping, repeats, resolved notices) and silences. */
  alerts: AlertsRepository
  /** Scoped API tokens, stored hashed. */
  tokens: TokensRepository
  /** Retracted incidents and updates, with time, reason and actor (reads; writes via writeDeclared). */
  retractions: RetractionsRepository
  /** Incident templates (reads; writes via writeDeclared). */
  templates: TemplatesRepository
  /** Operator UI sessions (by the hash of their id) and the sign-in audit. */
  operatorSessions: OperatorSessionsRepository
  /** Info notices (reads; writes via writeDeclared). */
  notices: NoticesRepository
  /** The open handbook's page revisions (current, history, record). */
  handbook: HandbookRepository
  /** E-mail and webhook subscribers of the public status (tokens hashed). */
  subscriptions: SubscriptionsRepository
  /** Postmortems and their revisions (reads; writes via writeDeclared). */
  postmortems: PostmortemsRepository
  /** SQLite: an online, consistent copy to `file`. PostgreSQL: throws — use `pg_dump`. */
  backup(file: string): Promise<void>
  close(): Promise<void>
}
