/**
 * Evidence pinning, derived from the incidents on every pass: each series an incident has (or
 * had) an impact on is pinned — its evaluations (the `''` row) and the results of every check
 * feeding it — from `evidenceWindow` before the incident began; the pins stay open while the
 * incident is open and end `evidenceWindow` after it ended. Idempotent, so a restart neither
 * loses nor doubles a pin, and it covers human incidents too.
 *
 * @module
 */
import { seriesId } from '../core/index.js'
import { SERIES_PIN, type ImpactRow, type IncidentRow, type NewPin, type Store } from '../store/index.js'

/** How many resolved incidents one pass looks at for pins they never got (ended inside the window). */
const RECENTLY_RESOLVED_LIMIT = 200

/** What a pinning pass did. */
export interface PinPass {
  pinned: number
  closed: number
}

/**
 * The checks feeding each series, by series id (`component@location`).
 *
 * @example
 * (await checksBySeries(store)).get('compute@R1') // ['<check id>', …]
 */
export async function checksBySeries(store: Store): Promise<Map<string, string[]>> {
  const [components, feeds] = await Promise.all([store.components.list(), store.components.feeds()])
  const names = new Map(components.map((component) => [component.id, component.name]))
  const checks = new Map<string, string[]>()
  for (const feed of feeds) {
    const component = names.get(feed.componentId)
    if (component === undefined) continue
    const id = seriesId({ component, location: feed.location })
    checks.set(id, [...(checks.get(id) ?? []), feed.checkId])
  }
  return checks
}

function wantedPins(incident: IncidentRow, impacts: readonly ImpactRow[], checks: ReadonlyMap<string, string[]>, windowMs: number): NewPin[] {
  const from = incident.beganAt - windowMs
  const series = new Map(impacts.filter((impact) => impact.incidentId === incident.id).map((impact) => [seriesId(impact), impact]))
  return [...series].flatMap(([id, impact]) =>
    [SERIES_PIN, ...(checks.get(id) ?? [])].map((checkId) => ({ incidentId: incident.id, component: impact.component, location: impact.location, checkId, from })),
  )
}

function pinKey(pin: Pick<NewPin, 'component' | 'location' | 'checkId'>): string {
  return `${pin.component}\u0000${pin.location}\u0000${pin.checkId}`
}

/**
 * Creates the pins incidents lack and closes those of resolved incidents.
 *
 * @example
 * await syncPins(store, 3_600_000, clock.now())
 */
export async function syncPins(store: Store, windowMs: number, now: number): Promise<PinPass> {
  const [open, resolved] = await Promise.all([
    store.incidents.open(),
    store.incidents.list({ status: 'resolved', from: now - windowMs, limit: RECENTLY_RESOLVED_LIMIT }),
  ])
  const candidates = [...open, ...resolved]
  const [impacts, checks] = await Promise.all([store.incidents.impacts(candidates.map((row) => row.id)), checksBySeries(store)])
  let pinned = 0
  for (const incident of candidates) {
    const existing = new Set((await store.evidencePins.forIncident(incident.id)).map(pinKey))
    const missing = wantedPins(incident, impacts, checks, windowMs).filter((pin) => !existing.has(pinKey(pin)))
    pinned += await store.evidencePins.pin(missing, now)
  }
  let closed = 0
  for (const id of await store.evidencePins.openIncidentIds()) {
    const row = await store.incidents.get(id)
    if (row?.endedAt != null) closed += await store.evidencePins.close(id, row.endedAt + windowMs)
  }
  return { pinned, closed }
}
