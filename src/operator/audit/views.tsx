/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The parts of the audit viewer page: the filter form, the entries with their readable diffs,
 * the chain verdict and the export links.
 *
 * @module
 */
import type { FC } from 'hono/jsx'
import { describeAnchor, type ChainVerdict } from '../../audit/index.js'
import { AUDIT_OBJECT_TYPES, type ChainedAuditEvent } from '../../store/index.js'
import { auditDiff } from './diff.js'

/** The filters as typed into the form (strings; empty when unset). */
export interface AuditFilterFields {
  objectType: string
  objectId: string
  actor: string
  /** `YYYY-MM-DDTHH:MM` in UTC. */
  from: string
  to: string
}

const utc = (ms: number) => `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`

/** The filter form (GET, so it works without script and links can be shared). */
export const FilterForm: FC<{ fields: AuditFilterFields }> = ({ fields }) => (
  <form method="get" action="/operator/audit" class="stack" aria-label="filter">
    <label for="objectType">Object type</label>
    <select id="objectType" name="objectType">
      <option value="">any</option>
      {AUDIT_OBJECT_TYPES.map((type) => (
        <option value={type} selected={fields.objectType === type}>
          {type}
        </option>
      ))}
    </select>
    <label for="objectId">Object id</label>
    <input id="objectId" name="objectId" type="text" value={fields.objectId} />
    <label for="actor">Actor (token name, CLI user, config, system, subscriber)</label>
    <input id="actor" name="actor" type="text" value={fields.actor} />
    <label for="from">From (UTC, inclusive)</label>
    <input id="from" name="from" type="datetime-local" value={fields.from} />
    <label for="to">To (UTC, exclusive)</label>
    <input id="to" name="to" type="datetime-local" value={fields.to} />
    <button type="submit">Show</button>
  </form>
)

/** The before/after of one entry as a table of changed paths. */
export const EntryDiff: FC<{ entry: ChainedAuditEvent }> = ({ entry }) => {
  const rows = auditDiff(entry.before, entry.after)
  if (rows.length === 0) return <p class="muted">No field changed.</p>
  return (
    <table class="diff">
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr class={`diff-${row.kind}`}>
            <td>
              <code>{row.path}</code>
            </td>
            <td>{row.before === undefined ? <span class="muted">—</span> : <del>{row.before}</del>}</td>
            <td>{row.after === undefined ? <span class="muted">—</span> : <ins>{row.after}</ins>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** The entries, oldest first, each with its diff folded. */
export const EntryList: FC<{ entries: ChainedAuditEvent[] }> = ({ entries }) =>
  entries.length === 0 ? (
    <p>No entries match.</p>
  ) : (
    <table class="audit">
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">When</th>
          <th scope="col">Actor</th>
          <th scope="col">Action</th>
          <th scope="col">Object</th>
          <th scope="col">Door</th>
          <th scope="col">Change</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr id={`entry-${entry.seq}`}>
            <td>{entry.seq}</td>
            <td>
              <time datetime={new Date(entry.at).toISOString()}>{utc(entry.at)}</time>
            </td>
            <td>{entry.actor}</td>
            <td>{entry.action}</td>
            <td>
              {entry.objectType} <code>{entry.objectId}</code>
            </td>
            <td>{entry.door}</td>
            <td>
              <details>
                <summary>before / after</summary>
                <EntryDiff entry={entry} />
              </details>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )

/** The outcome of "Verify chain". */
export const VerdictBox: FC<{ verdict: ChainVerdict }> = ({ verdict }) =>
  verdict.intact ? (
    <p class="flash flash-done" role="status">
      Chain intact: {verdict.entries} entries, head {verdict.head.seq} <code>{verdict.head.hash}</code>
      {verdict.anchor === undefined ? '' : ` (${describeAnchor(verdict.anchor)})`}. Record the head
      somewhere outside this database to compare later.
    </p>
  ) : (
    <p class="flash flash-error" role="alert">
      Chain broken at entry {verdict.seq}
      {verdict.entryId === null ? '' : ` (id ${verdict.entryId})`}: {verdict.reason}; {verdict.entries} entries before it are intact.
    </p>
  )
