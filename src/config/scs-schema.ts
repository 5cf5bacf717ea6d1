/**
 * The `scs:` section: where the SCS status API is served and which browser origins may call it.
 *
 * @module
 */
import { z } from 'zod'

const Origin = z.union([
  z.literal('*'),
  z.url({ protocol: /^https?$/, error: 'expected * or an origin such as https://status.example.com' }).refine((url) => new URL(url).origin === url.replace(/\/$/, ''), {
    message: 'an origin has no path, query or fragment: scheme://host[:port]',
  }),
])

/** `scs.cors:` — CORS for the SCS API (reads) and its writes. */
export const ScsCorsSchema = z.strictObject({
  allowedOrigins: z.array(Origin).default(['*']).describe('origins allowed to read (GET, HEAD and their preflights); * allows any'),
  writeOrigins: z.array(Origin).default([]).describe('origins allowed to write (POST, PATCH, DELETE); none by default'),
})

/**
 * `scs:` — the SCS status API (SCS status-page-openapi 1.1.2).
 *
 * @example
 * ScsSchema.parse({}).prefix // '/scs'
 */
export const ScsSchema = z.strictObject({
  prefix: z
    .string()
    .regex(/^\/[A-Za-z0-9._~-]+(\/[A-Za-z0-9._~-]+)*$/, 'expected a path such as /scs (no trailing slash)')
    .refine((path) => !/^\/(api|healthz|readyz|metrics)(\/|$)/.test(path), 'must not overlap /api, /healthz, /readyz or /metrics')
    .default('/scs')
    .describe('the path the SCS API is served under'),
  cors: ScsCorsSchema.prefault({}).describe('which browser origins may call the SCS API'),
})
export type ScsConfig = z.infer<typeof ScsSchema>
