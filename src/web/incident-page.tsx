/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * An incident's permalink page (`/incidents/<id>`): title, phase, when it began and ended, what
 * it affects, its description and every update newest first, all Markdown rendered safely, and
 * "edited" with the time when it changed after it was first published. Who wrote it stays out.
 *
 * @module
 */
import { raw } from 'hono/html'
import type { FC } from 'hono/jsx'
import type { IncidentDetail } from '../incidents/index.js'
import { PostmortemLinks, type PostmortemLink } from '../postmortems/public/links.js'
import { Phase, When, type PagePhaseNames } from './incidents-section.js'
import { Layout, type PageContext } from './layout.js'
import { renderText } from './markdown.js'

const Impacts: FC<{ incident: IncidentDetail; ctx: PageContext }> = ({ incident, ctx }) => {
  const impacts = incident.impacts.filter((impact) => impact.severity > 0 || impact.type === 'Maintenance')
  if (impacts.length === 0) return <></>
  return (
    <p class="detail">
      {ctx.t.affects}{' '}
      {impacts.map((impact, i) => (
        <>
          {i > 0 ? ', ' : ''}
          <a href={`/components/${encodeURIComponent(impact.component)}`}>{impact.component}</a> ({impact.location}; {impact.type}, {impact.severity}/100)
        </>
      ))}
    </p>
  )
}

/**
 * The permalink page of one incident.
 *
 * @example
 * renderIncidentPage({ ctx, incident, phaseNames: {}, canonical: 'https://status.example.com/incidents/…' })
 */
export function renderIncidentPage(input: { ctx: PageContext; incident: IncidentDetail; phaseNames: PagePhaseNames; canonical: string; postmortems?: readonly PostmortemLink[] }): string {
  const { ctx, incident } = input
  const t = ctx.t
  const edited = incident.updatedAt > incident.createdAt
  const updates = [...incident.updates].sort((a, b) => b.at - a.at || b.seq - a.seq)
  const page = (
    <Layout ctx={ctx} title={`${incident.title} · ${ctx.site.name}`} path={`/incidents/${incident.id}`} canonical={input.canonical}>
      <p>
        <a href="/">{t.backToStatus}</a>
      </p>
      <article aria-labelledby="title">
        <h1 id="title">{incident.title}</h1>
        <p>
          {t.phase}: <Phase phase={incident.phase} names={input.phaseNames} /> ·{' '}
          <span class="state">{incident.endedAt === null ? t.ongoing : t.resolved}</span>
        </p>
        <p class="detail">
          {t.began} <When at={incident.beganAt} />
          {incident.endedAt === null ? '' : <> · {t.ended} <When at={incident.endedAt} /></>}
          {edited ? <> · {t.edited} <When at={incident.updatedAt} /></> : ''}
        </p>
        <Impacts incident={incident} ctx={ctx} />
        <PostmortemLinks links={input.postmortems} lang={ctx.lang} />
        {incident.description === null ? '' : <div class="prose description">{raw(renderText(incident.description))}</div>}
        <h2>{t.updates}</h2>
        {updates.map((update) => (
          <section class="update" id={`update-${update.seq}`} aria-label={`${t.updates} ${update.seq}`}>
            <p class="detail">
              <When at={update.at} /> · <Phase phase={update.phase} names={input.phaseNames} />
            </p>
            <div class="prose">{raw(renderText(update.text))}</div>
          </section>
        ))}
        <p class="detail">
          {t.permalink}: <a href={input.canonical}>{input.canonical}</a>
        </p>
      </article>
    </Layout>
  )
  return `<!doctype html>${page.toString()}`
}

/**
 * A small page for "not found" and "bad request" answers of the HTML routes.
 *
 * @example
 * renderMessagePage({ ctx, title: 'Not found', message: 'There is no incident with this id.', path: '/incidents/x' })
 */
export function renderMessagePage(input: { ctx: PageContext; title: string; message: string; path: string }): string {
  const page = (
    <Layout ctx={input.ctx} title={`${input.title} · ${input.ctx.site.name}`} path={input.path}>
      <h1>{input.title}</h1>
      <p>{input.message}</p>
      <p>
        <a href="/">{input.ctx.t.backToStatus}</a>
      </p>
    </Layout>
  )
  return `<!doctype html>${page.toString()}`
}
