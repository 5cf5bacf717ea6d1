/**
 * The `operator:` config section: session lifetimes and the sign-in rate limit of the operator UI,
 * and the minimum notice maintenance is warned against.
 *
 * @module
 */
import { z } from 'zod'
import { durationMs } from '../config/check-schema.js'

const HOUR_MS = 3_600_000

/** `operator:` — the operator UI's sessions and sign-in limits. */
export const OperatorSchema = z
  .strictObject({
    sessionIdleTimeout: durationMs
      .refine((ms) => ms >= 60_000 && ms <= 7 * 24 * HOUR_MS, { message: 'the idle timeout lies between 1m and 7d' })
      .default(8 * HOUR_MS)
      .describe('a session without a request for this long ends (default 8h)'),
    sessionMaxLifetime: durationMs
      .refine((ms) => ms >= 60_000 && ms <= 30 * 24 * HOUR_MS, { message: 'the maximum lifetime lies between 1m and 30d' })
      .default(24 * HOUR_MS)
      .describe('a session ends this long after sign-in, however active (default 24h)'),
    minimumNotice: durationMs
      .refine((ms) => ms <= 90 * 24 * HOUR_MS, { message: 'the minimum notice is at most 90d' })
      .default(36 * HOUR_MS)
      .describe('maintenance starting sooner than this after it is scheduled is allowed but warned about (API warnings, UI confirm, CLI stderr); 0s turns the warning off; default 36h'),
    signInRateLimit: z
      .strictObject({
        perMinute: z.number().int().min(1).max(1_000).default(5).describe('failed sign-ins a client address may make per minute on average'),
        burst: z.number().int().min(1).max(1_000).default(10).describe('failed sign-ins a client address may make at once'),
      })
      .prefault({})
      .describe('per real client address (behind page.trustedProxies: X-Forwarded-For); beyond it 429 with Retry-After'),
  })
  .refine((section) => section.sessionMaxLifetime >= section.sessionIdleTimeout, { path: ['sessionMaxLifetime'], message: 'must not be shorter than sessionIdleTimeout' })

/** A validated `operator:` section (durations in ms). */
export type OperatorConfig = z.infer<typeof OperatorSchema>
