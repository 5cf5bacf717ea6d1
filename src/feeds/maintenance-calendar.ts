/**
 * The maintenance calendar's events from stored data: one VEVENT per window (the newest
 * {@link CALENDAR_WINDOW_LIMIT} by start) that covers something public. The UID is the window's
 * id; SEQUENCE counts the audited changes after its creation (reschedule, cancel, archive), so
 * it rises with every change and is the same on every server.
 *
 * @module
 */
import type { Clock } from '../core/clock.js'
import { createIncidentService, type MaintenanceView } from '../incidents/index.js'
import type { Store } from '../store/index.js'
import { affectedText, matches, type FeedFilter } from './feed-event.js'
import type { CalendarEvent } from './ical.js'
import { MAINTENANCE_PATH, windowTouches } from './maintenance-events.js'
import type { PublicScope } from './public-scope.js'

/** The most windows one calendar lists. */
export const CALENDAR_WINDOW_LIMIT = 200

/**
 * The UID of a window's event.
 *
 * @example
 * windowUid('0193…') // '0193…@glasshouse'
 */
export function windowUid(windowId: string): string {
  return `${windowId}@glasshouse`
}

async function sequenceOf(store: Store, windowId: string): Promise<number> {
  const events = await store.audit.list({ objectType: 'maintenance', objectId: windowId })
  return events.filter((event) => event.action !== 'maintenance.create').length
}

function describe(window: MaintenanceView, touchedText: string): string {
  return [touchedText, window.description ?? ''].filter((part) => part !== '').join('\n\n')
}

/**
 * The calendar events of the windows a filter selects.
 *
 * @example
 * const events = await loadCalendarEvents({ store, clock, scope, filter: { kind: 'all' }, base: 'https://status.example.com' })
 */
export async function loadCalendarEvents(input: { store: Store; clock: Clock; scope: PublicScope; filter: FeedFilter; base: string }): Promise<CalendarEvent[]> {
  const { store, scope, filter } = input
  const windows = await createIncidentService({ store, clock: input.clock }).maintenance({ limit: CALENDAR_WINDOW_LIMIT })
  const selected = windows.items.flatMap((window) => {
    const touched = windowTouches(window, scope)
    return touched === null || !matches(filter, touched, scope.locationsOf) ? [] : [{ window, touched }]
  })
  return Promise.all(
    selected.map(async ({ window, touched }) => {
      return {
        uid: windowUid(window.id),
        sequence: await sequenceOf(store, window.id),
        status: window.cancelledAt === null ? ('CONFIRMED' as const) : ('CANCELLED' as const),
        start: window.start,
        end: window.end,
        created: window.createdAt,
        lastModified: window.updatedAt,
        summary: window.title,
        description: describe(window, affectedText(touched)),
        url: `${input.base}${MAINTENANCE_PATH}`,
      }
    }),
  )
}
