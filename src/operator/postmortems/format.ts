/**
 * How the postmortem pages write instants, shares and durations.
 *
 * @module
 */

/** An instant as `YYYY-MM-DD HH:MM UTC`. */
export function utc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`
}

/** A share (0–1) as a percentage with three decimals, or "no data". */
export function percent(share: number | null): string {
  return share === null ? 'no data' : `${(share * 100).toFixed(3)} %`
}

/** A duration in ms as `1 h 5 min` (minutes rounded). */
export function duration(ms: number | null): string {
  if (ms === null) return 'still open'
  const minutes = Math.round(ms / 60_000)
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`
}

/** Status words the pages show. */
export const STATUS_WORDS = { draft: 'Draft', in_review: 'In review', published: 'Published' } as const
