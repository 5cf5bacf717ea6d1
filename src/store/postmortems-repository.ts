/**
 * The `postmortems`, `postmortem_incidents` and `postmortem_revisions` tables. Reads are open to
 * every layer; writes exist only inside a declared transaction (see `audit-repository.ts`), so the
 * postmortem service validates, applies, stores the revision and audits in one transaction.
 *
 * @module
 */
import type { Kysely, Selectable } from 'kysely'
import type { Postmortem, PostmortemRevision, PostmortemStatus } from '../postmortems/types.js'
import type { Database, PostmortemsTable } from './schema.js'

/** The columns kept outside the JSON body. */
type RowFields = 'id' | 'status' | 'revision' | 'incidentIds' | 'createdAt' | 'updatedAt' | 'publishedAt'

/** What {@link PostmortemsRepository.list} filters by. */
export interface PostmortemQuery {
  status?: PostmortemStatus
  incidentId?: string
}

/** Reads of postmortems and their revisions. */
export interface PostmortemsRepository {
  get(id: string): Promise<Postmortem | null>
  /** Newest first (by creation). */
  list(query?: PostmortemQuery): Promise<Postmortem[]>
  /** Published postmortems, newest publication first (then id descending); of one incident when given. */
  published(query?: { incidentId?: string }): Promise<Postmortem[]>
  /** Every stored revision of one postmortem, oldest first. */
  revisions(id: string): Promise<PostmortemRevision[]>
}

/** A pin of evidence a published postmortem keeps: [from, to] of a series (`checkId` '') or a check's results. */
export interface PostmortemPin {
  incidentId: string
  component: string
  location: string
  checkId: string
  from: number
  to: number
}

/** Writes of postmortems inside a declared transaction. */
export interface PostmortemWrites {
  get(id: string): Promise<Postmortem | null>
  insert(postmortem: Postmortem): Promise<void>
  /**
   * Replaces the stored state when its revision is still `expectedRevision`; resolves to false
   * (and writes nothing) when another save came first.
   */
  save(postmortem: Postmortem, expectedRevision: number): Promise<boolean>
  insertRevision(revision: PostmortemRevision): Promise<void>
  /**
   * Makes the evidence pins cover [from, to]: creates missing pins closed at `to`, widens
   * existing ones (an open pin stays open; the incident automation closes it).
   */
  pinEvidence(pins: readonly PostmortemPin[], now: number): Promise<void>
}

function bodyOf(postmortem: Postmortem): string {
  const { id: _id, status: _status, revision: _revision, incidentIds: _incidents, createdAt: _created, updatedAt: _updated, publishedAt: _published, ...body } = postmortem
  return JSON.stringify(body)
}

function toPostmortem(row: Selectable<PostmortemsTable>, incidentIds: string[]): Postmortem {
  const body = JSON.parse(row.body) as Omit<Postmortem, RowFields>
  return {
    ...body, id: row.id, status: row.status, revision: Number(row.revision), incidentIds,
    createdAt: Number(row.created_at), updatedAt: Number(row.updated_at), publishedAt: row.published_at === null ? null : Number(row.published_at),
  }
}

async function withIncidents(db: Kysely<Database>, rows: readonly Selectable<PostmortemsTable>[]): Promise<Postmortem[]> {
  if (rows.length === 0) return []
  const links = await db
    .selectFrom('postmortem_incidents')
    .selectAll()
    .where('postmortem_id', 'in', rows.map((row) => row.id))
    .orderBy('postmortem_id')
    .orderBy('position')
    .execute()
  const byPostmortem = new Map<string, string[]>()
  for (const link of links) byPostmortem.set(link.postmortem_id, [...(byPostmortem.get(link.postmortem_id) ?? []), link.incident_id])
  return rows.map((row) => toPostmortem(row, byPostmortem.get(row.id) ?? []))
}

async function selectOne(db: Kysely<Database>, id: string): Promise<Postmortem | null> {
  const row = await db.selectFrom('postmortems').selectAll().where('id', '=', id).executeTakeFirst()
  return row === undefined ? null : (await withIncidents(db, [row]))[0]!
}

async function replaceLinks(trx: Kysely<Database>, postmortem: Postmortem): Promise<void> {
  await trx.deleteFrom('postmortem_incidents').where('postmortem_id', '=', postmortem.id).execute()
  if (postmortem.incidentIds.length === 0) return
  await trx
    .insertInto('postmortem_incidents')
    .values(postmortem.incidentIds.map((incidentId, position) => ({ postmortem_id: postmortem.id, incident_id: incidentId, position })))
    .execute()
}

