/**
 * `automation:` — how a (component, location) leaving operational opens, escalates and resolves
 * system incidents, and how much evidence an incident pins around itself.
 *
 * @module
 */
import { z } from 'zod'
import { durationMs } from './check-schema.js'

const OpeningStateSchema = z.enum(['degraded', 'partial_outage', 'major_outage', 'no_data'])

/** A measured state that may open an automatic incident (every one but operational). */
export type OpeningState = z.infer<typeof OpeningStateSchema>

/** The states that open an incident by default; `no_data` is a monitoring gap, not an outage. */
export const DEFAULT_OPEN_ON: readonly OpeningState[] = ['degraded', 'partial_outage', 'major_outage']

/**
 * The `automation:` section with its defaults.
 *
 * @example
 * AutomationSchema.parse({ quietPeriod: '10m' }) // { enabled: true, quietPeriod: 600000, openOn: [...], evidenceWindow: 3600000 }
 */
export const AutomationSchema = z.strictObject({
  enabled: z.boolean().default(true).describe('open, escalate and resolve system incidents from the measured states'),
  quietPeriod: durationMs.default(15 * 60_000).describe('how long a series must be operational again before its impact ends (default 15m)'),
  openOn: z
    .array(OpeningStateSchema)
    .min(1)
    .default([...DEFAULT_OPEN_ON])
    .refine((states) => new Set(states).size === states.length, { message: 'each state at most once' })
    .describe('measured states that open (or join) a system incident; no_data is left out by default: it is a monitoring gap'),
  evidenceWindow: durationMs.default(60 * 60_000).describe('raw results and evaluations pinned before an incident began and after it ended (default 1h)'),
})

/** The validated `automation:` section, durations in milliseconds. */
export type AutomationConfig = z.infer<typeof AutomationSchema>
