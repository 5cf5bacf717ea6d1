/**
 * The `evaluations` and `series_states` tables: what the health rules decided for each
 * (component, location) series, with its evidence, and the state each series shows now.
 *
 * Not every evaluation becomes a row. The runner evaluates a series every few seconds, and
 * almost every evaluation says what the one before said; a row per evaluation would grow by
 * ~17 k rows a day per series and bury the few that matter. A row is stored when something an
 * operator would want to see changed — the published or raw state, the hysteresis candidate,
 * the matched rule, the set of raised flags, the reporting or silent vantage points, the rule
 * set — and otherwise at least every `keepAliveMs` (default 5 minutes), so the history shows
 * the values over time and proves the evaluator was running. The newest evaluation is always
 * kept in `series_states`, stored as a row or not.
 *
 * @module
 */
import type { Kysely, Selectable } from 'kysely'
import { z } from 'zod'
import { newId } from '../core/ids.js'
import { MEASURED_STATES, seriesId, type MeasuredState, type SeriesKey } from '../core/series.js'
import { parseHysteresisState, type Evaluation, type HysteresisState } from '../health/index.js'
import type { Database, SeriesStatesTable } from './schema.js'
import type { WriteTransaction } from './write-transaction.js'

/** How often an unchanged evaluation is still stored as a row, by default. */
export const DEFAULT_KEEP_ALIVE_MS = 5 * 60_000

/** The current state of one series. */
export interface SeriesCurrent {
  series: SeriesKey
  /** The published (measured) state. */
  state: MeasuredState
  /** Since when `state` has been published (the `at` of the evaluation that published it). */
  since: number
  hysteresis: HysteresisState
  /** The newest evaluation, with its evidence. */
  evaluation: Evaluation
  /** `at` of the newest evaluation. */
  updatedAt: number
}

/** Options of {@link EvaluationsRepository.record}. */
export interface RecordOptions {
  /** Store an unchanged evaluation as a row when the last stored one is at least this old. */
  keepAliveMs?: number
}

/** Records evaluations and reads them back. */
export interface EvaluationsRepository {
  /**
   * In one transaction: stores `evaluation` as a row when it differs from the previous one or the
   * keep-alive is due, and makes it the series' current state. An evaluation older than the
   * current one changes nothing. Resolves to whether a row was stored.
   */
  record(evaluation: Evaluation, series: SeriesKey, options?: RecordOptions): Promise<{ stored: boolean }>
  /** The newest evaluation of a series (stored as a row or not); null before the first. */
  latest(series: SeriesKey): Promise<Evaluation | null>
  /** The current state of every series that has been evaluated, by `seriesId`. */
  current(): Promise<Map<string, SeriesCurrent>>
  /** Stored evaluations of a series, newest first, with `at` strictly before `before`. */
  list(series: SeriesKey, options: { before?: number; limit: number }): Promise<Evaluation[]>
}

const State = z.enum(MEASURED_STATES)

/** The parts of a stored evaluation the store relies on; the rest is evidence kept as it was. */
const StoredEvaluationSchema = z.looseObject({
  ruleSet: z.string(),
  at: z.number(),
  measured: State,
  raw: State,
  matched: z.looseObject({ expression: z.string() }).nullable(),
  flags: z.array(z.looseObject({ flag: z.string(), raised: z.boolean() })),
  vantages: z.looseObject({ reporting: z.array(z.string()), silent: z.array(z.string()) }),
  hysteresis: z.object({ published: State, candidate: State.nullable(), streak: z.number().int().min(0) }),
})

function parseEvaluation(text: string): Evaluation {
  return StoredEvaluationSchema.parse(JSON.parse(text)) as unknown as Evaluation
}

/** What makes two evaluations different enough to store both. */
function signature(evaluation: Evaluation): string {
  return JSON.stringify([
    evaluation.ruleSet,
    evaluation.measured,
    evaluation.raw,
    evaluation.hysteresis.candidate,
    evaluation.matched?.expression ?? null,
    evaluation.flags.filter((flag) => flag.raised).map((flag) => flag.flag).sort(),
    evaluation.vantages.reporting,
    evaluation.vantages.silent,
  ])
}

function shouldStore(previous: Selectable<SeriesStatesTable> | undefined, evaluation: Evaluation, keepAliveMs: number): boolean {
  if (previous === undefined) return true
  if (evaluation.at - Number(previous.stored_at) >= keepAliveMs) return true
  return signature(parseEvaluation(previous.evaluation)) !== signature(evaluation)
}

