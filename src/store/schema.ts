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
}
