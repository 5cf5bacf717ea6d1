/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The editor form of one postmortem: every section, the generated timeline (annotate, hide from
 * the public, add and remove notes), action items, redacted phrases and handbook pages. It posts
 * the revision it was loaded at; refused fields show their message next to them.
 *
 * @module
 */
import type { FC } from 'hono/jsx'
import { ACTION_ITEM_STATUSES, type Postmortem, type TimelineEntry } from '../../postmortems/types.js'
import { CsrfField } from '../csrf.js'
import { names, TEXT_SECTIONS, type ActionItemValues, type EditorValues, type FieldError, type TextSection } from './editor-values.js'
import { utc } from './format.js'

const SECTION_LABELS: Record<TextSection, string> = {
  title: 'Title',
  tldr: 'TL;DR (for non-technical readers; required to publish)',
  impactSummary: 'Impact in words (shown beside the measured numbers)',
  rootCause: 'Root cause',
  contributingFactors: 'Contributing factors',
  wentWell: 'What went well',
  wentBadly: 'What went badly',
  internalNotes: 'Internal notes — never published',
}

/** The message of field `name`, next to it (with the id its input's aria-describedby names). */
export const FieldMessage: FC<{ errors: FieldError[]; name: string; id: string }> = ({ errors, name, id }) => {
  const mine = errors.filter((error) => error.name === name)
  return mine.length === 0 ? (
    ''
  ) : (
    <p class="flash flash-error field-error" id={`${id}-error`} role="alert">
      {mine.map((error) => error.message).join('; ')}
    </p>
  )
}

const invalid = (errors: FieldError[], name: string, id: string) => (errors.some((error) => error.name === name) ? { 'aria-invalid': 'true', 'aria-describedby': `${id}-error` } : {})

const Section: FC<{ name: TextSection; value: string; errors: FieldError[] }> = ({ name, value, errors }) => (
  <>
    <label for={`section-${name}`}>{SECTION_LABELS[name]}</label>
    {name === 'title' ? (
      <input type="text" id="section-title" name="title" maxlength={300} value={value} {...invalid(errors, name, 'section-title')} />
    ) : (
      <textarea id={`section-${name}`} name={name} class={name === 'internalNotes' ? 'internal' : undefined} {...invalid(errors, name, `section-${name}`)}>
        {value}
      </textarea>
    )}
    <FieldMessage errors={errors} name={name} id={`section-${name}`} />
  </>
)

const Evidence: FC<{ entry: TimelineEntry }> = ({ entry }) => {
  const evidence = entry.evidence
  if (evidence === null) return <p class="muted">Written by hand.</p>
  const facts: [string, string | null][] = [
    ['Component', evidence.component === null ? null : `${evidence.component}${evidence.location === null ? '' : ` (${evidence.location})`}`],
    ['Incident', evidence.incidentId],
    ['Check', evidence.checkId],
    ['Result', evidence.resultId],
    ['Request ids', evidence.requestIds.length === 0 ? null : evidence.requestIds.join(', ')],
    ['Rule', evidence.rule],
    ['Detail', Object.keys(evidence.detail).length === 0 ? null : JSON.stringify(evidence.detail)],
  ]
  return (
    <details>
      <summary>Evidence (operators only)</summary>
      <dl class="evidence">
        {facts
          .filter(([, value]) => value !== null)
          .map(([term, value]) => (
            <>
              <dt>{term}</dt>
              <dd>
                <code>{value}</code>
              </dd>
            </>
          ))}
      </dl>
    </details>
  )
}

const TimelineRows: FC<{ timeline: TimelineEntry[]; values: EditorValues }> = ({ timeline, values }) => (
  <ol class="list timeline">
    {timeline.map((entry, index) => {
      const wanted = values.timeline[entry.id] ?? { annotation: '', internal: false, remove: false }
      return (
        <li class="timeline-entry" data-kind={entry.kind}>
          <div class="row">
            <strong>{utc(entry.at)}</strong> <span class="muted">{entry.kind}</span>
          </div>
          <p>{entry.text}</p>
          <Evidence entry={entry} />
          <label for={`tl-${index}-annotation`}>Annotation (Markdown)</label>
          <textarea id={`tl-${index}-annotation`} name={names.annotation(entry.id)}>
            {wanted.annotation}
          </textarea>
          <div>
            <input type="checkbox" id={`tl-${index}-internal`} name={names.internal(entry.id)} value="yes" checked={wanted.internal} />
            <label for={`tl-${index}-internal`}>Internal (kept out of the public version)</label>
            {entry.kind === 'note' ? (
              <>
                {' '}
                <input type="checkbox" id={`tl-${index}-remove`} name={names.removeNote(entry.id)} value="yes" checked={wanted.remove} />
                <label for={`tl-${index}-remove`}>Remove this note</label>
              </>
            ) : (
              ''
            )}
          </div>
        </li>
      )
    })}
  </ol>
)

const NewNote: FC<{ values: EditorValues; errors: FieldError[] }> = ({ values, errors }) => (
  <fieldset>
    <legend>Add a note to the timeline</legend>
    <label for="note-at">Time of the note (UTC)</label>
    <input type="datetime-local" id="note-at" name="noteAt" value={values.newNote.at} {...invalid(errors, 'noteAt', 'note-at')} />
    <FieldMessage errors={errors} name="noteAt" id="note-at" />
    <label for="note-text">Note text</label>
    <textarea id="note-text" name="noteText" {...invalid(errors, 'noteText', 'note-text')}>
      {values.newNote.text}
    </textarea>
    <FieldMessage errors={errors} name="noteText" id="note-text" />
    <div>
      <input type="checkbox" id="note-internal" name="noteInternal" value="yes" checked={values.newNote.internal} />
      <label for="note-internal">Internal note</label>
    </div>
  </fieldset>
)

