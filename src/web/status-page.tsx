/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The public status page: server-rendered, complete without JavaScript. An overall banner, the
 * active incidents and planned maintenance, then the components grouped by a label, each
 * (component, location) with its state as icon and words, a 90-day bar of runs of equal days
 * (the component page has every day) and its uptime. Every
 * time is a `<time datetime>`. No `<meta refresh>`: a page that reloads itself fails WCAG 2.2.1
 * (axe "meta-refresh"); readers reload, caches revalidate by ETag.
 *
 * @module
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import { raw } from 'hono/html'
import type { FC } from 'hono/jsx'
import { PUBLIC_STATES } from '../core/public-state.js'
import { STATE_TABLE } from '../core/state-table.js'
import { NO_LOCATION, seriesId } from '../core/series.js'
import type { ComponentStatus, LocationStatus, StatusSnapshot } from '../status/index.js'
import { UptimeList } from './day-bars.js'
import { every, latency, measuredText, utcText } from './format.js'
import type { Catalogue } from './i18n/index.js'
import { MaintenanceSection, OpenIncidentsSection, type PagePhaseNames } from './incidents-section.js'
import { Layout, StateLabel, type PageContext } from './layout.js'
import { LocationTabs, onlyLocation, snapshotLocations, TAB_STYLES, tabHref } from './location-tabs.js'
import type { PageData } from './page-data.js'
import { RunBars } from './run-bars.js'

const Measured: FC<{ location: LocationStatus; now: number; t: Catalogue }> = ({ location, now, t }) => {
  if (location.lastMeasuredAt === null) return <span>{t.notMeasuredYet} · {location.reason}</span>
  return (
    <span>
      {t.lastMeasured} <time datetime={new Date(location.lastMeasuredAt).toISOString()}>{measuredText(location.lastMeasuredAt, now)}</time>
      {location.lastDurationMs === null ? '' : ` (${latency(location.lastDurationMs)})`} · {location.reason}
    </span>
  )
}

function method(location: LocationStatus, t: Catalogue): string {
  return location.measuredBy.map((by) => `${t.checkEvery(by.kind.toUpperCase(), every(by.intervalMs))}${by.simulated ? ` (${t.simulated})` : ''}`).join(', ')
}

const NotRepresentative: FC<{ note: NonNullable<LocationStatus['notRepresentative']> }> = ({ note }) => {
  const since = new Date(note.since).toISOString()
  return (
    <>
      <span class="marked" role="note">
        <strong>{note.label.charAt(0).toUpperCase() + note.label.slice(1)}</strong> (since <time datetime={since}>{utcText(note.since)}</time>): {note.reason}
      </span>{' '}
      ·{' '}
    </>
  )
}

const SeriesBlock: FC<{ component: ComponentStatus; location: LocationStatus; data: PageData; ctx: PageContext; now: number; split: boolean }> = ({
  component,
  location,
  data,
  ctx,
  now,
  split,
}) => {
  const history = data.series.get(seriesId({ component: component.name, location: location.location }))
  const label = `${component.displayName}${split ? ` (${location.location})` : ''}: ${ctx.t.ninetyDays}`
  return (
    <div class="series">
      <span class="detail">
        {split ? (
          <>
            <strong>{location.location}</strong> <StateLabel state={location.state} t={ctx.t} /> ·{' '}
          </>
        ) : (
          ''
        )}
        {location.notRepresentative ? <NotRepresentative note={location.notRepresentative} /> : ''}
        {location.measuredBy.some((by) => by.simulated) ? <span class="marked" role="note"><strong>{ctx.t.simulatedLabel}</strong></span> : ''}
        <Measured location={location} now={now} t={ctx.t} /> · {method(location, ctx.t)}
      </span>
      {history === undefined
        ? ''
        : raw(
            historyFragment(data, `${ctx.lang}:${seriesId({ component: component.name, location: location.location })}`, () =>
              (
                <>
                  <RunBars history={history} component={component.name} location={location.location} t={ctx.t} lang={ctx.lang} label={label} />
                  <UptimeList uptime={history.uptime} t={ctx.t} lang={ctx.lang} />
                </>
              ).toString(),
            ),
          )}
    </div>
  )
}

/** Rendered bars and uptime per (language, series), kept as long as their page data: the
 * snapshot changes every few seconds, the history about once a minute. */
const fragments = new WeakMap<PageData, Map<string, string>>()

function historyFragment(data: PageData, key: string, render: () => string): string {
  let byKey = fragments.get(data)
  if (byKey === undefined) fragments.set(data, (byKey = new Map()))
  let html = byKey.get(key)
  if (html === undefined) byKey.set(key, (html = render()))
  return html
}

const ComponentItem: FC<{ component: ComponentStatus; data: PageData; ctx: PageContext; now: number }> = ({ component, data, ctx, now }) => {
  const split = component.locations.length > 1 || component.locations.some((l) => l.location !== NO_LOCATION)
  return (
    <li id={`component-${component.name}`}>
      <div class="row">
        <h3 class="name">
          <a href={`/components/${encodeURIComponent(component.name)}`}>{component.displayName}</a>
        </h3>
        <StateLabel state={component.state} t={ctx.t} />
      </div>
      {component.locations.map((location) => (
        <SeriesBlock component={component} location={location} data={data} ctx={ctx} now={now} split={split} />
      ))}
    </li>
  )
}

/** Components in sections by the `groupBy` label, in first-seen order; unlabelled ones last. */
function groups(components: readonly ComponentStatus[], data: PageData, key: string): { name: string | null; members: ComponentStatus[] }[] {
  const byName = new Map<string | null, ComponentStatus[]>()
  for (const component of components) {
    const group = data.labels.get(component.name)?.[key] ?? null
    byName.set(group, [...(byName.get(group) ?? []), component])
  }
  const named = [...byName].filter(([name]) => name !== null)
  const rest = byName.get(null)
  return [...named.map(([name, members]) => ({ name, members })), ...(rest === undefined ? [] : [{ name: null, members: rest }])]
}

