/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The availability report page (`/availability`): per (component, location) for one month its
 * measured availability, the time with data (coverage), declared downtime from incidents,
 * maintenance time and the worst day — through a plain GET form (month, component, location)
 * that works without JavaScript. Missing data says "no data", never 100 %.
 *
 * @module
 */
import type { FC } from 'hono/jsx'
import type { AvailabilityLine } from './availability-figures.js'
import type { AvailabilityQuery, QueryIssue } from './availability-query.js'
import { percent } from './format.js'
import type { Language } from './i18n/index.js'
import { Layout, type PageContext } from './layout.js'
import { ComponentSelect, FilterIssues, LocationSelect } from './filter-selects.js'

const MINUTE_MS = 60_000
const HOUR_MS = 60 * MINUTE_MS

/**
 * A span of time as hours and minutes (seconds under a minute).
 *
 * @example
 * span(3 * 3_600_000 + 12 * 60_000) // '3 h 12 min'
 */
export function span(ms: number): string {
  if (ms > 0 && ms < MINUTE_MS) return `${Math.round(ms / 1000)} s`
  const minutes = Math.round(ms / MINUTE_MS)
  const hours = Math.floor(minutes / 60)
  return hours === 0 ? `${minutes} min` : `${hours} h ${minutes % 60} min`
}

/** `2026-11` as "November 2026" in the page's language. */
function monthName(month: string, lang: Language): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month)
  if (match === null) return month
  return new Intl.DateTimeFormat(lang, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(Number(match[1]), Number(match[2]) - 1, 15))
}

const Filters: FC<{ query: AvailabilityQuery; ctx: PageContext; components: readonly { name: string; displayName: string }[]; locations: readonly string[] }> = ({
  query,
  ctx,
  components,
  locations,
}) => {
  const t = ctx.t
  return (
    <form class="filters" method="get" action="/availability" aria-label={t.filter}>
      <label>
        {t.month}
        <input type="month" name="month" value={query.month} />
      </label>
      <ComponentSelect ctx={ctx} components={components} selected={query.component} />
      <LocationSelect ctx={ctx} locations={locations} selected={query.location} />
      <input type="hidden" name="lang" value={ctx.lang} />
      <button type="submit">{t.showReport}</button>
    </form>
  )
}

const Line: FC<{ line: AvailabilityLine; ctx: PageContext }> = ({ line, ctx }) => {
  const { t, lang } = ctx
  const noData = <span class="no-data">{t.noData}</span>
  return (
    <tr>
      <th scope="row">
        <a href={`/components/${encodeURIComponent(line.component)}`}>{line.displayName}</a>
      </th>
      <td>{line.location}</td>
      <td class="availability">{line.availability === null ? noData : percent(line.availability, lang)}</td>
      <td class="coverage">{line.coverage === null || line.dataMs === 0 ? noData : `${percent(line.coverage, lang)} (${span(line.dataMs)})`}</td>
      <td class="declared">{line.declaredDownMs === 0 ? t.none : span(line.declaredDownMs)}</td>
      <td class="maintenance">{line.maintenanceMs === 0 ? t.none : span(line.maintenanceMs)}</td>
      <td class="worst">{line.worstDay === null ? noData : `${line.worstDay.day}: ${percent(line.worstDay.availability, lang)}`}</td>
    </tr>
  )
}

const Report: FC<{ lines: readonly AvailabilityLine[]; ctx: PageContext; month: string }> = ({ lines, ctx, month }) => {
  const t = ctx.t
  if (lines.length === 0) return <p>{t.noSeries}</p>
  return (
    <div class="table-wrap">
      <table class="availability-report">
        <caption>{t.availabilityTitle(monthName(month, ctx.lang))}</caption>
        <thead>
          <tr>
            <th scope="col">{t.components}</th>
            <th scope="col">{t.location}</th>
            <th scope="col">{t.measuredAvailability}</th>
            <th scope="col">{t.timeWithData}</th>
            <th scope="col">{t.declaredDowntime}</th>
            <th scope="col">{t.maintenanceTime}</th>
            <th scope="col">{t.worstDay}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <Line line={line} ctx={ctx} />
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** What the availability page shows. */
export interface AvailabilityPageInput {
  ctx: PageContext
  query: AvailabilityQuery
  issues: readonly QueryIssue[]
  lines: readonly AvailabilityLine[]
  /** True when the month runs past now (its figures stop at now). */
  running: boolean
  components: readonly { name: string; displayName: string }[]
  locations: readonly string[]
  path: string
}

/**
 * Renders the availability report page (with its doctype).
 *
 * @example
 * renderAvailabilityPage({ ctx, query, issues: [], lines, running: false, components, locations, path: '/availability' })
 */
export function renderAvailabilityPage(input: AvailabilityPageInput): string {
  const { ctx } = input
  const t = ctx.t
  const heading = input.issues.length === 0 ? t.availabilityTitle(monthName(input.query.month, ctx.lang)) : t.availabilityReport
  const page = (
    <Layout ctx={ctx} title={`${heading} · ${ctx.site.name}`} path={input.path}>
      <h1>{heading}</h1>
      <Filters query={input.query} ctx={ctx} components={input.components} locations={input.locations} />
      {input.issues.length === 0 ? (
        <>
          {input.running ? <p class="note">{t.monthNotComplete}</p> : ''}
          <Report lines={input.lines} ctx={ctx} month={input.query.month} />
        </>
      ) : (
        <FilterIssues issues={input.issues} />
      )}
      <p class="method">
        {t.availabilityHow} <a href="/methodology">{t.methodology}</a>
      </p>
    </Layout>
  )
  return `<!doctype html>${page.toString()}`
}