const ItemRow: FC<{ row: ActionItemValues; index: number; errors: FieldError[] }> = ({ row, index, errors }) => {
  const cell = (part: 'title' | 'ownerRole' | 'url', label: string) => (
    <td>
      <input type="text" aria-label={`${label} of action item ${index + 1}`} id={`item-${index}-${part}`} name={names.item(index, part)} value={row[part]} {...invalid(errors, names.item(index, part), `item-${index}-${part}`)} />
      <FieldMessage errors={errors} name={names.item(index, part)} id={`item-${index}-${part}`} />
    </td>
  )
  return (
    <tr>
      {cell('title', 'Title')}
      {cell('ownerRole', 'Owner role')}
      <td>
        <input type="hidden" name={names.item(index, 'id')} value={row.id} />
        <input type="date" aria-label={`Due date of action item ${index + 1}`} id={`item-${index}-dueDate`} name={names.item(index, 'dueDate')} value={row.dueDate} {...invalid(errors, names.item(index, 'dueDate'), `item-${index}-dueDate`)} />
        <FieldMessage errors={errors} name={names.item(index, 'dueDate')} id={`item-${index}-dueDate`} />
      </td>
      <td>
        <select aria-label={`Status of action item ${index + 1}`} id={`item-${index}-status`} name={names.item(index, 'status')}>
          {ACTION_ITEM_STATUSES.map((status) => (
            <option value={status} selected={status === row.status}>
              {status.replace('_', ' ')}
            </option>
          ))}
        </select>
      </td>
      {cell('url', 'Link')}
      <td>
        <input type="checkbox" id={`item-${index}-internal`} name={names.item(index, 'internal')} value="yes" checked={row.internal} />
        <label for={`item-${index}-internal`}>internal</label>{' '}
        {row.id === '' ? '' : (
          <>
            <input type="checkbox" id={`item-${index}-remove`} name={names.item(index, 'remove')} value="yes" checked={row.remove} />
            <label for={`item-${index}-remove`}>remove</label>
          </>
        )}
      </td>
    </tr>
  )
}

const ActionItems: FC<{ values: EditorValues; errors: FieldError[] }> = ({ values, errors }) => (
  <fieldset>
    <legend>Action items (the owner is a role, not a person; the last row adds one)</legend>
    <input type="hidden" name="items" value={String(values.actionItems.length)} />
    <table class="grid">
      <thead>
        <tr>
          <th>Title</th>
          <th>Owner role</th>
          <th>Due</th>
          <th>Status</th>
          <th>Link</th>
          <th></th>
        </tr>
      </thead>
      <tbody>
        {values.actionItems.map((row, index) => (
          <ItemRow row={row} index={index} errors={errors} />
        ))}
      </tbody>
    </table>
  </fieldset>
)

/** The whole editor form. */
export const EditorForm: FC<{ csrf: string; postmortem: Postmortem; values: EditorValues; errors: FieldError[] }> = ({ csrf, postmortem, values, errors }) => (
  <form method="post" action={`/operator/postmortems/${postmortem.id}`} class="stack editor">
    <CsrfField token={csrf} />
    <input type="hidden" name="revision" value={String(values.revision)} />
    <FieldMessage errors={errors} name="" id="editor" />
    {TEXT_SECTIONS.filter((name) => name !== 'internalNotes').map((name) => (
      <Section name={name} value={values.sections[name]} errors={errors} />
    ))}
    <h2>Timeline</h2>
    <p class="muted">Generated from the stored evidence; annotate any entry, or keep it internal.</p>
    <TimelineRows timeline={postmortem.timeline} values={values} />
    <NewNote values={values} errors={errors} />
    <h2>Action items</h2>
    <ActionItems values={values} errors={errors} />
    <h2>Redaction and links</h2>
    <label for="redactions">Redacted phrases (one per line; each shows as [redacted] in every public output)</label>
    <textarea id="redactions" name="redactions" {...invalid(errors, 'redactions', 'redactions')}>
      {values.redactions}
    </textarea>
    <FieldMessage errors={errors} name="redactions" id="redactions" />
    <label for="handbook-pages">Handbook pages (one slug per line)</label>
    <textarea id="handbook-pages" name="handbookPages" {...invalid(errors, 'handbookPages', 'handbook-pages')}>
      {values.handbookPages}
    </textarea>
    <FieldMessage errors={errors} name="handbookPages" id="handbook-pages" />
    <Section name="internalNotes" value={values.sections.internalNotes} errors={errors} />
    <label for="change-note">{postmortem.status === 'published' ? 'Change note (required: published; shown publicly)' : 'Change note (optional before publication)'}</label>
    <input type="text" id="change-note" name="changeNote" maxlength={500} value={values.changeNote} {...invalid(errors, 'changeNote', 'change-note')} />
    <FieldMessage errors={errors} name="changeNote" id="change-note" />
    <button type="submit" class="primary">
      Save
    </button>
  </form>
)
