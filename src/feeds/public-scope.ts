/**
 * What the feeds may name: the active components and locations, less what only the built-in
 * simulated cloud measures. A series is simulated when every check feeding it is a simulated
 * scenario; a component when every one of its series is. Simulated series, components and the
 * events that touch nothing else never appear in a feed.
 *
 * @module
 */
import { isSimulatedCheck, parseStoredCheckRow } from '../config/index.js'
import type { Store } from '../store/index.js'

/** A component a feed may name. */
export interface PublicComponent {
  name: string
  displayName: string
}

/** The public topology read once per feed request. */
export interface PublicScope {
  /** Public components by name, sorted by name. */
  components: ReadonlyMap<string, PublicComponent>
  /** Locations with at least one public series, sorted. */
  locations: readonly string[]
  /** Whether a (component, location) may be named: its component is public and the series is not simulated. */
  isPublicSeries(component: string, location: string): boolean
  /** The public locations of a component (for targets that cover all its locations). */
  locationsOf(component: string): readonly string[]
}

/**
 * Reads the public scope from the store.
 *
 * @example
 * const scope = await loadPublicScope(store)
 * scope.isPublicSeries('compute', 'R1') // true unless only a simulated check measures it
 */
export async function loadPublicScope(store: Store): Promise<PublicScope> {
  const [components, feeds, checks] = await Promise.all([store.components.list(), store.components.feeds(), store.checks.list()])
  const simulatedChecks = new Set(checks.filter((row) => isSimulatedCheck(parseStoredCheckRow(row))).map((row) => row.id))
  const series = new Map<string, Map<string, boolean>>()
  for (const component of components) series.set(component.name, new Map())
  const nameById = new Map(components.map((component) => [component.id, component.name]))
  for (const feed of feeds) {
    const locations = series.get(nameById.get(feed.componentId) ?? '')
    if (locations === undefined) continue
    const simulated = simulatedChecks.has(feed.checkId)
    locations.set(feed.location, (locations.get(feed.location) ?? true) && simulated)
  }
  const publicLocations = new Map<string, string[]>()
  for (const [name, locations] of series) {
    const real = [...locations].filter(([, simulated]) => !simulated).map(([location]) => location)
    if (locations.size === 0 || real.length > 0) publicLocations.set(name, real.sort())
  }
  const publicComponents = new Map(
    components.filter((component) => publicLocations.has(component.name)).map((component) => [component.name, { name: component.name, displayName: component.displayName }]),
  )
  return {
    components: publicComponents,
    locations: [...new Set([...publicLocations.values()].flat())].sort(),
    isPublicSeries: (component, location) => publicComponents.has(component) && series.get(component)?.get(location) !== true,
    locationsOf: (component) => publicLocations.get(component) ?? [],
  }
}
