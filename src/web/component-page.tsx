/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * A component's page (`/components/<name>`): its state per location with bars and uptime, and a
 * response-time chart of the last 7 days (hourly median and 95th percentile per location). The
 * chart is uPlot from our own origin; a summary sentence and a table carry the same numbers, so
 * the page is complete without JavaScript.
 *
 * @module
 */
import { raw } from 'hono/html'
import type { FC } from 'hono/jsx'
import { seriesId } from '../core/series.js'
import type { ComponentStatus } from '../status/index.js'
import { ComponentPostmortems, type PostmortemLink } from '../postmortems/public/links.js'
import { DayBars, UptimeList } from './day-bars.js'
import { latency, utcText } from './format.js'
import { Layout, StateLabel, type PageContext } from './layout.js'
import type { PageData } from './page-data.js'

/** Hourly response times of one location. */
export interface ResponseSeries {
  location: string
  /** Hour starts (epoch ms), the same for every series of a page. */
  hours: number[]
  p50: (number | null)[]
  p95: (number | null)[]
  counts: number[]
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

const Summary: FC<{ series: ResponseSeries; name: string; ctx: PageContext }> = ({ series, name, ctx }) => {
  const p50 = median(series.p50.filter((v): v is number => v !== null))
  const p95 = median(series.p95.filter((v): v is number => v !== null))
  const hours = series.p50.filter((v) => v !== null).length
  if (hours === 0) return <p>{`${name}: ${ctx.t.noResponseData}`}</p>
  return <p>{ctx.t.chartSummary(name, latency(p50!), latency(p95!), hours)}</p>
}

const ResponseTable: FC<{ series: ResponseSeries; name: string; ctx: PageContext }> = ({ series, name, ctx }) => (
  <details>
    <summary>
      {ctx.t.responseTable}: {name}
    </summary>
    <div class="table-wrap" tabindex={0} role="region" aria-label={`${ctx.t.responseTable}: ${name}`}>
      <table>
        <thead>
          <tr>
            <th scope="col">{ctx.t.hour}</th>
            <th scope="col">{ctx.t.median}</th>
            <th scope="col">{ctx.t.p95}</th>
            <th scope="col">{ctx.t.samples}</th>
          </tr>
        </thead>
        <tbody>
          {series.hours.map((hour, i) =>
            series.counts[i] === 0 ? (
              ''
            ) : (
              <tr>
                <th scope="row">{utcText(hour)}</th>
                <td>{series.p50[i] === null ? '–' : latency(series.p50[i]!)}</td>
                <td>{series.p95[i] === null ? '–' : latency(series.p95[i]!)}</td>
                <td>{series.counts[i]}</td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  </details>
)

/** The chart's data for `/assets/chart.js`: seconds on x, one p50 and one p95 line per location. */
function chartJson(component: ComponentStatus, responses: readonly ResponseSeries[]): string {
  const first = responses[0]
  const data = {
    x: (first?.hours ?? []).map((hour) => hour / 1000),
    series: responses.flatMap((series) => [
      { label: `${component.displayName} ${series.location} p50`, values: series.p50 },
      { label: `${component.displayName} ${series.location} p95`, values: series.p95 },
    ]),
  }
  return JSON.stringify(data).replace(/</g, '\\u003c')
}

/**
 * Renders the component page (with its doctype).
 *
 * @example
 * renderComponentPage({ ctx, component, data, responses })
 */
export function renderComponentPage(input: { ctx: PageContext; component: ComponentStatus; data: PageData; responses: readonly ResponseSeries[]; postmortems?: readonly PostmortemLink[] }): string {
  const { ctx, component, data, responses } = input
  const t = ctx.t
  const hasData = responses.some((series) => series.counts.some((count) => count > 0))
  const head = (
    <>
      <link rel="stylesheet" href="/assets/uplot.min.css" />
      <script src="/assets/uplot.iife.min.js" defer></script>
      <script src="/assets/chart.js" defer></script>
    </>
  )
  const page = (
    <Layout ctx={ctx} title={`${component.displayName} · ${ctx.site.name}`} path={`/components/${encodeURIComponent(component.name)}`} head={hasData ? head : undefined}>
      <p>
        <a href="/">{t.backToStatus}</a>
      </p>
      <h1>
        {component.displayName} <StateLabel state={component.state} t={t} />
      </h1>
      {component.description === null ? '' : <p>{component.description}</p>}
      {component.locations.map((location) => {
        const history = data.series.get(seriesId({ component: component.name, location: location.location }))
        return (
          <section aria-labelledby={`loc-${location.location}`}>
            <h2 id={`loc-${location.location}`}>
              {t.location} {location.location} <StateLabel state={location.state} t={t} />
            </h2>
            <p class="detail">{location.reason}</p>
            {history === undefined ? (
              ''
            ) : (
              <>
                <DayBars history={history} component={component.name} location={location.location} t={t} lang={ctx.lang} label={`${component.displayName} (${location.location}): ${t.ninetyDays}`} />
                <UptimeList uptime={history.uptime} t={t} lang={ctx.lang} />
              </>
            )}
          </section>
        )
      })}
      <section aria-labelledby="response-times">
        <h2 id="response-times">{t.responseTimes}</h2>
        {hasData ? (
          <>
            <div id="chart" class="chart" aria-hidden="true"></div>
            <script type="application/json" id="chart-data">
              {raw(chartJson(component, responses))}
            </script>
          </>
        ) : (
          ''
        )}
        {responses.map((series) => (
          <>
            <Summary series={series} name={`${component.displayName} (${series.location})`} ctx={ctx} />
            {series.counts.some((count) => count > 0) ? <ResponseTable series={series} name={`${component.displayName} (${series.location})`} ctx={ctx} /> : ''}
          </>
        ))}
      </section>
      <ComponentPostmortems links={input.postmortems} lang={ctx.lang} />
    </Layout>
  )
  return `<!doctype html>${page.toString()}`
}
