/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The parts of a postmortem page after the impact: the timeline (time, kind, what happened and
 * the author's annotation), the author's Markdown sections, the action items (owner role, due
 * date, status, tracker link), and the links to the incidents and handbook pages it covers.
 *
 * @module
 */
import { raw } from 'hono/html'
import type { FC } from 'hono/jsx'
import { When } from '../../web/incidents-section.js'
import { renderText } from '../../web/markdown.js'
import type { PublicPostmortem } from '../types.js'
import type { PostmortemWords } from './words.js'

/** Tracker links are shown only as plain web links (never `javascript:` or the like). */
const SAFE_URL = /^https?:\/\/[^\s]+$/i

/** The timeline as a table, oldest first. */
export const TimelineSection: FC<{ postmortem: PublicPostmortem; w: PostmortemWords; names: ReadonlyMap<string, string> }> = ({ postmortem, w, names }) => {
  const entries = [...postmortem.timeline].sort((a, b) => a.at - b.at)
  return (
    <section aria-labelledby="timeline">
      <h2 id="timeline">{w.timeline}</h2>
      <table class="pm-table">
        <thead>
          <tr>
            <th scope="col">{w.time}</th>
            <th scope="col">{w.what}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr>
              <td>
                <When at={entry.at} />
              </td>
              <td>
                <strong>{w.kind[entry.kind]}</strong>
                {entry.component === null ? '' : ` · ${names.get(entry.component) ?? entry.component}${entry.location === null ? '' : ` (${entry.location})`}`}
                <div>{entry.text}</div>
                {entry.annotation === null || entry.annotation.trim() === '' ? '' : <div class="prose">{raw(renderText(entry.annotation))}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

/** One Markdown section; nothing when the author left it empty. */
export const TextSection: FC<{ id: string; title: string; source: string }> = ({ id, title, source }) =>
  source.trim() === '' ? (
    <></>
  ) : (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <div class="prose">{raw(renderText(source))}</div>
    </section>
  )

/** The action items as a table. */
export const ActionItemsSection: FC<{ postmortem: PublicPostmortem; w: PostmortemWords }> = ({ postmortem, w }) => (
  <section aria-labelledby="action-items">
    <h2 id="action-items">{w.actionItems}</h2>
    {postmortem.actionItems.length === 0 ? (
      <p>{w.noActionItems}</p>
    ) : (
      <table class="pm-table">
        <thead>
          <tr>
            <th scope="col">{w.action}</th>
            <th scope="col">{w.owner}</th>
            <th scope="col">{w.due}</th>
            <th scope="col">{w.status}</th>
          </tr>
        </thead>
        <tbody>
          {postmortem.actionItems.map((item) => (
            <tr>
              <td>{item.url === null || !SAFE_URL.test(item.url) ? item.title : <a href={item.url} rel="nofollow noopener">{item.title}</a>}</td>
              <td>{item.ownerRole}</td>
              <td>{item.dueDate === null ? w.noDueDate : <time datetime={item.dueDate}>{item.dueDate}</time>}</td>
              <td>{w.itemStatus[item.status]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
  </section>
)

/** Links to the incidents (by title when known) and handbook pages the postmortem covers. */
export const LinksSection: FC<{ postmortem: PublicPostmortem; w: PostmortemWords; incidentTitles: ReadonlyMap<string, string>; handbookTitles: ReadonlyMap<string, string> }> = ({
  postmortem,
  w,
  incidentTitles,
  handbookTitles,
}) => (
  <>
    <section aria-labelledby="incidents">
      <h2 id="incidents">{w.incidents}</h2>
      <ul>
        {postmortem.incidentIds.map((id) => (
          <li>
            <a href={`/incidents/${id}`}>{incidentTitles.get(id) ?? id}</a>
          </li>
        ))}
      </ul>
    </section>
    {postmortem.handbookPages.length === 0 ? (
      ''
    ) : (
      <section aria-labelledby="handbook-pages">
        <h2 id="handbook-pages">{w.handbook}</h2>
        <ul>
          {postmortem.handbookPages.map((slug) => (
            <li>
              <a href={`/handbook/${encodeURIComponent(slug)}`}>{handbookTitles.get(slug) ?? slug}</a>
            </li>
          ))}
        </ul>
      </section>
    )}
  </>
)
