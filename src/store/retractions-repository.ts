/**
 * The `incident_retractions` table: an incident (`seq` 0) or one of its updates withdrawn from
 * every public surface, with when, why and by whom. The content stays in its own table; reads of
 * incidents skip what is retracted here.
 *
 * @module
 */
import type { Kysely } from 'kysely'
import type { Database } from './schema.js'

/** The `seq` of a retraction that withdraws the whole incident. */
export const WHOLE_INCIDENT = 0

/** One retraction. */
export interface RetractionRow {
  incidentId: string
  /** {@link WHOLE_INCIDENT}, or the `seq` of the withdrawn update. */
  seq: number
  retractedAt: number
  /** The operator's public reason. */
  reason: string
  actor: string
}

/** Reads retractions. */
export interface RetractionsRepository {
  /** The retractions of an incident (whole and per update), oldest first. */
  ofIncident(incidentId: string): Promise<RetractionRow[]>
}

/** Writes retractions, inside a declared transaction only. */
export interface RetractionWrites extends RetractionsRepository {
  insert(row: RetractionRow): Promise<void>
}

function reads(db: Kysely<Database>): RetractionsRepository {
  return {
    async ofIncident(incidentId) {
      const rows = await db.selectFrom('incident_retractions').selectAll().where('incident_id', '=', incidentId).orderBy('retracted_at').orderBy('seq').execute()
      return rows.map((row) => ({ incidentId: row.incident_id, seq: Number(row.seq), retractedAt: Number(row.retracted_at), reason: row.reason, actor: row.actor }))
    },
  }
}

/**
 * The read side over `db`.
 *
 * @example
 * const whole = (await retractionsRepository(db).ofIncident(id)).find((r) => r.seq === WHOLE_INCIDENT)
 */
export function retractionsRepository(db: Kysely<Database>): RetractionsRepository {
  return reads(db)
}

/** The write side inside transaction `trx`. */
export function retractionWrites(trx: Kysely<Database>): RetractionWrites {
  return {
    ...reads(trx),
    async insert(row) {
      await trx
        .insertInto('incident_retractions')
        .values({ incident_id: row.incidentId, seq: row.seq, retracted_at: row.retractedAt, reason: row.reason, actor: row.actor })
        .execute()
    },
  }
}
