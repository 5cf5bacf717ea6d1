/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The maintenance pages of the operator UI: the list (upcoming, in progress, past, series), the
 * window form (schedule or edit, and cancel), and the minimum-notice confirm step. Times are
 * entered as local date-times in a chosen time zone.
 *
 * @module
 */
import type { FC } from 'hono/jsx'
import type { MaintenanceView, SeriesView } from '../../incidents/index.js'
import { CsrfField } from '../csrf.js'
import { NotifyChoice } from '../incident-fields.js'
import { localValue } from './fields.js'

/** A component the forms offer. */
export interface ComponentChoice {
  name: string
  displayName: string
}

const utc = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`

const WindowRows: FC<{ windows: MaintenanceView[]; empty: string }> = ({ windows, empty }) =>
  windows.length === 0 ? (
    <p class="muted">{empty}</p>
  ) : (
    <ul class="list">
      {windows.map((window) => (
        <li class="row">
          <a class="name" href={`/operator/maintenance/${window.id}`}>
            {window.title}
          </a>
          <span class="muted">
            {window.status} · {utc(window.start)} – {utc(window.end)}
            {window.managed === 'config' ? ` · declared in ${window.source ?? 'config'}` : ''}
          </span>
        </li>
      ))}
    </ul>
  )

/** The list page: windows by where they are in their life, and the recurring series. */
export const MaintenanceList: FC<{ windows: MaintenanceView[]; series: SeriesView[] }> = ({ windows, series }) => {
  const by = (status: MaintenanceView['status']) => windows.filter((window) => window.status === status)
  const past = windows.filter((window) => window.status === 'completed' || window.status === 'cancelled').sort((a, b) => b.start - a.start)
  return (
    <>
      <p>
        <a href="/operator/maintenance/new">Schedule a window…</a> · <a href="/operator/maintenance/series/new">New recurring series…</a>
      </p>
      <h2>In progress</h2>
      <WindowRows windows={by('in_progress')} empty="Nothing in progress." />
      <h2>Upcoming</h2>
      <WindowRows windows={by('scheduled').sort((a, b) => a.start - b.start)} empty="Nothing scheduled." />
      <h2>Recurring series</h2>
      {series.length === 0 ? (
        <p class="muted">No recurring series.</p>
      ) : (
        <ul class="list">
          {series.map((entry) => (
            <li class="row">
              <a class="name" href={`/operator/maintenance/series/${entry.id}`}>
                {entry.title}
              </a>
              <span class="muted">
                {entry.status} · {'cron' in entry.schedule ? `cron ${entry.schedule.cron}` : `${entry.schedule.weekdays.join(', ')} at ${entry.schedule.at}`} ({entry.schedule.timeZone})
                {entry.next === null ? '' : ` · next ${utc(entry.next)}`}
              </span>
            </li>
          ))}
        </ul>
      )}
      <h2>Past</h2>
      <WindowRows windows={past.slice(0, 20)} empty="No past windows." />
    </>
  )
}

/** Checkboxes of the components (all their locations). */
export const ComponentBoxes: FC<{ components: ComponentChoice[]; checked: ReadonlySet<string> }> = ({ components, checked }) => (
  <fieldset>
    <legend>Components</legend>
    {components.map((component, index) => (
      <div>
        <input type="checkbox" id={`component-${index}`} name="component" value={component.name} checked={checked.has(component.name)} />
        <label for={`component-${index}`}>{component.displayName}</label>
      </div>
    ))}
  </fieldset>
)

/** The window form: empty to schedule, filled to edit (`window`). */
export const WindowForm: FC<{ csrf: string; components: ComponentChoice[]; window?: MaintenanceView; timeZone: string }> = ({ csrf, components, window, timeZone }) => (
  <form method="post" action={window === undefined ? '/operator/maintenance' : `/operator/maintenance/${window.id}`}>
    <CsrfField token={csrf} />
    <label for="title">Title</label>
    <input type="text" id="title" name="title" required value={window?.title ?? ''} />
    <label for="description">Description (Markdown)</label>
    <textarea id="description" name="description">{window?.description ?? ''}</textarea>
    <ComponentBoxes components={components} checked={new Set(window?.targets.map((target) => target.component) ?? [])} />
    <label for="start">Start</label>
    <input type="datetime-local" id="start" name="start" required value={window === undefined ? '' : localValue(window.start, timeZone)} />
    <label for="end">End</label>
    <input type="datetime-local" id="end" name="end" required value={window === undefined ? '' : localValue(window.end, timeZone)} />
    <label for="timeZone">Time zone of start and end</label>
    <input type="text" id="timeZone" name="timeZone" value={timeZone} />
    <NotifyChoice idPrefix="window" />
    <button type="submit">{window === undefined ? 'Schedule' : 'Save'}</button>
  </form>
)

/** Cancelling a window (or a series: `action`), notify or silent. */
export const CancelForm: FC<{ csrf: string; action: string; label: string }> = ({ csrf, action, label }) => (
  <form method="post" action={action}>
    <CsrfField token={csrf} />
    <NotifyChoice idPrefix="cancel" />
    <button type="submit">{label}</button>
  </form>
)

/**
 * The minimum-notice confirm step: the warning, and the same form posted again with
 * `confirm=yes` (every field as it was entered).
 */
export const ConfirmNotice: FC<{ csrf: string; action: string; warnings: string[]; form: Record<string, unknown>; back: string }> = ({ csrf, action, warnings, form, back }) => (
  <form method="post" action={action}>
    <CsrfField token={csrf} />
    {warnings.map((warning) => (
      <p class="flash flash-error" role="alert">
        {warning[0]!.toUpperCase() + warning.slice(1)} — schedule anyway?
      </p>
    ))}
    {Object.entries(form)
      .filter(([name]) => name !== '_csrf' && name !== 'confirm')
      .flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === 'string').map((item) => <input type="hidden" name={name} value={item} />))}
    <input type="hidden" name="confirm" value="yes" />
    <button type="submit">Schedule anyway</button> <a href={back}>Back to the form</a>
  </form>
)
