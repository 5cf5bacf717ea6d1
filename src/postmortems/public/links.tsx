/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * What other public pages show of postmortems: "Postmortem: <title>" links on an incident's
 * page and its history entries, and the postmortems of a component on its page; plus the reads
 * behind them and the published revisions' projections the permalink page diffs.
 *
 * @module
 */
import type { FC } from 'hono/jsx'
import type { Language } from '../../web/i18n/index.js'
import type { PostmortemService } from '../ports.js'
import { publicPostmortem, redactor } from '../public-projection.js'
import type { PublicPostmortem } from '../types.js'
import { postmortemWords } from './words.js'

/** A link target: a published postmortem's id and (redacted) title. */
export interface PostmortemLink {
  id: string
  title: string
}

/** The most postmortems the component page lists. */
const COMPONENT_LIMIT = 10
/** The service's largest page of the public list. */
const LIST_PAGE = 200

/**
 * "Postmortem: <title>" lines, one per published postmortem; nothing when there is none.
 *
 * @example
 * <PostmortemLinks links={[{ id, title: 'API errors in R1' }]} lang="en" />
 */
export const PostmortemLinks: FC<{ links: readonly PostmortemLink[] | undefined; lang: Language }> = ({ links, lang }) =>
  links === undefined || links.length === 0 ? (
    <></>
  ) : (
    <>
      {links.map((link) => (
        <p class="detail postmortem-link">
          {postmortemWords(lang).postmortemOf}: <a href={`/postmortems/${link.id}`}>{link.title}</a>
        </p>
      ))}
    </>
  )

/**
 * The postmortems of a component (newest first) as a section of its page; nothing when none.
 *
 * @example
 * <ComponentPostmortems links={links} lang="de" />
 */
export const ComponentPostmortems: FC<{ links: readonly PostmortemLink[] | undefined; lang: Language }> = ({ links, lang }) => {
  const w = postmortemWords(lang)
  return links === undefined || links.length === 0 ? (
    <></>
  ) : (
    <section aria-labelledby="postmortems">
      <h2 id="postmortems">{w.title}</h2>
      <ul>
        {links.map((link) => (
          <li>
            <a href={`/postmortems/${link.id}`}>{link.title}</a>
          </li>
        ))}
      </ul>
    </section>
  )
}

const linkOf = (postmortem: PublicPostmortem): PostmortemLink => ({ id: postmortem.id, title: postmortem.title })

/**
 * The published postmortems of an incident, as links.
 *
 * @example
 * await incidentPostmortems(service, incidentId) // [{ id, title }]
 */
export async function incidentPostmortems(service: Pick<PostmortemService, 'publishedForIncident'>, incidentId: string): Promise<PostmortemLink[]> {
  return (await service.publishedForIncident(incidentId)).map(linkOf)
}

/**
 * The published postmortems of a component, newest first, as links.
 *
 * @example
 * await componentPostmortems(service, 'compute')
 */
export async function componentPostmortems(service: Pick<PostmortemService, 'publishedList'>, component: string): Promise<PostmortemLink[]> {
  return (await service.publishedList({ component, limit: COMPONENT_LIMIT })).map(linkOf)
}

/**
 * Every published postmortem's links by incident id (for a page listing many incidents: one
 * walk over the published list instead of one read per incident).
 *
 * @example
 * (await postmortemsByIncident(service)).get(incidentId) // [{ id, title }] or undefined
 */
export async function postmortemsByIncident(service: Pick<PostmortemService, 'publishedList'>): Promise<Map<string, PostmortemLink[]>> {
  const byIncident = new Map<string, PostmortemLink[]>()
  let before: { publishedAt: number; id: string } | undefined
  for (;;) {
    const page = await service.publishedList({ limit: LIST_PAGE, ...(before === undefined ? {} : { before }) })
    for (const postmortem of page) for (const id of postmortem.incidentIds) byIncident.set(id, [...(byIncident.get(id) ?? []), linkOf(postmortem)])
    const last = page.at(-1)
    if (page.length < LIST_PAGE || last === undefined) return byIncident
    before = { publishedAt: last.publishedAt, id: last.id }
  }
}

/**
 * The public projections of a published postmortem's published revisions, oldest first, each
 * redacted with its own phrases AND today's (a phrase redacted later stays hidden in old
 * revisions). Empty for an unknown or unpublished id.
 *
 * @example
 * revisionDiffs(await publishedProjections(service, id))
 */
export async function publishedProjections(service: Pick<PostmortemService, 'get' | 'revisions'>, id: string): Promise<PublicPostmortem[]> {
  const [current, revisions] = await Promise.all([service.get(id), service.revisions(id)])
  if (current === null || current.status !== 'published') return []
  return revisions
    .filter((revision) => revision.status === 'published')
    .sort((a, b) => a.revision - b.revision)
    .map((revision) => publicPostmortem(revision.snapshot, revisions.filter((older) => older.revision <= revision.revision), current.redactions))
}

/**
 * The postmortem's current redactions as a function, for what its page shows from elsewhere
 * (the linked incidents' titles, handbook page titles): a phrase hidden in the postmortem stays
 * hidden on its page, wherever the text came from.
 *
 * @example
 * (await pageRedactor(service, id))('Disk full on db7.internal') // 'Disk full on [redacted]'
 */
export async function pageRedactor(service: Pick<PostmortemService, 'get'>, id: string): Promise<(text: string) => string> {
  return redactor((await service.get(id))?.redactions ?? [])
}
