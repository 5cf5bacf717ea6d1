/**
 * The public words of automatic incidents. Generic on purpose: a component's display name, a
 * location and the state's label from the one state table — never a check name, a URL, a flag
 * value or an error message (those are operator evidence).
 *
 * @module
 */
import { formatDuration, NO_LOCATION, STATE_TABLE, type MeasuredState } from '../core/index.js'

/** A series as the public names it. */
export interface NamedSeries {
  display: string
  location: string
}

/** One change an update reports. */
export type SeriesChange =
  | { kind: 'opened' | 'joined' | 'escalated' | 'lowered' | 'relapsed'; series: NamedSeries; state: MeasuredState }
  | { kind: 'recovered' | 'operational'; series: NamedSeries; quietMs: number }

function where(series: NamedSeries): string {
  return series.location === NO_LOCATION ? series.display : `${series.display} in ${series.location}`
}

function label(state: MeasuredState): string {
  return STATE_TABLE[state].label.toLowerCase()
}

/**
 * The title of an automatic incident: the component, its affected locations and the worst state.
 *
 * @example
 * automaticTitle('Compute', ['R1'], 'degraded') // 'Compute in R1: degraded performance'
 */
export function automaticTitle(display: string, locations: readonly string[], worst: MeasuredState): string {
  const named = locations.filter((location) => location !== NO_LOCATION)
  return `${named.length === 0 ? display : `${display} in ${named.join(', ')}`}: ${label(worst)}`
}

/**
 * Whether a title is one {@link automaticTitle} writes for `display`; a title an operator
 * rewrote is left alone.
 *
 * @example
 * isAutomaticTitle('Compute in R1: major outage', 'Compute') // true
 */
export function isAutomaticTitle(title: string, display: string): boolean {
  if (!title.startsWith(display)) return false
  const rest = title.slice(display.length)
  const labels = Object.values(STATE_TABLE).map((entry) => `: ${entry.label.toLowerCase()}`)
  return labels.some((suffix) => rest.endsWith(suffix) && (rest === suffix || /^ in [A-Za-z0-9._, -]+$/.test(rest.slice(0, -suffix.length))))
}

function sentence(change: SeriesChange): string {
  const name = where(change.series)
  switch (change.kind) {
    case 'opened':
      return `Our monitoring shows ${label(change.state)} of ${name}.`
    case 'joined':
      return `Also affected: ${name} (${label(change.state)}).`
    case 'escalated':
      return `${name}: now ${label(change.state)}.`
    case 'lowered':
      return `${name}: improved to ${label(change.state)}.`
    case 'relapsed':
      return `${name}: ${label(change.state)} again.`
    case 'operational':
      return `${name} is operational again.`
    case 'recovered':
      return `${name} has been operational for ${formatDuration(change.quietMs)}.`
  }
}

/**
 * The text of one automatic update, from the changes it reports.
 *
 * @example
 * updateText([{ kind: 'opened', series: { display: 'Compute', location: 'R1' }, state: 'degraded' }], 'open')
 * // 'Our monitoring shows degraded performance of Compute in R1. We are investigating.'
 */
export function updateText(changes: readonly SeriesChange[], ending: 'open' | 'continue' | 'monitor' | 'resolve', quietMs = 0): string {
  const tails = {
    open: ' We are investigating.',
    continue: '',
    monitor: ` We are monitoring and resolve this incident after ${formatDuration(quietMs)} without failures.`,
    resolve: ' Resolved automatically.',
  }
  const tail = tails[ending]
  return `${changes.map(sentence).join(' ')}${tail}`
}
