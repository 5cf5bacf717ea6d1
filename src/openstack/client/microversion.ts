/**
 * Microversions: the range a service's version document announces, the version both sides
 * speak, and the headers that ask for it.
 *
 * @module
 */
import { z } from 'zod'

const VersionSchema = z.object({
  id: z.string().optional(),
  status: z.string().optional(),
  version: z.string().nullish(),
  min_version: z.string().nullish(),
  /** Placement's spelling of `version`. */
  max_version: z.string().nullish(),
})

/** A version document: one version (`GET /v2.1`) or the list at the root (`GET /`). */
export const VersionDocumentSchema = z.union([
  z.object({ version: VersionSchema }),
  z.object({ versions: z.union([z.array(VersionSchema), z.object({ values: z.array(VersionSchema) })]) }),
])
export type VersionDocument = z.infer<typeof VersionDocumentSchema>

/** The microversions a service endpoint accepts; both null when it has none. */
export interface MicroversionRange {
  min: string | null
  max: string | null
}

/**
 * Reads the microversion range from a version document (the `CURRENT` entry of a list).
 *
 * @example
 * microversionRange({ version: { id: 'v2.1', version: '2.95', min_version: '2.1' } }) // { min: '2.1', max: '2.95' }
 */
export function microversionRange(document: VersionDocument): MicroversionRange {
  let entry: z.infer<typeof VersionSchema> | undefined
  if ('version' in document) entry = document.version
  else {
    const list = Array.isArray(document.versions) ? document.versions : document.versions.values
    entry = list.find((candidate) => candidate.status?.toUpperCase() === 'CURRENT') ?? list.at(-1)
  }
  const max = entry?.version || entry?.max_version || null
  const min = entry?.min_version || null
  return { min, max }
}

/**
 * Compares two microversions (`2.10` > `2.9`).
 *
 * @example
 * compareMicroversions('2.10', '2.9') // 1
 */
export function compareMicroversions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number)
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number)
  return Math.sign(aMajor - bMajor) || Math.sign(aMinor - bMinor)
}

/**
 * The highest microversion both sides speak: `wanted` capped at the server's maximum, or null
 * when the server's minimum is above it (or the server has no microversions).
 *
 * @example
 * negotiateMicroversion({ min: '2.1', max: '2.60' }, '2.79') // '2.60'
 * negotiateMicroversion({ min: '2.1', max: '2.95' }, '2.79') // '2.79'
 */
export function negotiateMicroversion(range: MicroversionRange, wanted: string): string | null {
  if (range.max === null) return null
  const chosen = compareMicroversions(wanted, range.max) > 0 ? range.max : wanted
  if (range.min !== null && compareMicroversions(chosen, range.min) < 0) return null
  return chosen
}

const HEADER_SERVICE: Readonly<Record<string, string>> = {
  'block-storage': 'volume',
  'shared-file-system': 'sharev2',
}

const LEGACY_HEADER: Readonly<Record<string, string>> = {
  compute: 'x-openstack-nova-api-version',
  baremetal: 'x-openstack-ironic-api-version',
  'shared-file-system': 'x-openstack-manila-api-version',
}

/**
 * The headers that request `version` of a service: `OpenStack-API-Version` plus the legacy
 * header older deployments still read.
 *
 * @example
 * microversionHeaders('compute', '2.67') // { 'openstack-api-version': 'compute 2.67', 'x-openstack-nova-api-version': '2.67' }
 */
export function microversionHeaders(service: string, version: string): Record<string, string> {
  const headers: Record<string, string> = { 'openstack-api-version': `${HEADER_SERVICE[service] ?? service} ${version}` }
  const legacy = LEGACY_HEADER[service]
  if (legacy) headers[legacy] = version
  return headers
}
