/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The editor page of one postmortem: where it stands (status, incidents, preview link), the
 * workflow buttons, the measured impact, the editor form and the revisions.
 *
 * @module
 */
import type { FC } from 'hono/jsx'
import type { Postmortem, PostmortemRevision } from '../../postmortems/types.js'
import { ImpactView, IncidentLinks, RevisionList, WorkflowForms, type IncidentRef } from './editor-parts.js'
import type { EditorValues, FieldError } from './editor-values.js'
import { EditorForm } from './editor-view.js'
import { STATUS_WORDS } from './format.js'

/** Everything the editor page shows. */
export interface EditorPageProps {
  csrf: string
  postmortem: Postmortem
  values: EditorValues
  errors: FieldError[]
  incidents: IncidentRef[]
  revisions: PostmortemRevision[]
}

/** The editor page's content. */
export const EditorPage: FC<EditorPageProps> = ({ csrf, postmortem, values, errors, incidents, revisions }) => (
  <>
    <p>
      <strong class="status">{STATUS_WORDS[postmortem.status]}</strong> · revision {postmortem.revision} · incidents: <IncidentLinks incidents={incidents} /> ·{' '}
      <a href={`/operator/postmortems/${postmortem.id}/preview`}>Preview the public version</a> · <a href="/operator/postmortems">All postmortems</a>
    </p>
    <WorkflowForms csrf={csrf} postmortem={postmortem} />
    <ImpactView csrf={csrf} postmortem={postmortem} />
    <h2>Write</h2>
    <EditorForm csrf={csrf} postmortem={postmortem} values={values} errors={errors} />
    <RevisionList revisions={revisions} />
  </>
)
