/**
 * Row shapes of the database tables as Kysely sees them. Instants are epoch milliseconds,
 * durations integer microseconds, JSON columns text; the same on SQLite and PostgreSQL.
 *
 * @module
 */

/** `checks`: one row per configured check; removed checks are archived, never deleted. */
export interface ChecksTable {
  id: string
  name: string
  kind: string
  display_name: string
  definition: string
  definition_hash: string
  created_at: number
  updated_at: number
  archived_at: number | null
}

/** `results`: one row per probe run. */
export interface ResultsTable {
  id: string
  check_id: string
  started_at: number
  duration_us: number
  ok: number
  failure_code: string | null
  failure_message: string | null
  failure_condition: string | null
  steps: string
  conditions: string
  /** Where it was measured from (an agent's label); `local` for the server itself. */
  vantage: string
  /** When the row was stored (epoch ms, 0 for rows stored before this column existed); the records job's watermark. */
  inserted_at: number
}

/** `result_calls`: the timed calls of one result, in order (`seq` from 0). */
export interface ResultCallsTable {
  result_id: string
  seq: number
  operation: string
  status: number | null
  duration_us: number
  attempt: number
  request_id: string | null
  dns_us: number | null
  connect_us: number | null
  tls_us: number | null
  ttfb_us: number | null
  transfer_us: number | null
}

/** `components`: what the status page shows; managed by config or by the API. */
export interface ComponentsTable {
  id: string
  name: string
  display_name: string
  description: string | null
  labels: string
  managed: 'config' | 'api'
  /** `file:line` declaring a config-managed component (set by the config sync). */
  source?: string | null
  created_at: number
  updated_at: number
  archived_at: number | null
}

/** The whole database, for `Kysely<Database>`. */
/** `component_feeds`: a check feeding a (component, location) series. */
export interface ComponentFeedsTable {
  component_id: string
  check_id: string
  location: string
}

export interface Database {
  checks: ChecksTable
  results: ResultsTable
  result_calls: ResultCallsTable
  components: ComponentsTable
  component_feeds: ComponentFeedsTable
  evaluations: EvaluationsTable
  series_states: SeriesStatesTable
  rollups: RollupsTable
  records_watermarks: RecordsWatermarksTable
}

/** `evaluations`: stored evaluations of the health rules (on change, and as a keep-alive); `evidence` is the whole evaluation as JSON. */
export interface EvaluationsTable {
  id: string
  component: string
  location: string
  at: number
  measured: string
  raw: string
  rule_set: string
  evidence: string
}

/** `series_states`: the current state of each (component, location) series and its newest evaluation. */
export interface SeriesStatesTable {
  component: string
  location: string
  published: string
  hysteresis: string
  /** Since when `published` has been shown (epoch ms). */
  since: number
  /** The newest evaluation as JSON, stored as a row or not. */
  evaluation: string
  /** `at` of the newest evaluation stored as a row, for the keep-alive. */
  stored_at: number
  updated_at: number
}

/** `rollups`: the record of one bucket of a check or a series. */
export interface RollupsTable {
  scope: 'check' | 'series'
  key: string
  granularity: 'minute' | 'hour' | 'day'
  bucket_start: number
  bucket_end: number
  record: string
  updated_at: number
}

/** `records_watermarks`: the newest `results.inserted_at` a records job has processed. */
export interface RecordsWatermarksTable {
  name: string
  inserted_at: number
  updated_at: number
}

/** `incidents`: declared incidents; `managed = 'config'` ones carry the `file:line` declaring them in `source`. */
export interface IncidentsTable {
  id: string
  /** The config name of a config-managed incident; null for API-created ones. */
  name: string | null
  title: string
  description: string | null
  phase: string
  began_at: number
  ended_at: number | null
  managed: 'config' | 'api'
  origin: 'human' | 'system'
  source: string | null
  created_at: number
  updated_at: number
  archived_at: number | null
}

