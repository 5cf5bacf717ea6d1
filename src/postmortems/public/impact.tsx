/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The impact section of a postmortem page: the author's words beside the measured numbers —
 * period, duration and, per affected (component, location), measured availability, share of
 * failed checks, the number of checks, minutes not operational and without data — and how they
 * were measured (the stored `method`, when, and a link to the methodology). A number without
 * measurements says so; it is never shown as 100 %.
 *
 * @module
 */
import { raw } from 'hono/html'
import type { FC } from 'hono/jsx'
import { formatDuration } from '../../core/duration.js'
import { percent } from '../../web/format.js'
import { When } from '../../web/incidents-section.js'
import type { PageContext } from '../../web/layout.js'
import { renderText } from '../../web/markdown.js'
import type { MeasuredImpact, PublicPostmortem } from '../types.js'
import type { PostmortemWords } from './words.js'

/** The methodology section the numbers follow. */
export const METHODOLOGY_LINK = '/methodology#measured-availability'

/**
 * A share as a percentage, or the words for "no measurements" when it is null.
 *
 * @example
 * shareText(null, 'en', words) // 'no measurements'
 */
export function shareText(share: number | null, lang: string, w: PostmortemWords): string {
  return share === null ? w.noMeasurements : percent(share, lang)
}

const Period: FC<{ impact: MeasuredImpact; w: PostmortemWords }> = ({ impact, w }) => (
  <p>
    {w.period}: <When at={impact.from} /> – {impact.to === null ? w.ongoing : <When at={impact.to} />}
    {impact.durationMs === null ? '' : <> · {w.duration}: {formatDuration(impact.durationMs)}</>}
  </p>
)

const SeriesTable: FC<{ impact: MeasuredImpact; ctx: PageContext; w: PostmortemWords; names: ReadonlyMap<string, string> }> = ({ impact, ctx, w, names }) =>
  impact.series.length === 0 ? (
    <p>{w.noSeries}</p>
  ) : (
    <div class="table-wrap" tabindex={0} role="region" aria-label={w.impact}>
      <table class="pm-table">
        <thead>
          <tr>
            <th scope="col">{w.series}</th>
            <th scope="col">{w.availability}</th>
            <th scope="col">{w.errorRate}</th>
            <th scope="col">{w.checks}</th>
            <th scope="col">{w.downMinutes}</th>
            <th scope="col">{w.noDataMinutes}</th>
          </tr>
        </thead>
        <tbody>
          {impact.series.map((series) => (
            <tr>
              <th scope="row">
                <a href={`/components/${encodeURIComponent(series.component)}`}>{names.get(series.component) ?? series.component}</a> ({series.location})
              </th>
              <td class="num">{shareText(series.results === 0 ? null : series.availability, ctx.lang, w)}</td>
              <td class="num">{shareText(series.results === 0 ? null : series.errorRate, ctx.lang, w)}</td>
              <td class="num">{series.results}</td>
              <td class="num">{series.downMinutes}</td>
              <td class="num">{series.noDataMinutes}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )

/**
 * The impact section.
 *
 * @example
 * <ImpactSection postmortem={postmortem} ctx={ctx} w={words} names={names} />
 */
export const ImpactSection: FC<{ postmortem: PublicPostmortem; ctx: PageContext; w: PostmortemWords; names: ReadonlyMap<string, string> }> = ({ postmortem, ctx, w, names }) => {
  const { impact } = postmortem
  return (
    <section aria-labelledby="impact">
      <h2 id="impact">{w.impact}</h2>
      {postmortem.impactSummary.trim() === '' ? '' : <div class="prose">{raw(renderText(postmortem.impactSummary))}</div>}
      <Period impact={impact} w={w} />
      <SeriesTable impact={impact} ctx={ctx} w={w} names={names} />
      <p class="note">
        {w.howMeasured}: {impact.method} ({w.computedAt} <When at={impact.computedAt} />; <a href={METHODOLOGY_LINK}>{w.methodology}</a>)
      </p>
    </section>
  )
}
