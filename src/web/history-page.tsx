/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The history page (`/history`): incidents and maintenance windows of a range, newest first,
 * filtered by component, location and type through a plain GET form that works without
 * JavaScript. Each incident links to its permalink.
 *
 * @module
 */
import type { FC } from 'hono/jsx'
import type { IncidentSummary, MaintenanceView } from '../incidents/index.js'
import type { HistoryQuery } from './history-query.js'
import { Phase, When, type PagePhaseNames } from './incidents-section.js'
import { Layout, type PageContext } from './layout.js'
import { ComponentSelect, FilterIssues, LocationSelect } from './filter-selects.js'
import { PostmortemLinks, type PostmortemLink } from '../postmortems/public/links.js'

/** One line of the history. */
export type HistoryEntry = { kind: 'incident'; incident: IncidentSummary } | { kind: 'maintenance'; window: MaintenanceView }

/** When an entry began (the sort key, newest first). */
export function entryStart(entry: HistoryEntry): number {
  return entry.kind === 'incident' ? entry.incident.beganAt : entry.window.start
}

const Filters: FC<{ query: HistoryQuery; ctx: PageContext; components: readonly { name: string; displayName: string }[]; locations: readonly string[] }> = ({
  query,
  ctx,
  components,
  locations,
}) => {
  const t = ctx.t
  return (
    <form class="filters" method="get" action="/history" aria-label={t.filter}>
      <label>
        {t.from}
        <input type="date" name="from" value={query.fromDay} />
      </label>
      <label>
        {t.to}
        <input type="date" name="to" value={query.toDay} />
      </label>
      <ComponentSelect ctx={ctx} components={components} selected={query.component} />
      <LocationSelect ctx={ctx} locations={locations} selected={query.location} />
      <label>
        {t.type}
        <select name="type">
          <option value="all" selected={query.type === 'all'}>{t.allTypes}</option>
          <option value="incident" selected={query.type === 'incident'}>{t.typeIncident}</option>
          <option value="maintenance" selected={query.type === 'maintenance'}>{t.typeMaintenance}</option>
        </select>
      </label>
      <input type="hidden" name="lang" value={ctx.lang} />
      <button type="submit">{t.filter}</button>
    </form>
  )
}

const Entry: FC<{ entry: HistoryEntry; ctx: PageContext; names: PagePhaseNames; postmortems: ReadonlyMap<string, PostmortemLink[]> }> = ({ entry, ctx, names, postmortems }) => {
  const t = ctx.t
  if (entry.kind === 'incident') {
    const { incident } = entry
    const where = [...new Set(incident.impacts.map((impact) => `${impact.component} (${impact.location})`))].join(', ')
    return (
      <li class="history-incident">
        <div class="row">
          <a class="name" href={`/incidents/${incident.id}`}>
            {incident.title}
          </a>
          <span>
            {t.incident} · <Phase phase={incident.phase} names={names} />
          </span>
        </div>
        <div class="detail">
          {t.began} <When at={incident.beganAt} />
          {incident.endedAt === null ? ` · ${t.ongoing}` : <> · {t.ended} <When at={incident.endedAt} /></>}
          {where === '' ? '' : ` · ${t.affects} ${where}`}
        </div>
        <PostmortemLinks links={postmortems.get(incident.id)} lang={ctx.lang} />
      </li>
    )
  }
  const { window } = entry
  return (
    <li class="history-maintenance">
      <div class="row">
        <span class="name">{window.title}</span>
        <span>
          {t.maintenanceWindow}
          {window.status === 'cancelled' ? ` · ${t.cancelled}` : ''}
        </span>
      </div>
      <div class="detail">
        {t.from} <When at={window.start} /> {t.to} <When at={window.end} /> · {t.affects} {window.targets.map((target) => target.component).join(', ')}
      </div>
    </li>
  )
}

/** What the history page shows. */
export interface HistoryPageInput {
  ctx: PageContext
  query: HistoryQuery
  issues: readonly { field: string; message: string }[]
  entries: readonly HistoryEntry[]
  components: readonly { name: string; displayName: string }[]
  locations: readonly string[]
  phaseNames: PagePhaseNames
  path: string
  /** Published postmortems by incident id (linked from their entries). */
  postmortems?: ReadonlyMap<string, PostmortemLink[]>
}

/**
 * Renders the history page (with its doctype).
 *
 * @example
 * renderHistoryPage({ ctx, query, issues: [], entries, components, locations, phaseNames: {}, path: '/history' })
 */
export function renderHistoryPage(input: HistoryPageInput): string {
  const { ctx } = input
  const t = ctx.t
  const page = (
    <Layout ctx={ctx} title={`${t.historyTitle} · ${ctx.site.name}`} path={input.path}>
      <h1>{t.historyTitle}</h1>
      <Filters query={input.query} ctx={ctx} components={input.components} locations={input.locations} />
      <FilterIssues issues={input.issues} />
      <h2>
        {input.query.fromDay} – {input.query.toDay}
      </h2>
      {input.entries.length === 0 ? (
        <p>{t.noHistory}</p>
      ) : (
        <ul class="list history">
          {input.entries.map((entry) => (
            <Entry entry={entry} ctx={ctx} names={input.phaseNames} postmortems={input.postmortems ?? new Map()} />
          ))}
        </ul>
      )}
    </Layout>
  )
  return `<!doctype html>${page.toString()}`
}
