/**
 * What badges and the widget show, from the one status snapshot with the same cut as the
 * Statuspage API (simulated series left out), in the request's language.
 *
 * @module
 */
import type { Context } from 'hono'
import type { PublicState } from '../core/public-state.js'
import { STATE_TABLE } from '../core/state-table.js'
import { ApiError } from '../api/index.js'
import type { ComponentStatus, LocationStatus } from '../status/index.js'
import { catalogue, pickLanguage, type Catalogue, type Language } from '../web/index.js'

/** The language of an embed request: `?lang=`, else `Accept-Language`, else English (no cookie: embeds live on other sites). */
export function embedLanguage(c: Context): { lang: Language; t: Catalogue } {
  const lang = pickLanguage({ query: c.req.query('lang'), cookie: undefined, acceptLanguage: c.req.header('accept-language') })
  return { lang, t: catalogue(lang) }
}

/** The label of a state in a language (English from the state table itself). */
export function stateLabel(state: PublicState, t: Catalogue): string {
  return t.stateLabel?.[state] ?? STATE_TABLE[state].label
}

/**
 * The component named `name` (404 when there is none) and, with `location`, that series (404
 * when the component has no such location).
 *
 * @example
 * const { component, location } = findSeries(components, 'compute', 'R1')
 */
export function findSeries(components: readonly ComponentStatus[], name: string, location: string | undefined): { component: ComponentStatus; location: LocationStatus | null } {
  const component = components.find((candidate) => candidate.name === name)
  if (component === undefined) throw new ApiError(404, 'not-found', 'Not found', `no component named ${JSON.stringify(name)}`)
  if (location === undefined) return { component, location: null }
  const series = component.locations.find((candidate) => candidate.location === location)
  if (series === undefined) throw new ApiError(404, 'not-found', 'Not found', `component ${JSON.stringify(name)} has no location ${JSON.stringify(location)}`)
  return { component, location: series }
}