const ROWS_PER_SLICE = 50

/**
 * Rendered component items per (page data, language, component), each with the key it was
 * rendered from. On a live page a new snapshot comes every second or so, but only the components
 * with a new measurement or state differ: the others are not rendered again.
 */
const items = new WeakMap<PageData, Map<string, { key: string; html: string }>>()

/** What a component item shows: the component without its evaluations (not shown), and the UTC day its times are told against. */
function itemKey(component: ComponentStatus, now: number): string {
  const day = new Date(now).toISOString().slice(0, 10)
  return `${day}:${JSON.stringify(component, (key, value: unknown) => (key === 'evaluation' ? undefined : value))}`
}

function componentHtml(component: ComponentStatus, data: PageData, ctx: PageContext, now: number): string {
  let byName = items.get(data)
  if (byName === undefined) items.set(data, (byName = new Map()))
  const name = `${ctx.lang}:${component.name}`
  const key = itemKey(component, now)
  const known = byName.get(name)
  if (known !== undefined && known.key === key) return known.html
  const html = (<ComponentItem component={component} data={data} ctx={ctx} now={now} />).toString()
  byName.set(name, { key, html })
  return html
}

/** Renders the component sections a slice at a time, yielding between slices: a page of
 * thousands of components must not hold the event loop that starts the probes. */
async function renderGroups(snapshot: StatusSnapshot, data: PageData, ctx: PageContext): Promise<string> {
  const sections = groups(snapshot.components, data, ctx.site.groupBy)
  let html = ''
  let rendered = 0
  for (const [index, group] of sections.entries()) {
    const heading = group.name ?? (sections.length > 1 ? ctx.t.otherComponents : ctx.t.components)
    html += `<section aria-labelledby="group-${index}">${(<h2 id={`group-${index}`}>{heading}</h2>).toString()}<ul class="list components">`
    for (const component of group.members) {
      if (rendered > 0 && rendered % ROWS_PER_SLICE === 0) await yieldToLoop()
      html += componentHtml(component, data, ctx, snapshot.generatedAt)
      rendered += 1
    }
    html += '</ul></section>'
  }
  return html
}

const HowMeasured: FC<{ t: Catalogue }> = ({ t }) => (
  <section class="note" aria-labelledby="method">
    <h2 id="method">{t.methodology}</h2>
    <p>{t.barsHelp}</p>
    <p>{t.uptimeHow}</p>
    <dl class="states">
      {PUBLIC_STATES.map((state) => (
        <>
          <dt>
            <StateLabel state={state} t={t} />
          </dt>
          <dd>{t.stateMeaning[state]}</dd>
        </>
      ))}
    </dl>
    <p>
      <a href="/methodology">{t.methodology}</a>
    </p>
  </section>
)

/** What the page is rendered from. */
export interface StatusPageInput {
  ctx: PageContext
  snapshot: StatusSnapshot
  data: PageData
  phaseNames?: PagePhaseNames
  /** The location tab shown (one of the snapshot's locations); absent: all. */
  location?: string
}

/** The configured link to customers' own monitoring (SCS requirement 27). */
const UserMonitoringLink: FC<{ ctx: PageContext }> = ({ ctx }) => {
  const link = ctx.site.userMonitoring
  if (link === null) return <></>
  return (
    <p class="user-monitoring">
      <a href={link.url}>{link.label ?? ctx.t.userMonitoring}</a>
    </p>
  )
}

/**
 * Renders the whole page (with its doctype).
 *
 * @example
 * const html = await renderStatusPage({ ctx, snapshot, data })
 */
export async function renderStatusPage(input: StatusPageInput): Promise<string> {
  const { ctx, snapshot, data } = input
  const selected = input.location ?? null
  const locations = snapshotLocations(snapshot)
  const body = await renderGroups(selected === null ? snapshot : onlyLocation(snapshot, selected), data, ctx)
  const generated = new Date(snapshot.generatedAt).toISOString()
  const overall = STATE_TABLE[snapshot.overall]
  const page = (
    <Layout ctx={ctx} title={ctx.t.statusOf(ctx.site.name)} path={tabHref(selected)} head={locations.length > 1 ? <style>{raw(TAB_STYLES)}</style> : ''}>
      <h1>{ctx.t.statusOf(ctx.site.name)}</h1>
      <p class={`banner state-${overall.css}`} role="status">
        <span class="icon" aria-hidden="true">
          {overall.icon}
        </span>{' '}
        {ctx.t.overall[snapshot.overall]}
        {selected === null ? '' : ` (${ctx.t.overallAcrossLocations})`}
        <small>
          {ctx.t.asOf} <time datetime={generated}>{utcText(snapshot.generatedAt)}</time>
        </small>
      </p>
      {ctx.site.aboutHtml === null ? '' : <div class="prose about">{raw(ctx.site.aboutHtml)}</div>}
      <UserMonitoringLink ctx={ctx} />
      <OpenIncidentsSection incidents={snapshot.incidents} names={input.phaseNames ?? {}} now={snapshot.generatedAt} t={ctx.t} />
      <MaintenanceSection windows={data.maintenance} t={ctx.t} />
      <LocationTabs locations={locations} selected={selected} t={ctx.t} />
      {snapshot.components.length === 0 ? <p>{ctx.t.noComponents}</p> : raw(body)}
      <HowMeasured t={ctx.t} />
    </Layout>
  )
  return `<!doctype html>${page.toString()}`
}
