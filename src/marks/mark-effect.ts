/**
 * What a mark does: the span it is in effect, which series it covers, and the note the public
 * state function takes for a series.
 *
 * @module
 */
import type { SeriesKey } from '../core/index.js'
import type { MarkRow } from '../store/index.js'

/** A half-open span `[from, to)` in epoch ms. */
export interface MarkSpan {
  from: number
  to: number
}

/**
 * The span a mark is in effect: from its start to the earlier of its planned end and its
 * clearing, cut at `until` (now) when still open; null when it never took effect.
 *
 * @example
 * markSpan({ from: 10, to: null, clearedAt: 30 }, 100) // { from: 10, to: 30 }
 */
export function markSpan(mark: Pick<MarkRow, 'from' | 'to' | 'clearedAt'>, until: number): MarkSpan | null {
  const to = Math.min(mark.to ?? Infinity, mark.clearedAt ?? Infinity, until)
  return to > mark.from ? { from: mark.from, to } : null
}

/**
 * Whether a mark covers a series (a mark without a location covers every location).
 *
 * @example
 * markCovers({ component: 'compute', location: null }, { component: 'compute', location: 'R1' }) // true
 */
export function markCovers(mark: Pick<MarkRow, 'component' | 'location'>, series: SeriesKey): boolean {
  return mark.component === series.component && (mark.location === null || mark.location === series.location)
}

/**
 * The mark a series shows, of the marks active now (as `store.marks.active(now)` returns them):
 * the one that began last (the newest statement), or null. Its reason goes to `publicState`.
 *
 * @example
 * const mark = seriesMark(series, await store.marks.active(now))
 * publicState({ measured, ...declaration, notRepresentative: mark })
 */
export function seriesMark(series: SeriesKey, active: readonly MarkRow[]): MarkRow | null {
  let shown: MarkRow | null = null
  for (const mark of active) {
    if (!markCovers(mark, series)) continue
    if (shown === null || mark.from > shown.from || (mark.from === shown.from && mark.id > shown.id)) shown = mark
  }
  return shown
}

/**
 * The spans in which marks cover a series within `[from, to)`, merged and ascending.
 *
 * @example
 * markedSpans(marks, series, { from: dayStart, to: dayEnd }, now) // [{ from: t1, to: t2 }]
 */
export function markedSpans(marks: readonly MarkRow[], series: SeriesKey, range: MarkSpan, now: number): MarkSpan[] {
  const spans = marks
    .filter((mark) => markCovers(mark, series))
    .flatMap((mark) => {
      const span = markSpan(mark, now)
      if (span === null) return []
      const cut = { from: Math.max(span.from, range.from), to: Math.min(span.to, range.to) }
      return cut.to > cut.from ? [cut] : []
    })
    .sort((a, b) => a.from - b.from)
  const merged: MarkSpan[] = []
  for (const span of spans) {
    const last = merged[merged.length - 1]
    if (last !== undefined && span.from <= last.to) last.to = Math.max(last.to, span.to)
    else merged.push({ ...span })
  }
  return merged
}
