/**
 * Which subscribers an event reaches: a subscriber with no components and no locations follows
 * everything; otherwise the event must touch one of its components (when it names any) and one of
 * its locations (when it names any). Only public series count: an event touching nothing but
 * simulated series reaches nobody.
 *
 * @module
 */
import type { PublicScope } from '../feeds/public-scope.js'
import type { SubscriptionRow } from '../store/index.js'
import type { EventTarget, SubscriberEvent } from './events.js'

/**
 * The event's targets reduced to public series; null when it touched some and none is public.
 *
 * @example
 * publicTargets(event, scope) // [{ component: 'compute', locations: ['R1'] }]
 */
export function publicTargets(event: SubscriberEvent, scope: PublicScope): EventTarget[] | null {
  const kept = event.targets.flatMap((target) => {
    if (!scope.components.has(target.component)) return []
    if (target.locations === null) return [target]
    const locations = target.locations.filter((location) => scope.isPublicSeries(target.component, location))
    return locations.length === 0 ? [] : [{ component: target.component, locations }]
  })
  return event.targets.length > 0 && kept.length === 0 ? null : kept
}

/**
 * Whether `subscriber` follows an event touching `targets`.
 *
 * @example
 * follows({ components: ['compute'], locations: [] }, [{ component: 'compute', locations: null }], () => []) // true
 */
export function follows(subscriber: Pick<SubscriptionRow, 'components' | 'locations'>, targets: readonly EventTarget[], locationsOf: (component: string) => readonly string[]): boolean {
  if (subscriber.components.length === 0 && subscriber.locations.length === 0) return true
  const touched = targets.filter((target) => subscriber.components.length === 0 || subscriber.components.includes(target.component))
  if (touched.length === 0) return false
  if (subscriber.locations.length === 0) return true
  return touched.some((target) => (target.locations ?? locationsOf(target.component)).some((location) => subscriber.locations.includes(location)))
}
