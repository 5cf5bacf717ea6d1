/**
 * The feed entries of maintenance windows: announced (when it was created), started, completed
 * and cancelled — each only once it has happened. Targets on simulated series are dropped; a
 * window that covers nothing public has no entries.
 *
 * @module
 */
import type { MaintenanceView } from '../incidents/index.js'
import { utcText } from '../web/format.js'
import { renderText } from '../web/markdown.js'
import { entryId } from './entry-id.js'
import { affectedHtml, matches, tagsOf, type FeedEvent, type FeedEventKind, type FeedFilter, type Touched } from './feed-event.js'
import type { PublicScope } from './public-scope.js'

/** Where a window's entries link: the history page's maintenance list. */
export const MAINTENANCE_PATH = '/history?type=maintenance'

/**
 * The public targets of a window; null when it covers only simulated series.
 *
 * @example
 * windowTouches(window, scope) // [{ component: { name: 'storage', … }, locations: null }]
 */
export function windowTouches(window: Pick<MaintenanceView, 'targets'>, scope: PublicScope): Touched[] | null {
  const touched = window.targets.flatMap((target): Touched[] => {
    const component = scope.components.get(target.component)
    if (component === undefined) return []
    if (target.locations === null) return [{ component, locations: null }]
    const locations = target.locations.filter((location) => scope.isPublicSeries(target.component, location))
    return locations.length === 0 ? [] : [{ component, locations }]
  })
  return touched.length === 0 && window.targets.length > 0 ? null : touched
}

const HEADLINES: Partial<Record<FeedEventKind, string>> = {
  announced: 'Maintenance scheduled',
  started: 'Maintenance started',
  completed: 'Maintenance completed',
  cancelled: 'Maintenance cancelled',
}

/** The events that have happened to a window by `now`, with their times. */
function happened(window: MaintenanceView, now: number): { kind: FeedEventKind; at: number }[] {
  const cancelled = window.cancelledAt
  const events: { kind: FeedEventKind; at: number }[] = [{ kind: 'announced', at: window.createdAt }]
  if (window.start <= now && (cancelled === null || cancelled > window.start)) events.push({ kind: 'started', at: window.start })
  if (window.end <= now && (cancelled === null || cancelled >= window.end)) events.push({ kind: 'completed', at: window.end })
  else if (cancelled !== null) events.push({ kind: 'cancelled', at: cancelled })
  return events
}

/**
 * The entries of one window in a feed filtered by `filter` (empty when it does not match).
 *
 * @example
 * maintenanceEvents(window, scope, { kind: 'component', name: 'storage' }, Date.now())
 */
export function maintenanceEvents(window: MaintenanceView, scope: PublicScope, filter: FeedFilter, now: number): FeedEvent[] {
  const touched = windowTouches(window, scope)
  if (touched === null || !matches(filter, touched, scope.locationsOf)) return []
  const when = `${utcText(window.start)} – ${utcText(window.end)}`
  const description = window.description === null ? '' : renderText(window.description)
  return happened(window, now).map(({ kind, at }) => ({
    id: entryId(window.id, `maintenance/${kind}`),
    kind,
    title: `${HEADLINES[kind]}: ${window.title}`,
    at,
    updated: kind === 'announced' ? Math.max(at, window.updatedAt) : at,
    path: MAINTENANCE_PATH,
    html: `${affectedHtml(touched, when)}${description}`,
    tags: tagsOf(touched),
  }))
}
