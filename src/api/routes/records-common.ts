/**
 * What the records routes share: the series path parameters and the methodology links every
 * answer carries in `method`.
 *
 * @module
 */
import { z } from '@hono/zod-openapi'

/** Where the methodology page says how each kind of answer is computed. */
export const METHOD_LINKS = {
  evidence: '/methodology#public-evidence',
  rollups: '/methodology#rollups-in-the-api',
  availability: '/methodology#availability-in-the-api',
} as const

/** The `{name}` and `{location}` of a series path. */
export const seriesParams = z.object({
  name: z.string().min(1).max(100).openapi({ example: 'compute' }),
  location: z.string().min(1).max(100).openapi({ example: 'RegionOne', description: '`global` when the component is not split' }),
})
