/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * Form pieces the incident forms share — phase picker, notify-or-silent choice, impact rows —
 * and the parsing of what they post.
 *
 * @module
 */
import type { FC } from 'hono/jsx'
import { INCIDENT_PHASES, NO_LOCATION, type IncidentPhase } from '../core/index.js'
import { InvalidInputError, type ImpactInput } from '../incidents/index.js'
import type { SeverityLevel } from '../records/severity.js'
import { field } from './writes.js'

/** The phase select; `resolved` only where asked. */
export const PhasePicker: FC<{ selected: IncidentPhase; id: string; withResolved?: boolean }> = ({ selected, id, withResolved = true }) => (
  <>
    <label for={id}>Phase</label>
    <select id={id} name="phase">
      {INCIDENT_PHASES.filter((phase) => withResolved || phase !== 'resolved').map((phase) => (
        <option value={phase} selected={phase === selected}>
          {phase}
        </option>
      ))}
    </select>
  </>
)

/** The choice every publishing form makes: tell subscribers, or post silently. */
export const NotifyChoice: FC<{ idPrefix: string }> = ({ idPrefix }) => (
  <fieldset>
    <legend>Subscribers</legend>
    <input type="radio" id={`${idPrefix}-notify`} name="notify" value="yes" checked />
    <label for={`${idPrefix}-notify`}>Notify subscribers</label>{' '}
    <input type="radio" id={`${idPrefix}-silent`} name="notify" value="no" />
    <label for={`${idPrefix}-silent`}>Silent (no e-mail or webhook)</label>
  </fieldset>
)

/** `notify=yes|no` as the service's flag; anything else is refused. */
export function notifyOf(form: Record<string, unknown>): boolean {
  const value = field(form, 'notify')
  if (value === 'yes') return true
  if (value === 'no') return false
  throw new InvalidInputError([{ path: 'notify', message: 'choose "Notify subscribers" or "Silent"' }])
}

/** One impact as a checkbox value: `component|location|type|severity`. */
export function impactValue(impact: { component: string; location: string; type: string; severity: number }): string {
  return [impact.component, impact.location, impact.type, String(impact.severity)].join('|')
}

/** The impacts a form posts: checked `impact` boxes plus the optional added row. */
export function impactsOf(form: Record<string, unknown>): ImpactInput[] {
  const checked = form.impact === undefined ? [] : Array.isArray(form.impact) ? form.impact : [form.impact]
  const impacts = checked.filter((value): value is string => typeof value === 'string').map((value) => {
    const [component = '', location = NO_LOCATION, type = 'Unknown', severity = ''] = value.split('|')
    return { component, location, type, severity: Number(severity) }
  })
  const series = field(form, 'addSeries')
  if (series !== '') {
    const [component = '', location = NO_LOCATION] = series.split('|')
    impacts.push({ component, location, type: field(form, 'addType') || 'Unknown', severity: Number(field(form, 'addSeverity')) })
  }
  return impacts
}

/** The impacts of a template as checked boxes, and one row to add a series. */
export const ImpactRows: FC<{ impacts: { component: string; location: string; type: string; severity: number }[]; series: { value: string; label: string }[]; levels: SeverityLevel[] }> = ({
  impacts,
  series,
  levels,
}) => (
  <fieldset>
    <legend>Impacts</legend>
    {impacts.map((impact, index) => (
      <div>
        <input type="checkbox" id={`impact-${index}`} name="impact" value={impactValue(impact)} checked />
        <label for={`impact-${index}`}>
          {impact.component} {impact.location === NO_LOCATION ? '' : `(${impact.location})`}: {impact.type}, severity {impact.severity}
        </label>
      </div>
    ))}
    <label for="add-series">Add an impact on</label>
    <select id="add-series" name="addSeries">
      <option value="">— none —</option>
      {series.map((entry) => (
        <option value={entry.value}>{entry.label}</option>
      ))}
    </select>
    <label for="add-severity">Severity</label>
    <select id="add-severity" name="addSeverity">
      {levels.slice(1).map((level) => (
        <option value={String(level.value)}>
          {level.name} ({level.value})
        </option>
      ))}
    </select>
    <label for="add-type">Impact type</label>
    <input type="text" id="add-type" name="addType" placeholder="Unknown" />
  </fieldset>
)
