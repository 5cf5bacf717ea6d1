/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The recurring-series form of the operator UI: texts, components, duration, and the schedule by
 * weekdays and a time or by a cron expression, in a time zone.
 *
 * @module
 */
import type { FC } from 'hono/jsx'
import { formatDuration } from '../../core/index.js'
import type { SeriesView } from '../../incidents/index.js'
import { WEEKDAY_NAMES } from '../../maintenance-series/index.js'
import { CsrfField } from '../csrf.js'
import { NotifyChoice } from '../incident-fields.js'
import { ComponentBoxes, type ComponentChoice } from './views.js'

const WEEKDAY_LABELS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']

/** The series form: empty to create, filled to edit (`series`). */
export const SeriesForm: FC<{ csrf: string; components: ComponentChoice[]; series?: SeriesView }> = ({ csrf, components, series }) => {
  const schedule = series?.schedule
  const byCron = schedule !== undefined && 'cron' in schedule
  const weekdays = new Set(schedule !== undefined && 'weekdays' in schedule ? schedule.weekdays : [])
  return (
    <form method="post" action={series === undefined ? '/operator/maintenance/series' : `/operator/maintenance/series/${series.id}`}>
      <CsrfField token={csrf} />
      <label for="title">Title</label>
      <input type="text" id="title" name="title" required value={series?.title ?? ''} />
      <label for="description">Description (Markdown)</label>
      <textarea id="description" name="description">{series?.description ?? ''}</textarea>
      <ComponentBoxes components={components} checked={new Set(series?.targets.map((target) => target.component) ?? [])} />
      <label for="duration">Duration of each window (e.g. 90m, 2h)</label>
      <input type="text" id="duration" name="duration" required value={series === undefined ? '2h' : formatDuration(series.durationMs)} />
      <fieldset>
        <legend>Repeats</legend>
        <input type="radio" id="kind-weekdays" name="kind" value="weekdays" checked={!byCron} />
        <label for="kind-weekdays">On weekdays at a time</label>
        <div>
          {WEEKDAY_NAMES.map((day, index) => (
            <span>
              <input type="checkbox" id={`weekday-${day}`} name="weekday" value={day} checked={weekdays.has(day)} />
              <label for={`weekday-${day}`}>{WEEKDAY_LABELS[index]}</label>{' '}
            </span>
          ))}
        </div>
        <label for="at">At (HH:MM, local)</label>
        <input type="text" id="at" name="at" value={schedule !== undefined && 'at' in schedule ? schedule.at : '02:00'} />
        <input type="radio" id="kind-cron" name="kind" value="cron" checked={byCron} />
        <label for="kind-cron">By a cron expression (minute hour day-of-month month day-of-week)</label>
        <input type="text" id="cron" name="cron" aria-label="Cron expression" value={byCron ? schedule.cron : ''} />
      </fieldset>
      <label for="timeZone">Time zone</label>
      <input type="text" id="timeZone" name="timeZone" value={schedule?.timeZone ?? 'UTC'} />
      <NotifyChoice idPrefix="series" />
      <button type="submit">{series === undefined ? 'Create series' : 'Save series'}</button>
    </form>
  )
}