/** `incident_impacts`: one impact of an incident on a series, active in [from_at, to_at); a change closes the row and opens a new one. */
export interface IncidentImpactsTable {
  id: string
  incident_id: string
  component: string
  location: string
  impact_type: string
  severity: number
  from_at: number
  to_at: number | null
}

/** `incident_updates`: the ordered updates of an incident (`seq` from 1); `at` as stated, `recorded_at` server time. */
export interface IncidentUpdatesTable {
  incident_id: string
  seq: number
  phase: string
  text: string
  at: number
  recorded_at: number
  actor: string
}

/** `maintenance_windows`: planned work on series; `targets` is JSON `[{ component, locations: string[] | null }]`. */
export interface MaintenanceWindowsTable {
  id: string
  name: string | null
  title: string
  description: string | null
  targets: string
  start_at: number
  end_at: number
  cancelled_at: number | null
  managed: 'config' | 'api'
  source: string | null
  created_at: number
  updated_at: number
  archived_at: number | null
  /** The recurring series this window is an occurrence of; null for a single window. */
  series_id?: string | null
}

/** `audit_events`: every write to the declared status model, with the object before and after (JSON). */
export interface AuditEventsTable {
  id: string
  at: number
  actor: string
  action: string
  object_type: string
  object_id: string
  before: string | null
  after: string | null
  door: 'api' | 'cli' | 'config' | 'system'
  /** Position in the hash chain (1, 2, …; see src/store/audit-chain.ts). */
  seq: number
  prev_hash: string
  hash: string
}

/** `handbook_revisions`: every stored state of a handbook page; `removed` 1 marks the page gone from the folder. */
export interface HandbookRevisionsTable {
  slug: string
  revision: number
  recorded_at: number
  removed: number
  title: string
  summary: string | null
  sort_order: number | null
  content: string
  content_hash: string
  git_commit: string | null
}

/** `audit_chain_head`: one row (id 1), the newest chain position and hash; appenders lock it. */
export interface AuditChainHeadTable {
  id: number
  seq: number
  hash: string
  /** The newest entry retention removed (0 and the genesis hash while none was; see src/store/audit-anchor.ts). */
  anchor_seq: number
  anchor_hash: string
  anchor_at: number | null
}

/** The declared status model's tables (merged into {@link Database}). */
export interface Database {
  incidents: IncidentsTable
  incident_impacts: IncidentImpactsTable
  incident_updates: IncidentUpdatesTable
  maintenance_windows: MaintenanceWindowsTable
  audit_events: AuditEventsTable
  audit_chain_head: AuditChainHeadTable
  handbook_revisions: HandbookRevisionsTable
}

/**
 * `evidence_pins`: what an incident keeps beyond raw-data retention — results of `check_id` and
 * evaluations of (component, location) in [from_at, to_at]; `to_at` is null while the incident is open.
 * The series' own row has `check_id = ''`.
 */
export interface EvidencePinsTable {
  incident_id: string
  component: string
  location: string
  check_id: string
  from_at: number
  to_at: number | null
  created_at: number
}

/** The evidence pins table (merged into {@link Database}). */
export interface Database {
  evidence_pins: EvidencePinsTable
}

/**
 * `measurement_marks`: the measured state of a series marked not representative over
 * [from_at, to_at) (to_at null: until cleared), with a public reason; `location` null marks every
 * location of the component. Clearing sets `cleared_at`; rows are never deleted.
 */
export interface MeasurementMarksTable {
  id: string
  component: string
  location: string | null
  reason: string
  from_at: number
  to_at: number | null
  actor: string
  created_at: number
  cleared_at: number | null
  cleared_by: string | null
}

/** The measurement marks table (merged into {@link Database}). */
export interface Database {
  measurement_marks: MeasurementMarksTable
}

/**
 * `scenario_ledger`: every cloud resource a scenario run meant to create. `resource_id` is null
 * until the create call answered (a crash in between leaves it null); `deleted_at` is set once
 * the deletion was confirmed. `owner` is the monitor instance, so monitors sharing a project
 * only ever clean up their own rows.
 */
