/**
 * Deterministic ids of materialized occurrences, so that materializing twice, after a restart or
 * on a second server, names the same window the same way.
 *
 * @module
 */
import { derivedUuid } from '../store/index.js'

/**
 * The id of the occurrence of series `seriesId` starting at `start` (epoch ms): a name-based
 * UUID (the SCS API requires uuids), the same every time.
 *
 * @example
 * occurrenceId('019aa8c3-5e2f-7a01-9c3d-4b5e6f708192', 1_797_987_600_000) === occurrenceId('019aa8c3-5e2f-7a01-9c3d-4b5e6f708192', 1_797_987_600_000) // true
 */
export function occurrenceId(seriesId: string, start: number): string {
  return derivedUuid('glasshouse:maintenance-occurrence:', `${seriesId}@${start}`)
}
