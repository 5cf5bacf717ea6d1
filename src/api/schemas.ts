/**
 * Response bodies of the v1 API. Times are ISO 8601 strings in UTC; durations are milliseconds.
 *
 * @module
 */
import { z } from '@hono/zod-openapi'
import { PUBLIC_STATES } from '../core/public-state.js'
import { MEASURED_STATES } from '../core/series.js'
import { ProbeResultSchema } from '../core/result.js'
import { ProblemSchema } from './problem.js'

const isoTime = z.iso.datetime().openapi({ example: '2026-11-22T10:00:00.000Z' })

/** What the public sees of one (component, location) series. */
export const LocationSchema = z
  .object({
    location: z.string().openapi({ example: 'RegionOne', description: 'a region or AZ; `global` when the component is not split' }),
    state: z.enum(PUBLIC_STATES),
    source: z.enum(['maintenance', 'measured', 'declared', 'both']).openapi({ description: 'what decided the state' }),
    reason: z.string().openapi({ example: 'the newest run failed' }),
    measured: z.enum(MEASURED_STATES).openapi({ description: 'the measured state alone, before incidents and maintenance' }),
    since: isoTime.nullable().openapi({ description: 'since when the measured state holds' }),
    lastMeasuredAt: isoTime.nullable(),
    lastDurationMs: z.number().nullable(),
    measuredBy: z.array(z.object({ kind: z.string(), intervalSeconds: z.number(), simulated: z.boolean().openapi({ description: 'measured on the built-in simulated cloud, not a real one' }) })),
    notRepresentative: z
      .object({
        label: z.string().openapi({ example: 'measurement not representative' }),
        reason: z.string().openapi({ example: 'Our probe host in R1 lost its uplink; the cloud is not affected.' }),
        since: isoTime,
      })
      .nullable()
      .openapi({ description: 'set while an operator marks the measurements not representative: the state then shows the declared state only; show the label and the public reason beside it' }),
  })
  .openapi('ComponentLocation')

/** What the public sees of a component: its worst state and each location's. */
export const ComponentSchema = z
  .object({
    name: z.string().openapi({ example: 'api' }),
    displayName: z.string().openapi({ example: 'Public API' }),
    description: z.string().nullable(),
    state: z.enum(PUBLIC_STATES).openapi({ description: 'the worst state over its locations' }),
    locations: z.array(LocationSchema),
  })
  .openapi('Component')

/** The whole public status. */
export const StatusSchema = z
  .object({ generatedAt: isoTime, overall: z.enum(PUBLIC_STATES), components: z.array(ComponentSchema) })
  .openapi('Status')

/** A configured check, secrets redacted (loopback only). */
export const CheckSchemaOut = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    kind: z.string(),
    displayName: z.string(),
    definition: z.record(z.string(), z.unknown()),
    createdAt: isoTime,
    updatedAt: isoTime,
  })
  .openapi('Check')

/** A stored result (loopback only). */
export const StoredResultSchema = ProbeResultSchema.extend({
  id: z.string(),
  checkId: z.string(),
  startedAt: isoTime,
}).openapi('Result')

/** A page of items. */
export function listOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item) })
}

/** An OpenAPI response whose body is JSON of `schema`. */
export function jsonContent<T extends z.ZodTypeAny>(schema: T, description: string) {
  return { content: { 'application/json': { schema } }, description }
}

/** An OpenAPI response whose body is a problem. */
export function problemContent(description: string) {
  return { content: { 'application/problem+json': { schema: ProblemSchema } }, description }
}
