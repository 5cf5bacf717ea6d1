/**
 * The `evidence_pins` table: the time ranges of raw results (per check) and evaluations (per
 * series, `check_id = ''`) an incident keeps beyond raw-data retention, and the reads of what
 * they pin. Pinning is idempotent, so the automation can derive the pins from the incidents on
 * every pass and a restart never loses or doubles one.
 *
 * @module
 */
import type { Kysely, Selectable } from 'kysely'
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import type { Evaluation } from '../health/index.js'
import { fromRows, type StoredResult } from './result-rows.js'
import type { Database, EvidencePinsTable, ResultCallsTable } from './schema.js'
import type { WriteTransaction } from './write-transaction.js'

/** The check id of the row that pins a series' evaluations. */
export const SERIES_PIN = ''

/** One pin: results of `checkId` (or evaluations of the series when `checkId` is '') in [from, to]; `to` null while the incident is open. */
export interface EvidencePin {
  incidentId: string
  component: string
  location: string
  checkId: string
  from: number
  to: number | null
  createdAt: number
}

/** A pin to create; an existing pin of the same key is kept as it is. */
export type NewPin = Omit<EvidencePin, 'to' | 'createdAt'>

/** Where a page of pinned rows continues (oldest first by time, then id). */
export interface PinCursor {
  at: number
  id: string
}

/** A pinned evaluation of a series with its whole evidence. */
export interface PinnedEvaluation {
  id: string
  component: string
  location: string
  evaluation: Evaluation
}

/** Creates, closes and reads evidence pins. */
export interface EvidencePinsRepository {
  /** Creates the pins that do not exist yet (same incident, series and check); resolves to how many were new. */
  pin(pins: readonly NewPin[], now: number): Promise<number>
  /** Ends every open pin of the incident at `to`. Resolves to how many were closed. */
  close(incidentId: string, to: number): Promise<number>
  /** The pins of an incident, by series and check. */
  forIncident(incidentId: string): Promise<EvidencePin[]>
  /** Ids of incidents that have at least one open pin. */
  openIncidentIds(): Promise<string[]>
  /** Evaluations pinned by the incident's series rows, oldest first, after `after`. */
  evaluations(incidentId: string, page: { after: PinCursor | null; limit: number }): Promise<PinnedEvaluation[]>
  /** Results pinned by the incident's check rows (with their calls), oldest first, after `after`. */
  results(incidentId: string, page: { after: PinCursor | null; limit: number }): Promise<StoredResult[]>
}

function toPin(row: Selectable<EvidencePinsTable>): EvidencePin {
  return {
    incidentId: row.incident_id,
    component: row.component,
    location: row.location,
    checkId: row.check_id,
    from: Number(row.from_at),
    to: row.to_at === null ? null : Number(row.to_at),
    createdAt: Number(row.created_at),
  }
}

async function withCalls(db: Kysely<Database>, rows: readonly Selectable<Database['results']>[]): Promise<StoredResult[]> {
  if (rows.length === 0) return []
  const calls = new Map<string, ResultCallsTable[]>()
  const callRows = await db.selectFrom('result_calls').selectAll().where('result_id', 'in', rows.map((row) => row.id)).execute()
  for (const call of callRows) calls.set(call.result_id, [...(calls.get(call.result_id) ?? []), call])
  await yieldToLoop()
  return rows.map((row) => fromRows(row, calls.get(row.id) ?? []))
}

/**
 * Builds the repository over `db`, writing through `write`.
 *
 * @example
 * const pins = evidencePinsRepository(db, write)
 * await pins.pin([{ incidentId, component: 'compute', location: 'R1', checkId: '', from: began - 3_600_000 }], now)
 * await pins.close(incidentId, ended + 3_600_000)
 */
export function evidencePinsRepository(db: Kysely<Database>, write: WriteTransaction): EvidencePinsRepository {
  return {
    async pin(pins, now) {
      if (pins.length === 0) return 0
      return write(async (trx) => {
        let created = 0
        for (const pin of pins) {
          const result = await trx
            .insertInto('evidence_pins')
            .values({ incident_id: pin.incidentId, component: pin.component, location: pin.location, check_id: pin.checkId, from_at: pin.from, to_at: null, created_at: now })
            .onConflict((conflict) => conflict.columns(['incident_id', 'component', 'location', 'check_id']).doNothing())
            .executeTakeFirst()
          created += Number(result.numInsertedOrUpdatedRows ?? 0n)
        }
        return created
      })
    },
    async close(incidentId, to) {
      const result = await write((trx) =>
        trx.updateTable('evidence_pins').set({ to_at: to }).where('incident_id', '=', incidentId).where('to_at', 'is', null).executeTakeFirst(),
      )
      return Number(result.numUpdatedRows)
    },
    async forIncident(incidentId) {
      const rows = await db
        .selectFrom('evidence_pins')
        .selectAll()
        .where('incident_id', '=', incidentId)
        .orderBy('component')
        .orderBy('location')
        .orderBy('check_id')
        .execute()
      return rows.map(toPin)
    },
    async openIncidentIds() {
      const rows = await db.selectFrom('evidence_pins').select('incident_id').distinct().where('to_at', 'is', null).orderBy('incident_id').execute()
      return rows.map((row) => row.incident_id)
    },
    async evaluations(incidentId, page) {
      let query = db
        .selectFrom('evaluations as e')
        .select(['e.id', 'e.component', 'e.location', 'e.at', 'e.evidence'])
        .where(({ exists, selectFrom }) =>
          exists(
            selectFrom('evidence_pins as p')
              .select('p.incident_id')
              .where('p.incident_id', '=', incidentId)
              .where('p.check_id', '=', SERIES_PIN)
              .whereRef('p.component', '=', 'e.component')
              .whereRef('p.location', '=', 'e.location')
              .whereRef('p.from_at', '<=', 'e.at')
              .where((eb) => eb.or([eb('p.to_at', 'is', null), eb('p.to_at', '>=', eb.ref('e.at'))])),
          ),
        )
        .orderBy('e.at')
        .orderBy('e.id')
        .limit(page.limit)
      const after = page.after
      if (after !== null) query = query.where((eb) => eb.or([eb('e.at', '>', after.at), eb.and([eb('e.at', '=', after.at), eb('e.id', '>', after.id)])]))
      const rows = await query.execute()
      return rows.map((row) => ({ id: row.id, component: row.component, location: row.location, evaluation: JSON.parse(row.evidence) as Evaluation }))
    },
    async results(incidentId, page) {
      let query = db
        .selectFrom('results as r')
        .selectAll('r')
        .where(({ exists, selectFrom }) =>
          exists(
            selectFrom('evidence_pins as p')
              .select('p.incident_id')
              .where('p.incident_id', '=', incidentId)
              .whereRef('p.check_id', '=', 'r.check_id')
              .whereRef('p.from_at', '<=', 'r.started_at')
              .where((eb) => eb.or([eb('p.to_at', 'is', null), eb('p.to_at', '>=', eb.ref('r.started_at'))])),
          ),
        )
        .orderBy('r.started_at')
        .orderBy('r.id')
        .limit(page.limit)
      const after = page.after
      if (after !== null) query = query.where((eb) => eb.or([eb('r.started_at', '>', after.at), eb.and([eb('r.started_at', '=', after.at), eb('r.id', '>', after.id)])]))
      return withCalls(db, await query.execute())
    },
  }
}
