/**
 * `templates:` (prefilled incidents operators open from) and `notices:` (short public notices
 * without impact) in config. Declared objects are `managed: config`: the API answers 409 naming
 * the `file:line`, and a reload reconciles them.
 *
 * @module
 */
import { z } from 'zod'
import { INCIDENT_PHASES } from '../core/index.js'
import { DeclaredImpactSchema, InstantSchema } from './incidents-schema.js'

const name = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'names are 1–63 of a-z 0-9 . _ -, starting with a letter or digit')
const publicText = (max: number) => z.string().trim().min(1).max(max)

/** One incident template. */
export const TemplateConfigSchema = z.strictObject({
  name,
  title: publicText(200),
  description: publicText(10_000).optional(),
  text: publicText(10_000).describe('the first update (Markdown)'),
  phase: z.enum(INCIDENT_PHASES).default('investigating'),
  impacts: z.array(DeclaredImpactSchema).default([]).describe('default impacts; without locations, every location of the component'),
})

/** One info notice. */
export const NoticeConfigSchema = z
  .strictObject({
    name,
    title: publicText(200),
    text: publicText(2000),
    start: InstantSchema.optional().describe('default: shown at once'),
    end: InstantSchema.optional().describe('default: shown until removed'),
  })
  .refine((notice) => notice.start === undefined || notice.end === undefined || notice.end > notice.start, { path: ['end'], message: 'end must be after start' })

/** A validated template from config. */
export type TemplateConfig = z.infer<typeof TemplateConfigSchema>
/** A validated notice from config. */
export type NoticeConfig = z.infer<typeof NoticeConfigSchema>
