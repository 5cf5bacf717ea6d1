/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The postmortem list (by status, with linked incidents), the form that writes a new draft from
 * picked resolved incidents, and the "Write postmortem" button of a resolved incident's page.
 *
 * @module
 */
import type { FC } from 'hono/jsx'
import { POSTMORTEM_STATUSES, type Postmortem } from '../../postmortems/types.js'
import { CsrfField } from '../csrf.js'
import { IncidentLinks, type IncidentRef } from './editor-parts.js'
import { STATUS_WORDS, utc } from './format.js'

/**
 * The button on a resolved incident's operator page: a draft from this incident.
 *
 * @example
 * <WritePostmortemForm csrf={csrf} incidentId={incident.id} />
 */
export const WritePostmortemForm: FC<{ csrf: string; incidentId: string }> = ({ csrf, incidentId }) => (
  <form method="post" action="/operator/postmortems" class="buttons">
    <CsrfField token={csrf} />
    <input type="hidden" name="incident" value={incidentId} />
    <button type="submit">Write postmortem</button> <a href={`/operator/postmortems?incident=${incidentId}`}>Postmortems of this incident</a>
  </form>
)

const Rows: FC<{ postmortems: Postmortem[]; incidents: ReadonlyMap<string, IncidentRef> }> = ({ postmortems, incidents }) =>
  postmortems.length === 0 ? (
    <p class="muted">None.</p>
  ) : (
    <ul class="list">
      {postmortems.map((postmortem) => (
        <li class="row">
          <a class="name" href={`/operator/postmortems/${postmortem.id}`}>
            {postmortem.title === '' ? '(untitled)' : postmortem.title}
          </a>
          <span class="muted">
            <IncidentLinks incidents={postmortem.incidentIds.map((id) => incidents.get(id) ?? { id, title: id, resolved: true })} /> · revision {postmortem.revision} · changed {utc(postmortem.updatedAt)}
          </span>
        </li>
      ))}
    </ul>
  )

/** Picks resolved incidents (newest first) for a new draft. */
const NewFromIncidents: FC<{ csrf: string; resolved: IncidentRef[] }> = ({ csrf, resolved }) => (
  <form method="post" action="/operator/postmortems" class="stack">
    <CsrfField token={csrf} />
    <fieldset>
      <legend>Resolved incidents</legend>
      {resolved.length === 0 ? (
        <p class="muted">No resolved incidents yet.</p>
      ) : (
        resolved.map((incident, index) => (
          <div>
            <input type="checkbox" id={`incident-${index}`} name="incident" value={incident.id} />
            <label for={`incident-${index}`}>{incident.title}</label>
          </div>
        ))
      )}
    </fieldset>
    <button type="submit" class="primary">
      Write postmortem
    </button>
  </form>
)

/** The list page. */
export const PostmortemList: FC<{ csrf: string; postmortems: Postmortem[]; incidents: ReadonlyMap<string, IncidentRef>; resolved: IncidentRef[]; filteredBy: IncidentRef | null }> = ({
  csrf,
  postmortems,
  incidents,
  resolved,
  filteredBy,
}) => (
  <>
    {filteredBy === null ? (
      ''
    ) : (
      <p>
        Only postmortems of <a href={`/operator/incidents/${filteredBy.id}`}>{filteredBy.title}</a> · <a href="/operator/postmortems">all postmortems</a>
      </p>
    )}
    {POSTMORTEM_STATUSES.map((status) => (
      <section aria-labelledby={`status-${status}`}>
        <h2 id={`status-${status}`}>{STATUS_WORDS[status]}</h2>
        <Rows postmortems={postmortems.filter((postmortem) => postmortem.status === status)} incidents={incidents} />
      </section>
    ))}
    <h2>Write a postmortem</h2>
    <NewFromIncidents csrf={csrf} resolved={resolved} />
  </>
)