export interface ScenarioLedgerTable {
  id: string
  owner: string
  run_id: string
  cloud: string
  region: string
  project: string
  kind: string
  name: string
  prefix: string
  /** JSON: what deleting it needs besides its id (a router interface's router). */
  detail: string | null
  resource_id: string | null
  intent_at: number
  created_at: number | null
  deleted_at: number | null
}

/** The scenario ledger table (merged into {@link Database}). */
export interface Database {
  scenario_ledger: ScenarioLedgerTable
}

/** `api_tokens`: scoped API tokens, stored as the SHA-256 hex of the token; never deleted (revoking sets `revoked_at`). */
export interface ApiTokensTable {
  id: string
  name: string
  scope: 'reporter' | 'operator' | 'admin'
  hash: string
  created_at: number
  created_by: string
  expires_at: number | null
  revoked_at: number | null
}

/** The API tokens table (merged into {@link Database}). */
export interface Database {
  api_tokens: ApiTokensTable
}

/**
 * `outbox`: one row per outgoing message. `id` is the message's stable id (`webhook-id`,
 * `Message-ID`); `status` is `pending` until the receiver acknowledged (`sent`) or the retries
 * ran out (`dead`). A claimed row's `next_attempt_at` is pushed past the send timeout, so a crash
 * mid-send makes it due again.
 */
export interface OutboxTable {
  id: string
  receiver: string
  topic: string
  /** JSON: what to send; the receiver renders it. */
  payload: string
  status: string
  attempts: number
  next_attempt_at: number
  created_at: number
  sent_at: number | null
  /** The last failure, redacted. */
  last_error: string | null
}

/** `alert_groups`: the state of one alert group (one per series, vantage point, check, …). */
export interface AlertGroupsTable {
  key: string
  status: string
  labels: string
  annotations: string
  /** What the last notification said, to notice a change worth a new one. */
  fingerprint: string
  starts_at: number
  /** Since when the condition has been clear while the group still fires (resolve delay). */
  clear_since: number | null
  ends_at: number | null
  /** JSON: receiver name → the last notification queued for it (when, fingerprint, labels). */
  notified: string
  notifications: number
  updated_at: number
}

/** `alert_silences`: label matchers that mute alerts in [starts_at, ends_at). */
export interface AlertSilencesTable {
  id: string
  /** JSON: label name → value, all must equal. */
  matchers: string
  starts_at: number
  ends_at: number
  created_by: string
  comment: string
  created_at: number
}

/** The outbox and alert tables (merged into {@link Database}). */
export interface Database {
  outbox: OutboxTable
  alert_groups: AlertGroupsTable
  alert_silences: AlertSilencesTable
}

/** `impact_types`: named kinds of impact with an SCS id; impacts store the name (a rename renames them). */
export interface ImpactTypesTable {
  id: string
  display_name: string
  description: string | null
  created_at: number
  updated_at: number
}

/** `severity_levels`: named severity ranges; `value` is the inclusive top of the range and unique. */
export interface SeverityLevelsTable {
  name: string
  value: number
  created_at: number
  updated_at: number
}

/** `phase_generations`: immutable SCS phase lists; each phase names the native lifecycle phase it stands for. */
export interface PhaseGenerationsTable {
  generation: number
  position: number
  name: string
  native_phase: string
  created_at: number
}

/** The SCS model tables (merged into {@link Database}). */
export interface Database {
  impact_types: ImpactTypesTable
  severity_levels: SeverityLevelsTable
  phase_generations: PhaseGenerationsTable
}

/** `incident_templates`: prefilled incidents; `impacts` is JSON `[{ component, location, type, severity }]`. */
export interface IncidentTemplatesTable {
  id: string
  name: string
  title: string
  description: string | null
  text: string
  phase: string
  impacts: string
  managed: 'config' | 'api'
  source: string | null
  created_at: number
  updated_at: number
  archived_at: number | null
}

