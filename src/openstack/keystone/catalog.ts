/**
 * The service catalog of a token: parsed with Zod, one endpoint chosen per official service
 * type (aliases folded), interface and region; clouds.yaml endpoint overrides applied.
 *
 * @module
 */
import { z } from 'zod'
import { officialServiceType, serviceTypePreference } from '../service-types.js'

/** One catalog entry as Keystone returns it. */
export const CatalogEntrySchema = z.object({
  type: z.string().min(1),
  name: z.string().nullish(),
  id: z.string().nullish(),
  endpoints: z.array(
    z.object({
      interface: z.string(),
      region: z.string().nullish(),
      region_id: z.string().nullish(),
      url: z.string().min(1),
    }),
  ),
})
export type CatalogEntry = z.infer<typeof CatalogEntrySchema>

/** One service the client can call: its official type and the endpoint chosen for it. */
export interface CatalogService {
  /** Official service type (`block-storage`, not `volumev3`). */
  type: string
  /** The type as the catalog advertised it (`volumev3`), or the override's key. */
  advertisedAs: string
  name: string | null
  /** The endpoint URL without a trailing slash. */
  url: string
  region: string | null
  interface: string
  /** `override` when clouds.yaml's `<service>_endpoint_override` supplied or replaced it. */
  source: 'catalog' | 'override'
}

/** How endpoints are chosen. */
export interface EndpointSelection {
  interface: 'public' | 'internal' | 'admin'
  region: string | null
  /** `<service>_endpoint_override` by service type or alias, `-` or `_`. */
  overrides: Record<string, string>
  /** Fills `%(project_id)s` / `$(project_id)s` / `%(tenant_id)s` in overrides. */
  projectId: string | null
}

/**
 * Chooses one endpoint per official service type, sorted by type.
 *
 * @example
 * selectServices(token.catalog, { interface: 'public', region: 'RegionOne', overrides: {}, projectId })
 * // [{ type: 'block-storage', advertisedAs: 'volumev3', url: 'http://…/v3/abc', … }, …]
 */
export function selectServices(entries: readonly CatalogEntry[], selection: EndpointSelection): CatalogService[] {
  const chosen = new Map<string, { service: CatalogService; preference: number }>()
  for (const entry of entries) {
    const endpoint = entry.endpoints.find(
      (candidate) =>
        candidate.interface === selection.interface &&
        (selection.region === null || candidate.region_id === selection.region || candidate.region === selection.region),
    )
    if (!endpoint) continue
    const type = officialServiceType(entry.type)
    const preference = serviceTypePreference(entry.type)
    const existing = chosen.get(type)
    if (existing && existing.preference <= preference) continue
    const service: CatalogService = {
      type,
      advertisedAs: entry.type,
      name: entry.name ?? null,
      url: endpoint.url.replace(/\/+$/, ''),
      region: endpoint.region_id ?? endpoint.region ?? null,
      interface: endpoint.interface,
      source: 'catalog',
    }
    chosen.set(type, { service, preference })
  }
  for (const [key, url] of Object.entries(selection.overrides)) {
    const type = officialServiceType(key)
    const base = chosen.get(type)?.service
    const resolved = fillProject(url, selection.projectId).replace(/\/+$/, '')
    chosen.set(type, {
      service: { type, advertisedAs: base?.advertisedAs ?? key, name: base?.name ?? null, url: resolved, region: base?.region ?? selection.region, interface: selection.interface, source: 'override' },
      preference: -1,
    })
  }
  return [...chosen.values()].map((entry) => entry.service).sort((a, b) => a.type.localeCompare(b.type))
}

function fillProject(url: string, projectId: string | null): string {
  if (projectId === null) return url
  return url.replace(/[%$]\((?:project_id|tenant_id)\)s/g, projectId)
}
