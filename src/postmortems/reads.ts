/**
 * The reads of the postmortem service: operators see whole postmortems; everything public goes
 * through {@link publicPostmortem}, and the public list filters the projection (so a redacted
 * component name cannot be found by filtering for it).
 *
 * @module
 */
import type { Store } from '../store/index.js'
import type { PostmortemService, PublishedQuery } from './ports.js'
import { publicPostmortem } from './public-projection.js'
import type { Postmortem, PublicPostmortem } from './types.js'

/** The default and the largest page of the public list. */
export const PUBLISHED_PAGE = { default: 50, max: 200 } as const

type Reads = Pick<PostmortemService, 'get' | 'list' | 'revisions' | 'preview' | 'published' | 'publishedList' | 'publishedForIncident' | 'publishedRevision'>

function matches(item: PublicPostmortem, query: PublishedQuery): boolean {
  const series = item.impact.series
  if (query.component !== undefined && !series.some((one) => one.component === query.component)) return false
  if (query.location !== undefined && !series.some((one) => one.location === query.location)) return false
  if (query.to !== undefined && item.impact.from >= query.to) return false
  if (query.from !== undefined && item.impact.to !== null && item.impact.to < query.from) return false
  const before = query.before
  if (before !== undefined && !(item.publishedAt < before.publishedAt || (item.publishedAt === before.publishedAt && item.id < before.id))) return false
  return true
}

/**
 * Builds the reads over the store.
 *
 * @example
 * const reads = postmortemReads(store)
 * await reads.publishedList({ component: 'compute', limit: 20 })
 */
export function postmortemReads(store: Store): Reads {
  const project = async (postmortem: Postmortem) => publicPostmortem(postmortem, await store.postmortems.revisions(postmortem.id))
  return {
    get: (id) => store.postmortems.get(id),
    list: (query) => store.postmortems.list(query),
    revisions: (id) => store.postmortems.revisions(id),
    async preview(id) {
      const postmortem = await store.postmortems.get(id)
      return postmortem === null ? null : project(postmortem)
    },
    async published(id) {
      const postmortem = await store.postmortems.get(id)
      return postmortem?.status === 'published' ? project(postmortem) : null
    },
    async publishedList(query = {}) {
      const limit = Math.min(Math.max(query.limit ?? PUBLISHED_PAGE.default, 1), PUBLISHED_PAGE.max)
      const page: PublicPostmortem[] = []
      for (const postmortem of await store.postmortems.published()) {
        const item = await project(postmortem)
        if (matches(item, query)) page.push(item)
        if (page.length === limit) break
      }
      return page
    },
    async publishedForIncident(incidentId) {
      return Promise.all((await store.postmortems.published({ incidentId })).map(project))
    },
    async publishedRevision(id, revision) {
      const current = await store.postmortems.get(id)
      if (current?.status !== 'published') return null
      const revisions = await store.postmortems.revisions(id)
      const old = revisions.find((one) => one.revision === revision && one.status === 'published')
      return old === undefined ? null : publicPostmortem(old.snapshot, revisions.filter((one) => one.revision <= revision), current.redactions)
    },
  }
}
