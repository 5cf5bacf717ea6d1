/**
 * The postmortem service as the app builds it: over the store, with the evidence builder reading
 * the records' time zone at each build (so a config reload applies).
 *
 * @module
 */
import type { Clock } from '../core/index.js'
import type { Store } from '../store/index.js'
import { createEvidenceBuilder } from './evidence/index.js'
import type { PostmortemService } from './ports.js'
import { createPostmortemService } from './service.js'

/**
 * Builds the service the API, the operator UI and the public pages share.
 *
 * @example
 * const postmortems = postmortemServiceOver(store, clock, () => config.records.timeZone)
 */
export function postmortemServiceOver(store: Store, clock: Clock, timeZone: () => string = () => 'UTC'): PostmortemService {
  return createPostmortemService({ store, clock, evidence: (incidentIds, now) => createEvidenceBuilder({ store, timeZone: timeZone() })(incidentIds, now) })
}
