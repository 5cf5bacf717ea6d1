/**
 * One component as `GET /components/{name}` serves it: the public component with, per location,
 * the public evidence of its newest health evaluation (kept out of the list routes, where it
 * would multiply the size of every status read).
 *
 * @module
 */
import { z } from '@hono/zod-openapi'
import type { ComponentStatus } from '../../status/index.js'
import { EvidenceSchema, publicEvidence } from '../evidence.js'
import { ComponentSchema, LocationSchema } from '../schemas.js'

/** A location with the evidence of its newest evaluation. */
const LocationDetailSchema = LocationSchema.extend({
  evidence: EvidenceSchema.nullable().openapi({ description: 'the newest evaluation of the health rules; null before the first' }),
}).openapi('ComponentLocationDetail')

/** A component whose locations carry their evidence. */
export const ComponentDetailSchema = ComponentSchema.extend({ locations: z.array(LocationDetailSchema) }).openapi('ComponentDetail')

/**
 * Adds each location's public evidence to a component already mapped for the API.
 *
 * @example
 * c.json(componentDetail(toApi(found), found), 200)
 */
export function componentDetail(mapped: z.infer<typeof ComponentSchema>, status: ComponentStatus): z.infer<typeof ComponentDetailSchema> {
  return {
    ...mapped,
    locations: mapped.locations.map((location, i) => {
      const evaluation = status.locations[i]?.evaluation ?? null
      return { ...location, evidence: evaluation === null ? null : publicEvidence(evaluation) }
    }),
  }
}
