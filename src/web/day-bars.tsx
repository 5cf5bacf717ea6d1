/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The 90-day bar of one (component, location) as inline SVG: one bar per calendar day coloured
 * by its measured availability, a mark above days an incident touched, and every day a link (to
 * that day in the history) with a `<title>`, so its details show on hover and keyboard focus and
 * work without JavaScript (the `<title>` is also the link's accessible name). Below it, the
 * uptime of each window.
 *
 * @module
 */
import type { FC } from 'hono/jsx'
import type { PublicState } from '../core/public-state.js'
import { STATE_TABLE } from '../core/state-table.js'
import { percent } from './format.js'
import type { Catalogue } from './i18n/index.js'
import type { SeriesHistory } from './page-data.js'
import { UPTIME_WINDOWS, type DayFigure, type UptimeFigure } from './uptime.js'

/**
 * The state a day's bar shows: no data without measurements (maintenance when the day was only
 * maintenance), else by measured availability — ≥ 99.9 % operational, ≥ 99 % degraded, ≥ 95 %
 * partial outage, below that major outage. Documented in docs/status-page.md ("The public page").
 *
 * @example
 * dayState({ availability: 0.995, coverage: 1, maintenanceMs: 0 }) // 'degraded'
 */
export function dayState(day: Pick<DayFigure, 'availability' | 'maintenanceMs' | 'coverage'>): PublicState {
  if (day.availability === null) return day.maintenanceMs > 0 && day.coverage === 0 ? 'maintenance' : 'no_data'
  if (day.availability >= 0.999) return 'operational'
  if (day.availability >= 0.99) return 'degraded'
  return day.availability >= 0.95 ? 'partial_outage' : 'major_outage'
}

/** The geometry of a bar: a day's slot, the width of its rect, the room for marks, the height. */
export const BAR_GEOMETRY = { step: 6, width: 4, top: 7, height: 29 } as const
const { step: STEP, width: WIDTH, top: TOP, height: HEIGHT } = BAR_GEOMETRY

/**
 * A day's title: date, state, availability and coverage, and its incidents.
 *
 * @example
 * dayText(day, catalogue('en'), 'en') // '2026-12-03 · Partial outage · 98 % measured availability, 100 % covered · 1 incident: …'
 */
export function dayText(day: SeriesHistory['days'][number], t: Catalogue, lang: string): string {
  const parts = [day.label]
  const state = dayState(day)
  parts.push(t.stateLabel?.[state] ?? STATE_TABLE[state].label)
  if (day.availability === null) parts.push(t.dayNoData)
  else parts.push(`${t.dayAvailability(percent(day.availability, lang))}, ${t.covered(percent(day.coverage, lang))}`)
  if (day.incidents.length > 0) parts.push(`${t.dayIncidents(day.incidents.length)}: ${day.incidents.map((incident) => incident.title).join('; ')}`)
  return parts.join(' · ')
}

/**
 * Where a day's (or a run's) link goes: those days in the history, filtered to the series.
 *
 * @example
 * daysHref('2026-12-01', '2026-12-03', 'compute', 'R1') // '/history?from=2026-12-01&to=2026-12-03&component=compute&location=R1'
 */
export function daysHref(from: string, to: string, component: string, location: string): string {
  const query = new URLSearchParams({ from, to, component, location })
  return `/history?${query.toString()}`
}

/**
 * One series' bar.
 *
 * @example
 * <DayBars history={history} component="compute" location="R1" t={t} lang="en" />
 */
export const DayBars: FC<{ history: SeriesHistory; component: string; location: string; t: Catalogue; lang: string; label: string }> = ({
  history,
  component,
  location,
  t,
  lang,
  label,
}) => (
  <svg class="bar" viewBox={`0 0 ${history.days.length * STEP} ${TOP + HEIGHT}`} preserveAspectRatio="none" role="group" aria-label={label}>
    {history.days.map((day, i) => {
      const state = dayState(day)
      const text = dayText(day, t, lang)
      const short = state === 'no_data'
      return (
        <a href={daysHref(day.label, day.label, component, location)}>
          <title>{text}</title>
          <rect class={`day d-${STATE_TABLE[state].css}`} x={i * STEP} y={short ? TOP + HEIGHT / 2 : TOP} width={WIDTH} height={short ? HEIGHT / 2 : HEIGHT} />
          {day.incidents.length > 0 ? <rect class="mark" x={i * STEP} y={0} width={WIDTH} height={4} /> : ''}
        </a>
      )
    })}
  </svg>
)

function uptimeText(figure: UptimeFigure, t: Catalogue, lang: string): string {
  if (figure.availability === null) return t.dayNoData
  const value = percent(figure.availability, lang)
  return figure.coverage >= 0.9995 ? value : `${value} (${t.covered(percent(figure.coverage, lang))})`
}

/**
 * The uptime windows of a series as a definition list.
 *
 * @example
 * <UptimeList uptime={history.uptime} t={t} lang="en" />
 */
export const UptimeList: FC<{ uptime: SeriesHistory['uptime']; t: Catalogue; lang: string }> = ({ uptime, t, lang }) => (
  <dl class="uptime" aria-label={t.uptime}>
    {UPTIME_WINDOWS.map((window) => (
      <div>
        <dt>{t.windows[window]}</dt>
        <dd>{uptimeText(uptime[window], t, lang)}</dd>
      </div>
    ))}
  </dl>
)
