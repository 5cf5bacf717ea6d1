/**
 * The `staticCopy:` section: the pre-rendered copy of the public pages that survives our own
 * outage — where it is written, how often, the command that publishes it, and when its pages call
 * themselves stale.
 *
 * @module
 */
import { z } from 'zod'
import { durationMs } from '../config/check-schema.js'

const MINUTE_MS = 60_000

/**
 * `staticCopy:` — pre-render on every state change (at most every `minInterval`) and at least
 * every `maxInterval`, then run `publishCommand` with the new generation's directory.
 *
 * @example
 * StaticCopySchema.parse({}).maxInterval // 60000
 * StaticCopySchema.parse({ publishCommand: ['rsync', '-a', '--delete', '{dir}/', 'web:/srv/status/'] })
 */
export const StaticCopySchema = z
  .strictObject({
    enabled: z.boolean().default(true).describe('pre-render the public pages into a static copy'),
    dir: z.string().min(1).optional().describe('root folder of the copy (default <storage.dataDir>/static); the site is <dir>/current'),
    minInterval: durationMs
      .refine((ms) => ms >= 1_000 && ms <= 10 * MINUTE_MS, { message: 'minInterval lies between 1s and 10m' })
      .default(10_000)
      .describe('least time between two renders after state changes (default 10s)'),
    maxInterval: durationMs
      .refine((ms) => ms >= 5_000 && ms <= MINUTE_MS, { message: 'maxInterval lies between 5s and 1m: the copy is renewed at least every minute' })
      .default(MINUTE_MS)
      .describe('most time between two renders, changes or not (default and at most 1m)'),
    publishCommand: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe('argv run after each render; {dir} in an argument is the new generation\'s folder, also in $GLASSHOUSE_STATIC_DIR'),
    publishTimeout: durationMs
      .refine((ms) => ms >= 1_000 && ms <= 10 * MINUTE_MS, { message: 'publishTimeout lies between 1s and 10m' })
      .default(60_000)
      .describe('the publish command is killed after this (default 1m)'),
    staleAfter: durationMs
      .refine((ms) => ms >= MINUTE_MS && ms <= 24 * 60 * MINUTE_MS, { message: 'staleAfter lies between 1m and 24h' })
      .default(3 * MINUTE_MS)
      .describe('age at which the static pages show the "status system may be down" banner (default 3m)'),
  })
  .refine((copy) => copy.minInterval <= copy.maxInterval, { message: 'minInterval must not exceed maxInterval', path: ['minInterval'] })

/** A validated `staticCopy:` section, durations in milliseconds. */
export type StaticCopyConfig = z.infer<typeof StaticCopySchema>
