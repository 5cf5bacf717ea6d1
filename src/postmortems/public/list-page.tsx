/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The list of published postmortems (`/postmortems`), newest first, filtered by component,
 * location and time range through a plain GET form (no JavaScript), paged with an "older" link.
 * Each entry: title (the permalink), when it was published and last revised, its TL;DR and what
 * it affected.
 *
 * @module
 */
import { raw } from 'hono/html'
import type { FC } from 'hono/jsx'
import { ComponentSelect, FilterIssues, LocationSelect } from '../../web/filter-selects.js'
import { When } from '../../web/incidents-section.js'
import { Layout, type PageContext } from '../../web/layout.js'
import { renderText } from '../../web/markdown.js'
import type { PublicPostmortem } from '../types.js'
import { listHref, type ListQuery, type QueryIssue } from './list-query.js'
import { POSTMORTEM_FEED_PATH, PostmortemHead } from './styles.js'
import { postmortemWords, type PostmortemWords } from './words.js'

/** What the list page shows. */
export interface ListPageInput {
  ctx: PageContext
  query: ListQuery
  issues: readonly QueryIssue[]
  /** This page's postmortems, newest first. */
  postmortems: readonly PublicPostmortem[]
  /** Whether older postmortems follow (the "older" link). */
  more: boolean
  components: readonly { name: string; displayName: string }[]
  locations: readonly string[]
  /** Display names of components by name. */
  names: ReadonlyMap<string, string>
  path: string
}

const Filters: FC<{ input: ListPageInput; w: PostmortemWords }> = ({ input, w }) => (
  <form class="filters" method="get" action="/postmortems" aria-label={w.filter}>
    <ComponentSelect ctx={input.ctx} components={input.components} selected={input.query.component} />
    <LocationSelect ctx={input.ctx} locations={input.locations} selected={input.query.location} />
    <label>
      {w.filterFrom}
      <input type="date" name="from" value={input.query.fromDay} />
    </label>
    <label>
      {w.filterTo}
      <input type="date" name="to" value={input.query.toDay} />
    </label>
    <input type="hidden" name="lang" value={input.ctx.lang} />
    <button type="submit">{w.filter}</button>
  </form>
)

/**
 * "Compute (R1, R2), Object storage (global)": what a postmortem's measured impact covers.
 *
 * @example
 * affectedSeries(postmortem, new Map([['compute', 'Compute']])) // 'Compute (R1)'
 */
export function affectedSeries(postmortem: PublicPostmortem, names: ReadonlyMap<string, string>): string {
  const byComponent = new Map<string, string[]>()
  for (const series of postmortem.impact.series) byComponent.set(series.component, [...(byComponent.get(series.component) ?? []), series.location])
  return [...byComponent].map(([component, locations]) => `${names.get(component) ?? component} (${locations.join(', ')})`).join(', ')
}

const Entry: FC<{ postmortem: PublicPostmortem; input: ListPageInput; w: PostmortemWords }> = ({ postmortem, input, w }) => {
  const where = affectedSeries(postmortem, input.names)
  return (
    <li>
      <div class="row">
        <a class="name" href={`/postmortems/${postmortem.id}`}>
          {postmortem.title}
        </a>
        <span class="pm-meta">
          {w.published} <When at={postmortem.publishedAt} />
          {postmortem.revisions.length > 1 ? <> · {w.updated} <When at={postmortem.updatedAt} /></> : ''}
        </span>
      </div>
      <div class="prose">{raw(renderText(postmortem.tldr))}</div>
      {where === '' ? '' : <p class="detail">{input.ctx.t.affects} {where}</p>}
    </li>
  )
}

function pagingLinks(input: ListPageInput, w: PostmortemWords): { href: string; text: string }[] {
  const last = input.postmortems.at(-1)
  return [
    ...(input.query.before === null ? [] : [{ href: listHref(input.query, null), text: w.newest }]),
    ...(input.more && last !== undefined ? [{ href: listHref(input.query, last), text: w.older }] : []),
    { href: POSTMORTEM_FEED_PATH, text: 'Atom' },
  ]
}

/**
 * Renders the list page (with its doctype).
 *
 * @example
 * renderListPage({ ctx, query, issues: [], postmortems, more: false, components, locations, names, path: '/postmortems' })
 */
export function renderListPage(input: ListPageInput): string {
  const { ctx } = input
  const w = postmortemWords(ctx.lang)
  const filtered = input.query.component !== null || input.query.location !== null || input.query.fromDay !== '' || input.query.toDay !== ''
  const page = (
    <Layout ctx={ctx} title={`${w.title} · ${ctx.site.name}`} path={input.path} head={<PostmortemHead feedTitle={`${ctx.site.name}: ${w.feed}`} />}>
      <h1>{w.title}</h1>
      <p>{w.intro}</p>
      <Filters input={input} w={w} />
      <FilterIssues issues={input.issues} />
      {input.postmortems.length === 0 ? (
        <p>{filtered || input.query.before !== null ? w.none : w.noneYet}</p>
      ) : (
        <ul class="list pm-list">
          {input.postmortems.map((postmortem) => (
            <Entry postmortem={postmortem} input={input} w={w} />
          ))}
        </ul>
      )}
      <p class="pm-paging">
        {pagingLinks(input, w).map((link, i) => (
          <>
            {i > 0 ? ' · ' : ''}
            <a href={link.href}>{link.text}</a>
          </>
        ))}
      </p>
    </Layout>
  )
  return `<!doctype html>${page.toString()}`
}