function toCurrent(row: Selectable<SeriesStatesTable>, parse: (text: string) => Evaluation = parseEvaluation): SeriesCurrent {
  const evaluation = parse(row.evaluation)
  return {
    series: { component: row.component, location: row.location },
    state: State.parse(row.published),
    since: Number(row.since),
    hysteresis: parseHysteresisState(JSON.parse(row.hysteresis)) ?? evaluation.hysteresis,
    evaluation,
    updatedAt: Number(row.updated_at),
  }
}

async function writeEvaluation(trx: Kysely<Database>, evaluation: Evaluation, series: SeriesKey, keepAliveMs: number): Promise<boolean> {
  const previous = await trx
    .selectFrom('series_states')
    .selectAll()
    .where('component', '=', series.component)
    .where('location', '=', series.location)
    .executeTakeFirst()
  if (previous !== undefined && evaluation.at < Number(previous.updated_at)) return false
  const text = JSON.stringify({ ...evaluation, series: { component: series.component, location: series.location } })
  const stored = shouldStore(previous, evaluation, keepAliveMs)
  if (stored) {
    await trx
      .insertInto('evaluations')
      .values({
        id: newId(),
        component: series.component,
        location: series.location,
        at: evaluation.at,
        measured: evaluation.measured,
        raw: evaluation.raw,
        rule_set: evaluation.ruleSet,
        evidence: text,
      })
      .execute()
  }
  const state = {
    published: evaluation.measured,
    hysteresis: JSON.stringify(evaluation.hysteresis),
    since: previous !== undefined && previous.published === evaluation.measured ? Number(previous.since) : evaluation.at,
    evaluation: text,
    stored_at: stored || previous === undefined ? evaluation.at : Number(previous.stored_at),
    updated_at: evaluation.at,
  }
  await trx
    .insertInto('series_states')
    .values({ component: series.component, location: series.location, ...state })
    .onConflict((conflict) => conflict.columns(['component', 'location']).doUpdateSet(state))
    .execute()
  return stored
}

/**
 * Parses each series' current evaluation once per stored text: the status page reads all of them
 * every few seconds, and most have not changed since. Parsed evaluations are shared between
 * readings and must not be mutated.
 */
function lastParsed(): ((series: string, text: string) => Evaluation) & { keepOnly(series: ReadonlyMap<string, unknown>): void } {
  const bySeries = new Map<string, { text: string; evaluation: Evaluation }>()
  const parse = (series: string, text: string): Evaluation => {
    const known = bySeries.get(series)
    if (known !== undefined && known.text === text) return known.evaluation
    const evaluation = parseEvaluation(text)
    bySeries.set(series, { text, evaluation })
    return evaluation
  }
  return Object.assign(parse, {
    keepOnly(series: ReadonlyMap<string, unknown>) {
      for (const id of bySeries.keys()) if (!series.has(id)) bySeries.delete(id)
    },
  })
}

/**
 * Builds the evaluations repository over `db`, writing through `write`.
 *
 * @example
 * const evaluations = evaluationsRepository(db, write)
 * await evaluations.record(evaluate(ruleSet, samples, { now, series, previous }), series)
 * (await evaluations.current()).get('compute@R1')?.state // 'major_outage'
 */
export function evaluationsRepository(db: Kysely<Database>, write: WriteTransaction): EvaluationsRepository {
  const parseCurrent = lastParsed()
  return {
    async record(evaluation, series, options = {}) {
      const keepAliveMs = options.keepAliveMs ?? DEFAULT_KEEP_ALIVE_MS
      return { stored: await write((trx) => writeEvaluation(trx, evaluation, series, keepAliveMs)) }
    },
    async latest(series) {
      const row = await db
        .selectFrom('series_states')
        .select('evaluation')
        .where('component', '=', series.component)
        .where('location', '=', series.location)
        .executeTakeFirst()
      return row === undefined ? null : parseEvaluation(row.evaluation)
    },
    async current() {
      const rows = await db.selectFrom('series_states').selectAll().orderBy('component').orderBy('location').execute()
      const current = new Map<string, SeriesCurrent>()
      for (const row of rows) {
        const id = seriesId({ component: row.component, location: row.location })
        current.set(id, toCurrent(row, (text) => parseCurrent(id, text)))
      }
      parseCurrent.keepOnly(current)
      return current
    },
    async list(series, options) {
      let query = db
        .selectFrom('evaluations')
        .select('evidence')
        .where('component', '=', series.component)
        .where('location', '=', series.location)
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .limit(options.limit)
      if (options.before !== undefined) query = query.where('at', '<', options.before)
      return (await query.execute()).map((row) => parseEvaluation(row.evidence))
    },
  }
}
