/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The editor page's parts around the form: the linked incidents, the workflow buttons (submit,
 * send back, publish with notify or silent), the measured impact with "Refresh from evidence",
 * and the revisions.
 *
 * @module
 */
import type { FC } from 'hono/jsx'
import type { MeasuredImpact, Postmortem, PostmortemRevision } from '../../postmortems/types.js'
import { CsrfField } from '../csrf.js'
import { NotifyChoice } from '../incident-fields.js'
import { duration, percent, STATUS_WORDS, utc } from './format.js'

/** An incident as the pages name it. */
export interface IncidentRef {
  id: string
  title: string
  resolved: boolean
}

/** Links to the linked incidents' operator pages. */
export const IncidentLinks: FC<{ incidents: IncidentRef[] }> = ({ incidents }) => (
  <>
    {incidents.map((incident, index) => (
      <>
        {index === 0 ? '' : ', '}
        <a href={`/operator/incidents/${incident.id}`}>{incident.title}</a>
        {incident.resolved ? '' : ' (open)'}
      </>
    ))}
  </>
)

const Transition: FC<{ csrf: string; postmortem: Postmortem; to: Postmortem['status']; label: string; notify?: boolean }> = ({ csrf, postmortem, to, label, notify = false }) => (
  <form method="post" action={`/operator/postmortems/${postmortem.id}/transition`} class="stack">
    <CsrfField token={csrf} />
    <input type="hidden" name="revision" value={String(postmortem.revision)} />
    <input type="hidden" name="to" value={to} />
    {notify ? <NotifyChoice idPrefix="publish" /> : ''}
    <button type="submit" class={to === 'published' ? 'primary' : undefined}>
      {label}
    </button>
  </form>
)

/** The workflow buttons the status allows (unsaved edits in the editor form are not sent). */
export const WorkflowForms: FC<{ csrf: string; postmortem: Postmortem }> = ({ csrf, postmortem }) => {
  if (postmortem.status === 'draft') return <Transition csrf={csrf} postmortem={postmortem} to="in_review" label="Submit for review" />
  if (postmortem.status === 'in_review')
    return (
      <div class="buttons">
        <Transition csrf={csrf} postmortem={postmortem} to="draft" label="Send back" />
        <Transition csrf={csrf} postmortem={postmortem} to="published" label="Publish" notify />
      </div>
    )
  return (
    <p>
      Published {postmortem.publishedAt === null ? '' : utc(postmortem.publishedAt)} at <a href={`/postmortems/${postmortem.id}`}>{`/postmortems/${postmortem.id}`}</a>. Every change is kept as a revision and needs a change note.
    </p>
  )
}

/** The measured impact (read-only) and the form that rebuilds it and the timeline from evidence. */
export const ImpactView: FC<{ csrf: string; postmortem: Postmortem }> = ({ csrf, postmortem }) => {
  const impact: MeasuredImpact = postmortem.impact
  return (
    <section aria-labelledby="measured-impact">
      <h2 id="measured-impact">Measured impact</h2>
      <p>
        {utc(impact.from)} – {impact.to === null ? 'still open' : utc(impact.to)} ({duration(impact.durationMs)})
      </p>
      {impact.series.length === 0 ? (
        <p class="muted">No affected series with measurements.</p>
      ) : (
        <table class="grid">
          <thead>
            <tr>
              <th>Component</th>
              <th>Location</th>
              <th>Availability</th>
              <th>Error rate</th>
              <th>Results</th>
              <th>Down</th>
              <th>No data</th>
            </tr>
          </thead>
          <tbody>
            {impact.series.map((series) => (
              <tr>
                <td>{series.component}</td>
                <td>{series.location}</td>
                <td>{percent(series.availability)}</td>
                <td>{percent(series.errorRate)}</td>
                <td>{series.results}</td>
                <td>{series.downMinutes} min</td>
                <td>{series.noDataMinutes} min</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="muted">
        Computed {utc(impact.computedAt)}: {impact.method}
      </p>
      <form method="post" action={`/operator/postmortems/${postmortem.id}/refresh`}>
        <CsrfField token={csrf} />
        <input type="hidden" name="revision" value={String(postmortem.revision)} />
        <button type="submit">Refresh from evidence</button> <span class="muted">(rebuilds the numbers and the generated timeline; annotations and notes stay)</span>
      </form>
    </section>
  )
}

/** Every stored revision, newest first. */
export const RevisionList: FC<{ revisions: PostmortemRevision[] }> = ({ revisions }) => (
  <section aria-labelledby="revisions">
    <h2 id="revisions">Revisions</h2>
    <table class="grid">
      <thead>
        <tr>
          <th>Revision</th>
          <th>Time</th>
          <th>By</th>
          <th>Status</th>
          <th>Change note</th>
        </tr>
      </thead>
      <tbody>
        {[...revisions].reverse().map((revision) => (
          <tr>
            <td>{revision.revision}</td>
            <td>{utc(revision.at)}</td>
            <td>{revision.actor}</td>
            <td>{STATUS_WORDS[revision.status]}</td>
            <td>{revision.changeNote ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </section>
)
