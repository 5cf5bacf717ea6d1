/**
 * The `incoming:` section: limits of the reports machines push (heartbeats and health beacons).
 *
 * @module
 */
import { z } from 'zod'
import { durationMs } from './check-schema.js'

/** `incoming:` — per-token rate limit of heartbeats and beacons, and the beacons' replay window. */
export const IncomingSchema = z.strictObject({
  rateLimit: z
    .strictObject({
      perMinute: z.number().int().min(1).max(100_000).default(60).describe('reports a token may send per minute on average'),
      burst: z.number().int().min(1).max(10_000).default(20).describe('reports a token may send at once'),
    })
    .prefault({})
    .describe('per API token; beyond it 429 with Retry-After'),
  replayWindow: durationMs
    .refine((ms) => ms >= 1_000 && ms <= 86_400_000, { message: 'the replay window lies between 1s and 24h' })
    .default(300_000)
    .describe('how far a beacon\'s `at` may lie from the server clock, either way (default 5m)'),
})

/** A validated `incoming:` section. */
export type IncomingConfig = z.infer<typeof IncomingSchema>
