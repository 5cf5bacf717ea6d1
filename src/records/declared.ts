/**
 * Declared availability: availability as the incidents say it, beside the measured one.
 *
 * At each moment a series is in maintenance if a severity-0 impact on it is active; otherwise
 * its worst active impact (highest severity) decides: the weight `w` of that impact's severity
 * level counts `w` of the time as down and `1 − w` as up. Time without active impacts is up.
 *
 * @module
 */
import { seriesId, type SeriesKey } from '../core/index.js'
import type { Interval } from './coverage.js'
import {
  DEFAULT_SEVERITY_LEVELS,
  MAINTENANCE_LEVEL,
  checkSeverityLevels,
  defaultSeverityWeights,
  severityLevelName,
  type SeverityLevel,
} from './severity.js'

/** One impact of an incident on a series; `to` null while the incident is open. */
export interface Impact extends SeriesKey {
  severity: number
  from: number
  to: number | null
}

/** How declared availability is weighed. */
export interface DeclaredOptions {
  levels?: readonly SeverityLevel[]
  /** Weight per level name (0…1); default 1 for the top level, 0 below. */
  weights?: Readonly<Record<string, number>>
  /** Open impacts and the range end at `now` (default: the range end). */
  now?: number
  /** Series to report even without impacts (they show 100 %). */
  series?: readonly SeriesKey[]
}

/** Declared figures of one series over a range, in ms. */
export interface DeclaredFigures {
  /** Time up: no active impact, plus the unweighted share of weighted impacts. */
  upMs: number
  /** Time down: each impact's time × the weight of its severity level. */
  downMs: number
  /** Time under a severity-0 (maintenance) impact; outside the denominator. */
  maintenanceMs: number
  /** `upMs / (upMs + downMs)`, or null when that is 0 / 0. */
  availability: number | null
  /** Time whose worst active impact fell in each level (by name, `maintenance` for 0). */
  byLevel: Record<string, number>
}

/** The declared figures of one series. */
export interface DeclaredSeries {
  series: SeriesKey
  figures: DeclaredFigures
}

function checkImpact(impact: Impact): void {
  severityLevelName(impact.severity)
  if (impact.to !== null && impact.to < impact.from) throw new RangeError(`impact on ${seriesId(impact)} ends before it begins`)
}

function figuresOf(impacts: readonly Impact[], span: Interval, levels: readonly SeverityLevel[], weights: Readonly<Record<string, number>>): DeclaredFigures {
  const figures: DeclaredFigures = { upMs: 0, downMs: 0, maintenanceMs: 0, availability: null, byLevel: {} }
  const clipped = impacts
    .map((impact) => ({ severity: impact.severity, from: Math.max(impact.from, span.from), to: Math.min(impact.to ?? span.to, span.to) }))
    .filter((impact) => impact.to > impact.from)
  const points = [...new Set([span.from, span.to, ...clipped.flatMap((impact) => [impact.from, impact.to])])].sort((a, b) => a - b)
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i]!
    const length = points[i + 1]! - from
    const active = clipped.filter((impact) => impact.from <= from && from < impact.to).map((impact) => impact.severity)
    if (active.length === 0) {
      figures.upMs += length
      continue
    }
    const level = active.includes(0) ? MAINTENANCE_LEVEL : severityLevelName(Math.max(...active), levels)
    figures.byLevel[level] = (figures.byLevel[level] ?? 0) + length
    if (level === MAINTENANCE_LEVEL) figures.maintenanceMs += length
    else {
      const weight = weights[level] ?? 0
      figures.downMs += weight * length
      figures.upMs += (1 - weight) * length
    }
  }
  const denominator = figures.upMs + figures.downMs
  figures.availability = denominator === 0 ? null : figures.upMs / denominator
  return figures
}

/**
 * Declared availability per series over `range`. Pass only impacts of incidents (a maintenance
 * window that is not an incident goes in as a severity-0 impact); the status model's no-data
 * projection is not an incident and never declared downtime.
 *
 * @example
 * declaredAvailability([{ component: 'compute', location: 'R1', severity: 80, from, to }], { from: monthStart, to: monthEnd })
 * // [{ series: { component: 'compute', location: 'R1' }, figures: { downMs: to - from, … } }]
 */
export function declaredAvailability(impacts: readonly Impact[], range: Interval, options: DeclaredOptions = {}): DeclaredSeries[] {
  const levels = options.levels ?? DEFAULT_SEVERITY_LEVELS
  checkSeverityLevels(levels)
  const weights = options.weights ?? defaultSeverityWeights(levels)
  for (const [name, weight] of Object.entries(weights)) {
    if (!(weight >= 0 && weight <= 1)) throw new RangeError(`weight of ${name} must be within 0–1: ${weight}`)
  }
  impacts.forEach(checkImpact)
  const span = { from: range.from, to: Math.max(range.from, Math.min(range.to, options.now ?? range.to)) }
  const bySeries = new Map<string, { series: SeriesKey; impacts: Impact[] }>()
  const entry = (key: SeriesKey): { series: SeriesKey; impacts: Impact[] } => {
    const id = seriesId(key)
    let found = bySeries.get(id)
    if (found === undefined) bySeries.set(id, (found = { series: { component: key.component, location: key.location }, impacts: [] }))
    return found
  }
  for (const key of options.series ?? []) entry(key)
  for (const impact of impacts) entry(impact).impacts.push(impact)
  return [...bySeries.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, { series, impacts: own }]) => ({ series, figures: figuresOf(own, span, levels, weights) }))
}
