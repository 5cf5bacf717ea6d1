/**
 * The handbook's stored revisions: the current one of each page, a page's history, and new
 * revisions written together in one transaction.
 *
 * @module
 */
import type { Kysely, Selectable } from 'kysely'
import type { Database, HandbookRevisionsTable } from './schema.js'
import type { WriteTransaction } from './write-transaction.js'

/** One stored state of a handbook page. */
export interface HandbookRevision {
  slug: string
  /** 1, 2, … per page. */
  revision: number
  recordedAt: number
  /** The page left the folder at `recordedAt`; `content` repeats the last content. */
  removed: boolean
  title: string
  summary: string | null
  order: number | null
  content: string
  contentHash: string
  /** The last commit touching the file, when the folder is a git checkout. */
  gitCommit: string | null
}

/** A revision to store; its number is the page's next. */
export type NewHandbookRevision = Omit<HandbookRevision, 'revision'>

/** Reads and writes handbook revisions. */
export interface HandbookRepository {
  /** The newest revision of every page ever stored (removed pages too), by slug. */
  current(): Promise<HandbookRevision[]>
  /** Every revision of one page, newest first. */
  history(slug: string): Promise<HandbookRevision[]>
  /** Stores `revisions` (each numbered after its page's newest) in one transaction. */
  record(revisions: readonly NewHandbookRevision[]): Promise<HandbookRevision[]>
}

function toRevision(row: Selectable<HandbookRevisionsTable>): HandbookRevision {
  return {
    slug: row.slug, revision: Number(row.revision), recordedAt: Number(row.recorded_at), removed: Number(row.removed) === 1, title: row.title,
    summary: row.summary, order: row.sort_order === null ? null : Number(row.sort_order), content: row.content, contentHash: row.content_hash, gitCommit: row.git_commit,
  }
}

/**
 * Builds the repository.
 *
 * @example
 * const pages = (await handbookRepository(db, write).current()).filter((page) => !page.removed)
 */
export function handbookRepository(db: Kysely<Database>, write: WriteTransaction): HandbookRepository {
  return {
    async current() {
      const rows = await db
        .selectFrom('handbook_revisions as r')
        .selectAll('r')
        .where(({ eb, selectFrom }) =>
          eb('r.revision', '=', selectFrom('handbook_revisions as n').select((n) => n.fn.max('n.revision').as('newest')).whereRef('n.slug', '=', 'r.slug')),
        )
        .orderBy('r.slug')
        .execute()
      return rows.map(toRevision)
    },
    async history(slug) {
      return (await db.selectFrom('handbook_revisions').selectAll().where('slug', '=', slug).orderBy('revision', 'desc').execute()).map(toRevision)
    },
    record(revisions) {
      return write(async (trx) => {
        const stored: HandbookRevision[] = []
        for (const next of revisions) {
          const newest = await trx.selectFrom('handbook_revisions').select((eb) => eb.fn.max('revision').as('newest')).where('slug', '=', next.slug).executeTakeFirst()
          const revision = Number(newest?.newest ?? 0) + 1
          await trx
            .insertInto('handbook_revisions')
            .values({
              slug: next.slug, revision, recorded_at: next.recordedAt, removed: next.removed ? 1 : 0, title: next.title, summary: next.summary,
              sort_order: next.order, content: next.content, content_hash: next.contentHash, git_commit: next.gitCommit,
            })
            .execute()
          stored.push({ ...next, revision })
        }
        return stored
      })
    },
  }
}