/** `info_notices`: short public notices without impact, shown in [start_at, end_at) (open bounds when null). */
export interface InfoNoticesTable {
  id: string
  name: string | null
  title: string
  text: string
  start_at: number | null
  end_at: number | null
  managed: 'config' | 'api'
  source: string | null
  created_at: number
  updated_at: number
  archived_at: number | null
}

/** `incident_retractions`: a withdrawn incident (`seq` 0) or update (`seq` ≥ 1), with when, why and who. */
export interface IncidentRetractionsTable {
  incident_id: string
  seq: number
  retracted_at: number
  reason: string
  actor: string
}

/** The templates, notices and retractions tables (merged into {@link Database}). */
export interface Database {
  incident_templates: IncidentTemplatesTable
  info_notices: InfoNoticesTable
  incident_retractions: IncidentRetractionsTable
}

/** `operator_sessions`: an operator UI session, keyed by the SHA-256 of its id; `expires_at` is its absolute end. */
export interface OperatorSessionsTable {
  id_hash: string
  token_id: string
  created_at: number
  last_seen_at: number
  expires_at: number
  client: string
}

/** `operator_sign_ins`: every operator UI sign-in attempt and sign-out (never the token). */
export interface OperatorSignInsTable {
  id: string
  at: number
  outcome: 'signed-in' | 'refused' | 'rate-limited' | 'signed-out'
  token_id: string | null
  token_name: string | null
  client: string
  reason: string
}

/** The operator UI tables (merged into {@link Database}). */
export interface Database {
  operator_sessions: OperatorSessionsTable
  operator_sign_ins: OperatorSignInsTable
}

/** `subscriptions`: e-mail and webhook subscribers (see src/store/subscriptions-repository.ts); JSON in `components`, `locations`, `consent`. */
export interface SubscriptionsTable {
  id: string
  kind: string
  format: string
  name: string | null
  address: string | null
  address_hash: string | null
  target: string | null
  room_id: string | null
  secret: string | null
  components: string
  locations: string
  confirmed_at: number | null
  consent_at: number | null
  consent: string | null
  confirm_token_hash: string | null
  confirm_expires_at: number | null
  confirm_sent_at: number | null
  manage_token_hash: string | null
  created_at: number
  updated_at: number
  created_by: string | null
}

/** The subscriptions table (merged into {@link Database}). */
export interface Database {
  subscriptions: SubscriptionsTable
}

/** `maintenance_series`: recurring windows; `schedule` is JSON (cron or weekdays, with a time zone), `targets` as in windows. */
export interface MaintenanceSeriesTable {
  id: string
  name: string | null
  title: string
  description: string | null
  targets: string
  duration_ms: number
  schedule: string
  managed: 'config' | 'api'
  source: string | null
  created_at: number
  updated_at: number
  cancelled_at: number | null
  archived_at: number | null
}

/** The recurring maintenance table (merged into {@link Database}). */
export interface Database {
  maintenance_series: MaintenanceSeriesTable
}

/** `postmortems`: the current state of each postmortem; `body` is the JSON of everything but id, status, revision and times. */
export interface PostmortemsTable {
  id: string
  status: 'draft' | 'in_review' | 'published'
  revision: number
  body: string
  created_at: number
  updated_at: number
  published_at: number | null
}

/** `postmortem_incidents`: the incidents a postmortem covers, in order (`position` from 0). */
export interface PostmortemIncidentsTable {
  postmortem_id: string
  incident_id: string
  position: number
}

/** `postmortem_revisions`: every saved state of a postmortem (snapshot = the whole postmortem as JSON). */
export interface PostmortemRevisionsTable {
  postmortem_id: string
  revision: number
  at: number
  actor: string
  status: 'draft' | 'in_review' | 'published'
  change_note: string | null
  snapshot: string
}

/** The postmortem tables (merged into {@link Database}). */
export interface Database {
  postmortems: PostmortemsTable
  postmortem_incidents: PostmortemIncidentsTable
  postmortem_revisions: PostmortemRevisionsTable
}
