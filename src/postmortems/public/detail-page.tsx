/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * A published postmortem's permalink page (`/postmortems/<id>`): the TL;DR first, then the
 * measured impact, the timeline, root cause, contributing factors, what went well and badly,
 * action items, the incidents and handbook pages it covers, and its revision history with diffs.
 * Renders only the redacted {@link PublicPostmortem}; complete without JavaScript and printable.
 *
 * @module
 */
import { raw } from 'hono/html'
import { When } from '../../web/incidents-section.js'
import { Layout, type PageContext } from '../../web/layout.js'
import { renderText } from '../../web/markdown.js'
import type { PublicPostmortem } from '../types.js'
import { ImpactSection } from './impact.js'
import { RevisionsSection, type RevisionDiff } from './revisions.js'
import { ActionItemsSection, LinksSection, TextSection, TimelineSection } from './sections.js'
import { PostmortemHead } from './styles.js'
import { postmortemWords } from './words.js'

/** What the postmortem page shows. */
export interface DetailPageInput {
  ctx: PageContext
  postmortem: PublicPostmortem
  /** Diffs between consecutive published revisions (of the public projection). */
  diffs: readonly RevisionDiff[]
  /** Display names of components by name. */
  names: ReadonlyMap<string, string>
  /** Titles of the linked incidents that are still public, by id. */
  incidentTitles: ReadonlyMap<string, string>
  /** Titles of handbook pages by slug. */
  handbookTitles: ReadonlyMap<string, string>
  /** The absolute permalink. */
  canonical: string
}

/**
 * Renders the postmortem page (with its doctype).
 *
 * @example
 * renderDetailPage({ ctx, postmortem, diffs: [], names, incidentTitles, handbookTitles, canonical: 'https://status.example/postmortems/…' })
 */
export function renderDetailPage(input: DetailPageInput): string {
  const { ctx, postmortem, names } = input
  const w = postmortemWords(ctx.lang)
  const page = (
    <Layout ctx={ctx} title={`${postmortem.title} · ${w.title} · ${ctx.site.name}`} path={`/postmortems/${postmortem.id}`} canonical={input.canonical} head={<PostmortemHead feedTitle={`${ctx.site.name}: ${w.feed}`} />}>
      <p class="pm-noprint">
        <a href="/postmortems">{w.title}</a>
      </p>
      <article aria-labelledby="title">
        <h1 id="title">{postmortem.title}</h1>
        <p class="pm-meta">
          {w.postmortemOf} · {w.published} <When at={postmortem.publishedAt} />
          {postmortem.revisions.length > 1 ? <> · {w.updated} <When at={postmortem.updatedAt} /> ({w.revision(postmortem.revision)})</> : ''}
        </p>
        <section aria-labelledby="tldr" class="pm-tldr">
          <h2 id="tldr">{w.tldr}</h2>
          <div class="prose">{raw(renderText(postmortem.tldr))}</div>
        </section>
        <ImpactSection postmortem={postmortem} ctx={ctx} w={w} names={names} />
        <TimelineSection postmortem={postmortem} w={w} names={names} />
        <TextSection id="root-cause" title={w.rootCause} source={postmortem.rootCause} />
        <TextSection id="contributing-factors" title={w.contributingFactors} source={postmortem.contributingFactors} />
        <TextSection id="went-well" title={w.wentWell} source={postmortem.wentWell} />
        <TextSection id="went-badly" title={w.wentBadly} source={postmortem.wentBadly} />
        <ActionItemsSection postmortem={postmortem} w={w} />
        <LinksSection postmortem={postmortem} w={w} incidentTitles={input.incidentTitles} handbookTitles={input.handbookTitles} />
        <RevisionsSection postmortem={postmortem} diffs={input.diffs} w={w} />
        <p class="detail">
          {w.permalink}: <a href={input.canonical}>{input.canonical}</a>
        </p>
      </article>
    </Layout>
  )
  return `<!doctype html>${page.toString()}`
}
