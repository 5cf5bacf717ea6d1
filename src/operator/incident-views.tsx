/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The incident forms' views: a new incident from a template, and one incident with its
 * updates, the update form (notify or silent), the title form and the resolve form.
 *
 * @module
 */
import type { FC } from 'hono/jsx'
import { NO_LOCATION } from '../core/index.js'
import type { IncidentDetail } from '../incidents/index.js'
import type { SeverityLevel } from '../records/severity.js'
import type { TemplateRow } from '../store/index.js'
import { CsrfField } from './csrf.js'
import { ImpactRows, NotifyChoice, PhasePicker } from './incident-fields.js'
import { WritePostmortemForm } from './postmortems/index.js'

const iso = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`

/** A series the impact picker offers. */
export interface SeriesChoice {
  value: string
  label: string
}

/** The template picker (a GET form, so it works without script) and the prefilled incident form. */
export const NewIncidentView: FC<{ csrf: string; templates: TemplateRow[]; template: TemplateRow | null; series: SeriesChoice[]; levels: SeverityLevel[] }> = ({ csrf, templates, template, series, levels }) => (
  <>
    <form method="get" action="/operator/incidents/new" class="buttons">
      <label for="template">Template</label>
      <select id="template" name="template">
        <option value="">— none —</option>
        {templates.map((row) => (
          <option value={row.name} selected={row.id === template?.id}>
            {row.name}: {row.title}
          </option>
        ))}
      </select>
      <button type="submit">Use template</button>
    </form>
    <form method="post" action="/operator/incidents" class="stack">
      <CsrfField token={csrf} />
      {template === null ? '' : <input type="hidden" name="template" value={template.name} />}
      <label for="title">Title</label>
      <input type="text" id="title" name="title" required maxlength={200} value={template?.title ?? ''} />
      <label for="text">First update (Markdown, public)</label>
      <textarea id="text" name="text" required>
        {template?.text ?? ''}
      </textarea>
      <PhasePicker id="phase" selected={template?.phase ?? 'investigating'} withResolved={false} />
      <ImpactRows impacts={template?.impacts ?? []} series={series} levels={levels} />
      <NotifyChoice idPrefix="create" />
      <button type="submit" class="primary">
        Open incident
      </button>
    </form>
  </>
)

const Updates: FC<{ incident: IncidentDetail }> = ({ incident }) => (
  <ul class="list">
    {[...incident.updates].reverse().map((update) => (
      <li>
        <div class="row">
          <strong>{update.phase}</strong>
          <span class="muted">
            {iso(update.at)} · {update.actor}
          </span>
        </div>
        <div class="prose">{update.text}</div>
      </li>
    ))}
  </ul>
)

const Impacts: FC<{ incident: IncidentDetail }> = ({ incident }) => {
  const open = incident.impacts.filter((impact) => impact.to === null)
  if (open.length === 0) return <p class="muted">No open impacts.</p>
  return (
    <ul>
      {open.map((impact) => (
        <li>
          {impact.component}
          {impact.location === NO_LOCATION ? '' : ` (${impact.location})`}: {impact.type}, severity {impact.severity}
        </li>
      ))}
    </ul>
  )
}

/** One incident: what the public sees, and the forms that change it. */
export const IncidentView: FC<{ csrf: string; incident: IncidentDetail }> = ({ csrf, incident }) => {
  const base = `/operator/incidents/${incident.id}`
  const resolved = incident.phase === 'resolved'
  return (
    <>
      <p class="muted">
        {incident.phase} · {incident.origin} · began {iso(incident.beganAt)}
        {incident.endedAt === null ? '' : ` · ended ${iso(incident.endedAt)}`} · <a href={`/incidents/${incident.id}`}>public page</a>
      </p>
      <h2>Impacts</h2>
      <Impacts incident={incident} />
      {resolved ? (
        <>
          <p>This incident is resolved.</p>
          <WritePostmortemForm csrf={csrf} incidentId={incident.id} />
        </>
      ) : (
        <>
          <h2>Post an update</h2>
          <form method="post" action={`${base}/updates`} class="stack">
            <CsrfField token={csrf} />
            <label for="update-text">Text (Markdown, public)</label>
            <textarea id="update-text" name="text" required></textarea>
            <PhasePicker id="update-phase" selected={incident.phase} />
            <NotifyChoice idPrefix="update" />
            <button type="submit" class="primary">
              Post update
            </button>
          </form>
          <h2>Resolve</h2>
          <form method="post" action={`${base}/resolve`} class="stack">
            <CsrfField token={csrf} />
            <label for="resolve-text">Closing text</label>
            <textarea id="resolve-text" name="text" required>
              The problem is resolved.
            </textarea>
            <NotifyChoice idPrefix="resolve" />
            <button type="submit">Resolve incident</button>
          </form>
        </>
      )}
      <h2>Title</h2>
      <form method="post" action={`${base}/title`} class="stack">
        <CsrfField token={csrf} />
        <label for="edit-title">Title</label>
        <input type="text" id="edit-title" name="title" required maxlength={200} value={incident.title} />
        <button type="submit">Save title</button>
      </form>
      <h2>Updates</h2>
      <Updates incident={incident} />
    </>
  )
}
