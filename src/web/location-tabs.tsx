/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * Location tabs of the status page: when components are measured at more than one location, a
 * row of plain links (`/?location=<name>` and "All") narrows the blocks to one location. They
 * work without JavaScript and are reached with Tab like any link; the active one carries
 * `aria-current="page"`. The overall banner stays global.
 *
 * @module
 */
import type { FC } from 'hono/jsx'
import type { StatusSnapshot } from '../status/index.js'
import type { Catalogue } from './i18n/index.js'

/** The tab row's own rules (the theme has no tab styles). */
export const TAB_STYLES = `
nav.tabs ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem; margin: 1rem 0 0; padding: 0; border-bottom: 1px solid var(--line, #d1d9e0); }
nav.tabs a { display: inline-block; padding: .4rem .9rem; border: 1px solid transparent; border-bottom: 0; border-radius: .4rem .4rem 0 0; }
nav.tabs a[aria-current=page] { border-color: var(--line, #d1d9e0); font-weight: 600; text-decoration: none; }
`

/**
 * Every location a component of the snapshot is measured at, sorted.
 *
 * @example
 * snapshotLocations(snapshot) // ['R1', 'R2', 'global']
 */
export function snapshotLocations(snapshot: StatusSnapshot): string[] {
  return [...new Set(snapshot.components.flatMap((component) => component.locations.map((location) => location.location)))].sort()
}

/**
 * The snapshot narrowed to one location: only components measured there, each with only that
 * location and its state. Banner and incidents are left as they are (they are global).
 *
 * @example
 * onlyLocation(snapshot, 'R1').components.every((c) => c.locations.length === 1) // true
 */
export function onlyLocation(snapshot: StatusSnapshot, location: string): StatusSnapshot {
  const components = snapshot.components.flatMap((component) => {
    const here = component.locations.find((candidate) => candidate.location === location)
    return here === undefined ? [] : [{ ...component, state: here.state, locations: [here] }]
  })
  return { ...snapshot, components }
}

/** The href of a tab (null: all locations). */
export function tabHref(location: string | null): string {
  return location === null ? '/' : `/?location=${encodeURIComponent(location)}`
}

/**
 * The tab row; nothing when there is only one location.
 *
 * @example
 * <LocationTabs locations={['R1', 'R2']} selected="R1" t={t} />
 */
export const LocationTabs: FC<{ locations: readonly string[]; selected: string | null; t: Catalogue }> = ({ locations, selected, t }) => {
  if (locations.length < 2) return <></>
  const tabs: { location: string | null; text: string }[] = [{ location: null, text: t.allLocationsTab }, ...locations.map((location) => ({ location, text: location }))]
  return (
    <nav class="tabs" aria-label={t.locationTabs}>
      <ul>
        {tabs.map((tab) => (
          <li>
            <a href={tabHref(tab.location)} aria-current={tab.location === selected ? 'page' : undefined}>
              {tab.text}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  )
}
