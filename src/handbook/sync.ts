/**
 * Storing the handbook on each load (startup and config reload): a page whose text changed (or
 * that is new, or came back) gets a new revision with its content hash, the time and its last
 * git commit; a page gone from the folder gets a removal revision. Unchanged pages store nothing.
 *
 * @module
 */
import type { HandbookRepository, HandbookRevision, NewHandbookRevision } from '../store/index.js'
import { lastCommitOf, readHandbookFolder, type SourcePage } from './source.js'

/** What a sync did. */
export interface HandbookSyncReport {
  /** Slugs stored as a new revision. */
  changed: string[]
  /** Slugs marked removed. */
  removed: string[]
  /** Files skipped, each `file[:line:col]: reason`. */
  problems: string[]
  /** False when the folder does not exist (then nothing is published and nothing marked removed). */
  folderFound: boolean
}

/** The title a page shows: front matter, else its first `# ` heading, else its slug. */
export function pageTitle(page: Pick<SourcePage, 'slug' | 'front' | 'body'>): string {
  const heading = /^#[ \t]+(.+?)[ \t#]*$/m.exec(page.body)?.[1]
  return page.front.title ?? heading ?? page.slug
}

async function revisionOf(page: SourcePage, now: number): Promise<NewHandbookRevision> {
  return {
    slug: page.slug, recordedAt: now, removed: false, title: pageTitle(page), summary: page.front.summary ?? null, order: page.front.order ?? null,
    content: page.text, contentHash: page.contentHash, gitCommit: await lastCommitOf(page.file),
  }
}

function removalOf(current: HandbookRevision, now: number): NewHandbookRevision {
  const { revision: _revision, ...rest } = current
  return { ...rest, recordedAt: now, removed: true, gitCommit: null }
}

/**
 * Reads `dir` and stores what changed.
 *
 * @example
 * const report = await syncHandbook(store.handbook, '/etc/glasshouse/handbook', clock.now())
 */
export async function syncHandbook(repository: HandbookRepository, dir: string, now: number): Promise<HandbookSyncReport> {
  const folder = await readHandbookFolder(dir)
  if (!folder.exists) return { changed: [], removed: [], problems: [], folderFound: false }
  const current = new Map((await repository.current()).map((revision) => [revision.slug, revision]))
  const present = new Set(folder.pages.map((page) => page.slug))
  const skipped = new Set(folder.unreadable)
  const next: NewHandbookRevision[] = []
  for (const page of folder.pages) {
    const stored = current.get(page.slug)
    if (stored === undefined || stored.removed || stored.contentHash !== page.contentHash) next.push(await revisionOf(page, now))
  }
  const removed = [...current.values()].filter((stored) => !stored.removed && !present.has(stored.slug) && !skipped.has(stored.slug))
  next.push(...removed.map((stored) => removalOf(stored, now)))
  if (next.length > 0) await repository.record(next)
  return { changed: next.filter((revision) => !revision.removed).map((revision) => revision.slug), removed: removed.map((stored) => stored.slug), problems: folder.problems, folderFound: true }
}
