/**
 * The Statuspage projection of components and the page's overall status. A Glasshouse component
 * becomes a Statuspage component group (id = component name) and each of its (component,
 * location) series one component inside it, named "<display name> (<location>)" with id
 * `<component>@<location>`; aggregators that show groups and those that flatten them both see
 * every location. Series measured only by the built-in simulated cloud never appear.
 *
 * @module
 */
import { STATE_TABLE, statuspageDescription, type StatuspageComponentStatus, type StatuspageIndicator } from '../../core/state-table.js'
import { seriesId } from '../../core/series.js'
import type { ComponentStatus, LocationStatus, StatusSnapshot } from '../../status/index.js'
import { worstState } from '../../status/index.js'

/** A Statuspage component (a group when `group` is true; its members are listed in `components`). */
export interface StatuspageComponent {
  id: string
  name: string
  status: StatuspageComponentStatus
  created_at: string
  updated_at: string
  position: number
  description: string | null
  showcase: boolean
  start_date: string | null
  group_id: string | null
  page_id: string
  group: boolean
  only_show_if_degraded: boolean
  components?: string[]
}

/** `status` of status.json and summary.json. */
export interface StatuspageStatus {
  indicator: StatuspageIndicator
  description: string
}

/** When a component row was created, by name (the snapshot does not carry it). */
export type CreatedAt = ReadonlyMap<string, number>

const iso = (at: number): string => new Date(at).toISOString()

/** True for a series the public Statuspage API leaves out: measured only by the simulated cloud (as the feeds decide). */
export function isSimulated(location: LocationStatus): boolean {
  return location.measuredBy.length > 0 && location.measuredBy.every((by) => by.simulated)
}

/** The components the API shows: simulated series removed, components left without series removed. */
export function visibleComponents(snapshot: StatusSnapshot): ComponentStatus[] {
  return snapshot.components.flatMap((component) => {
    if (component.locations.length === 0) return [component]
    const locations = component.locations.filter((location) => !isSimulated(location))
    return locations.length === 0 ? [] : [{ ...component, locations, state: worstState(locations.map((l) => l.state)) }]
  })
}

function locationComponent(component: ComponentStatus, location: LocationStatus, position: number, pageId: string, createdAt: number, fallback: number): StatuspageComponent {
  return {
    id: seriesId({ component: component.name, location: location.location }),
    name: `${component.displayName} (${location.location})`,
    status: STATE_TABLE[location.state].statuspage.component,
    created_at: iso(createdAt),
    updated_at: iso(location.since ?? fallback),
    position,
    description: component.description,
    showcase: true,
    start_date: null,
    group_id: component.name,
    page_id: pageId,
    group: false,
    only_show_if_degraded: false,
  }
}

/**
 * The flat component list of components.json and summary.json: each group followed by its
 * series, positions counted within their level.
 *
 * @example
 * statuspageComponents(visibleComponents(snapshot), 'a1b2c3', created).map((c) => c.name) // ['Compute', 'Compute (R1)', …]
 */
export function statuspageComponents(components: readonly ComponentStatus[], pageId: string, created: CreatedAt): StatuspageComponent[] {
  return components.flatMap((component, index) => {
    const createdAt = created.get(component.name) ?? 0
    const members = component.locations.map((location, at) => locationComponent(component, location, at + 1, pageId, createdAt, createdAt))
    const updated = Math.max(createdAt, ...component.locations.map((location) => location.since ?? createdAt))
    const group: StatuspageComponent = {
      id: component.name,
      name: component.displayName,
      status: STATE_TABLE[component.state].statuspage.component,
      created_at: iso(createdAt),
      updated_at: iso(updated),
      position: index + 1,
      description: component.description,
      showcase: false,
      start_date: null,
      group_id: null,
      page_id: pageId,
      group: true,
      only_show_if_degraded: false,
      components: members.map((member) => member.id),
    }
    return [group, ...members]
  })
}

/**
 * The page indicator and its words for the worst state of the visible components.
 *
 * @example
 * statuspageStatus(visibleComponents(snapshot)) // { indicator: 'none', description: 'All Systems Operational' }
 */
export function statuspageStatus(components: readonly ComponentStatus[]): StatuspageStatus {
  const overall = worstState(components.map((component) => component.state))
  const measured = components.flatMap((component) => component.locations.map((location) => location.lastMeasuredAt ?? -Infinity))
  const newest = Math.max(-Infinity, ...measured)
  return { indicator: STATE_TABLE[overall].statuspage.indicator, description: statuspageDescription(overall, Number.isFinite(newest) ? newest : null) }
}
