/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The home page's light 90-day bar: consecutive days in the same state become one run — one
 * link and one `<rect>` whose `<title>` names the range, the state and (for operational runs)
 * the lowest day's availability. Only operational days and days without data join runs, and
 * only when no incident touched them; every other day (degraded, outage, maintenance, any
 * incident) keeps its own link with the full day title, so its details still show on hover and
 * keyboard focus. A healthy series is one element instead of 90; the component page keeps the
 * bar of every day ({@link DayBars}).
 *
 * @module
 */
import type { FC } from 'hono/jsx'
import type { PublicState } from '../core/public-state.js'
import { STATE_TABLE } from '../core/state-table.js'
import { BAR_GEOMETRY, daysHref, dayState, dayText } from './day-bars.js'
import { percent } from './format.js'
import type { Catalogue } from './i18n/index.js'
import type { SeriesHistory } from './page-data.js'

type Day = SeriesHistory['days'][number]

/** Consecutive days drawn as one bar: `days` has one element when the day stands alone. */
export interface DayRun {
  state: PublicState
  /** Index of the first day in the bar. */
  first: number
  days: Day[]
}

const JOINS_RUNS: ReadonlySet<PublicState> = new Set(['operational', 'no_data'])

/**
 * Splits a bar's days into runs of equal days (see the module comment for which days join).
 *
 * @example
 * dayRuns(history.days).length // 1 for 90 clean days
 */
export function dayRuns(days: readonly Day[]): DayRun[] {
  const runs: DayRun[] = []
  days.forEach((day, index) => {
    const state = dayState(day)
    const joins = JOINS_RUNS.has(state) && day.incidents.length === 0
    const last = runs.at(-1)
    const lastJoins = last !== undefined && JOINS_RUNS.has(last.state) && last.days.at(-1)!.incidents.length === 0
    if (joins && lastJoins && last.state === state) last.days.push(day)
    else runs.push({ state, first: index, days: [day] })
  })
  return runs
}

function runText(run: DayRun, t: Catalogue, lang: string): string {
  const first = run.days[0]!
  const last = run.days.at(-1)!
  const parts = [`${first.label} – ${last.label}`, t.stateLabel?.[run.state] ?? STATE_TABLE[run.state].label, t.runDays(run.days.length)]
  const lowest = Math.min(...run.days.map((day) => day.availability ?? 1))
  parts.push(run.state === 'no_data' ? t.dayNoData : t.runLowest(percent(lowest, lang)))
  return parts.join(' · ')
}

/**
 * One series' bar of runs.
 *
 * @example
 * <RunBars history={history} component="compute" location="R1" t={t} lang="en" label="Compute: 90 days" />
 */
export const RunBars: FC<{ history: SeriesHistory; component: string; location: string; t: Catalogue; lang: string; label: string }> = ({
  history,
  component,
  location,
  t,
  lang,
  label,
}) => {
  const { step, width, top, height } = BAR_GEOMETRY
  return (
    <svg class="bar" viewBox={`0 0 ${history.days.length * step} ${top + height}`} preserveAspectRatio="none" role="group" aria-label={label}>
      {dayRuns(history.days).map((run) => {
        const single = run.days.length === 1
        const day = run.days[0]!
        const short = run.state === 'no_data'
        return (
          <a href={daysHref(day.label, run.days.at(-1)!.label, component, location)}>
            <title>{single ? dayText(day, t, lang) : runText(run, t, lang)}</title>
            <rect
              class={`day d-${STATE_TABLE[run.state].css}`}
              x={run.first * step}
              y={short ? top + height / 2 : top}
              width={(run.days.length - 1) * step + width}
              height={short ? height / 2 : height}
            />
            {day.incidents.length > 0 ? <rect class="mark" x={run.first * step} y={0} width={width} height={4} /> : ''}
          </a>
        )
      })}
    </svg>
  )
}
