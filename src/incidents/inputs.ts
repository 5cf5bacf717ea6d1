/**
 * The inputs of every write, as Zod schemas: the one place their shape is checked. Instants are
 * epoch milliseconds; the API converts its ISO 8601 strings before calling the service.
 *
 * @module
 */
import { z } from 'zod'
import { INCIDENT_PHASES, NO_LOCATION } from '../core/index.js'
import { InvalidInputError, type InputIssue } from './errors.js'

const componentName = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'a component name: 1–63 of a-z 0-9 . _ -')
const locationName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'a location: 1–63 of A-Z a-z 0-9 . _ -')
const instant = z.number().int().min(0)
const publicText = (max: number) => z.string().trim().min(1).max(max)
/** Whether subscribers are told about the write (default); `false` is a silent write that queues nothing. */
const notify = z.boolean().default(true)

/** An impact: a series, an impact type and a severity 0–100 (0 = maintenance). */
export const ImpactInputSchema = z.strictObject({
  component: componentName,
  location: locationName.default(NO_LOCATION),
  type: publicText(100).default('Unknown'),
  severity: z.number().int().min(0).max(100),
})
export type ImpactInput = z.input<typeof ImpactInputSchema>

/** Identifies an impact of an incident: its series and type. */
export const ImpactKeySchema = ImpactInputSchema.pick({ component: true, location: true, type: true })
export type ImpactKey = z.input<typeof ImpactKeySchema>

/** A new incident; `text` is its first update. */
export const NewIncidentSchema = z.strictObject({
  title: publicText(200),
  description: publicText(10_000).optional(),
  phase: z.enum(INCIDENT_PHASES).default('investigating'),
  origin: z.enum(['human', 'system']).default('human'),
  beganAt: instant.optional(),
  impacts: z.array(ImpactInputSchema).max(500).default([]),
  text: publicText(10_000),
  at: instant.optional(),
  notify,
})
export type NewIncident = z.input<typeof NewIncidentSchema>

/** A change of an incident's public texts. */
export const IncidentPatchSchema = z.strictObject({
  title: publicText(200).optional(),
  description: publicText(10_000).nullable().optional(),
})
export type IncidentPatch = z.input<typeof IncidentPatchSchema>

/** A new update; `phase` defaults to the current one, `at` to now. */
export const NewUpdateSchema = z.strictObject({
  text: publicText(10_000),
  phase: z.enum(INCIDENT_PHASES).optional(),
  at: instant.optional(),
  notify,
})
export type NewUpdate = z.input<typeof NewUpdateSchema>

/** A component a window covers; without `locations`, all of them. */
export const MaintenanceTargetSchema = z.strictObject({
  component: componentName,
  locations: z.array(locationName).min(1).optional(),
})

/** A new maintenance window. */
export const NewMaintenanceSchema = z
  .strictObject({
    title: publicText(200),
    description: publicText(10_000).optional(),
    components: z.array(MaintenanceTargetSchema).min(1).max(500),
    start: instant,
    end: instant,
    notify,
  })
  .refine((window) => window.end > window.start, { path: ['end'], message: 'must be after start' })
export type NewMaintenance = z.input<typeof NewMaintenanceSchema>

/** Who writes, and through which door. */
export const WriterSchema = z.strictObject({
  actor: z.string().trim().min(1).max(200),
  door: z.enum(['api', 'cli', 'config', 'system']),
})
export type Writer = z.infer<typeof WriterSchema>

/**
 * Parses `value` with `schema`, or throws an {@link InvalidInputError} listing every issue.
 *
 * @example
 * const input = parseInput(NewUpdateSchema, { text: 'Fixed' })
 */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  throw new InvalidInputError(parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(input)', message: issue.message })))
}

/**
 * Checks a stated time of an update: not in the future, not before the incident began, not
 * before the previous update. Returns the issues (empty when fine).
 *
 * @example
 * updateTimeIssues(at, { now, beganAt, previousAt: null }) // []
 */
export function updateTimeIssues(at: number, bounds: { now: number; beganAt: number; previousAt: number | null }, path = 'at'): InputIssue[] {
  const issues: InputIssue[] = []
  const iso = (ms: number) => new Date(ms).toISOString()
  if (at > bounds.now) issues.push({ path, message: `must not be in the future (now is ${iso(bounds.now)})` })
  if (at < bounds.beganAt) issues.push({ path, message: `must not be before the incident began (${iso(bounds.beganAt)})` })
  if (bounds.previousAt !== null && at < bounds.previousAt) issues.push({ path, message: `must not be before the previous update (${iso(bounds.previousAt)})` })
  return issues
}