/**
 * The read side.
 *
 * @example
 * const drafts = await postmortemsRepository(db).list({ status: 'draft' })
 */
export function postmortemsRepository(db: Kysely<Database>): PostmortemsRepository {
  const list: PostmortemsRepository['list'] = async (query = {}) => {
    let select = db.selectFrom('postmortems').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc')
    if (query.status !== undefined) select = select.where('status', '=', query.status)
    const incidentId = query.incidentId
    if (incidentId !== undefined) {
      select = select.where(({ exists, selectFrom }) =>
        exists(selectFrom('postmortem_incidents as l').select('l.postmortem_id').whereRef('l.postmortem_id', '=', 'postmortems.id').where('l.incident_id', '=', incidentId)),
      )
    }
    return withIncidents(db, await select.execute())
  }
  return {
    get: (id) => selectOne(db, id),
    list,
    async published(query = {}) {
      const all = await list({ status: 'published', ...(query.incidentId === undefined ? {} : { incidentId: query.incidentId }) })
      return all.sort((a, b) => (b.publishedAt ?? 0) - (a.publishedAt ?? 0) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    },
    async revisions(id) {
      const rows = await db.selectFrom('postmortem_revisions').selectAll().where('postmortem_id', '=', id).orderBy('revision').execute()
      return rows.map((row) => ({
        postmortemId: row.postmortem_id, revision: Number(row.revision), at: Number(row.at), actor: row.actor, status: row.status,
        changeNote: row.change_note, snapshot: JSON.parse(row.snapshot) as Postmortem,
      }))
    },
  }
}

/**
 * The write side over a transaction.
 *
 * @example
 * await store.writeDeclared(async (tx) => { await tx.postmortems.insert(draft); await tx.postmortems.insertRevision(first) })
 */
export function postmortemWrites(trx: Kysely<Database>): PostmortemWrites {
  return {
    get: (id) => selectOne(trx, id),
    async insert(postmortem) {
      await trx
        .insertInto('postmortems')
        .values({
          id: postmortem.id, status: postmortem.status, revision: postmortem.revision, body: bodyOf(postmortem),
          created_at: postmortem.createdAt, updated_at: postmortem.updatedAt, published_at: postmortem.publishedAt,
        })
        .execute()
      await replaceLinks(trx, postmortem)
    },
    async save(postmortem, expectedRevision) {
      const result = await trx
        .updateTable('postmortems')
        .set({ status: postmortem.status, revision: postmortem.revision, body: bodyOf(postmortem), updated_at: postmortem.updatedAt, published_at: postmortem.publishedAt })
        .where('id', '=', postmortem.id)
        .where('revision', '=', expectedRevision)
        .executeTakeFirst()
      if (Number(result.numUpdatedRows) !== 1) return false
      await replaceLinks(trx, postmortem)
      return true
    },
    async insertRevision(revision) {
      await trx
        .insertInto('postmortem_revisions')
        .values({
          postmortem_id: revision.postmortemId, revision: revision.revision, at: revision.at, actor: revision.actor, status: revision.status,
          change_note: revision.changeNote, snapshot: JSON.stringify(revision.snapshot),
        })
        .execute()
    },
    async pinEvidence(pins, now) {
      for (const pin of pins) {
        const key = { incident_id: pin.incidentId, component: pin.component, location: pin.location, check_id: pin.checkId }
        const existing = await trx
          .selectFrom('evidence_pins')
          .select(['from_at', 'to_at'])
          .where('incident_id', '=', key.incident_id)
          .where('component', '=', key.component)
          .where('location', '=', key.location)
          .where('check_id', '=', key.check_id)
          .executeTakeFirst()
        if (existing === undefined) {
          await trx.insertInto('evidence_pins').values({ ...key, from_at: pin.from, to_at: pin.to, created_at: now }).execute()
          continue
        }
        const from = Math.min(Number(existing.from_at), pin.from)
        const to = existing.to_at === null ? null : Math.max(Number(existing.to_at), pin.to)
        await trx
          .updateTable('evidence_pins')
          .set({ from_at: from, to_at: to })
          .where('incident_id', '=', key.incident_id)
          .where('component', '=', key.component)
          .where('location', '=', key.location)
          .where('check_id', '=', key.check_id)
          .execute()
      }
    },
  }
}
