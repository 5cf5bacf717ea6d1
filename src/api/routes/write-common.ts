/**
 * What every write route shares: the writer a token stands for, ISO 8601 instants in request
 * bodies, and the problems a write may answer with.
 *
 * @module
 */
import { z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { Writer } from '../../incidents/index.js'
import { problemContent } from '../schemas.js'

/** An instant in a request body: ISO 8601 with an offset. */
export const isoInstant = z.iso.datetime({ offset: true }).openapi({ example: '2026-12-06T10:00:00Z' })

/** Epoch milliseconds of an instant from {@link isoInstant}; undefined stays undefined. */
export function toMs(iso: string): number
export function toMs(iso: string | undefined): number | undefined
export function toMs(iso: string | undefined): number | undefined {
  return iso === undefined ? undefined : Date.parse(iso)
}

/**
 * The writer of an authenticated request: the token's name is the audit actor. Only call from
 * routes behind `needsScope`, where a principal always exists.
 */
export function writerOf(c: Context): Writer {
  const principal = c.get('principal')
  if (principal === undefined) throw new Error('writerOf: route is not behind needsScope')
  return { actor: principal.name, door: 'api' }
}

/** The problems every write may answer with, for its OpenAPI responses. */
export const writeProblems = {
  400: problemContent('The request does not have the documented shape'),
  401: problemContent('No token, or an unknown, revoked or expired one (with a WWW-Authenticate: Bearer challenge)'),
  403: problemContent('The token’s scope is too weak'),
  404: problemContent('No such object'),
  409: problemContent('The object is declared in config (the detail names file:line), or its state forbids the write'),
  410: problemContent('The incident (or update) was retracted'),
  422: problemContent('Well-formed but not acceptable: every reason in `errors`'),
} as const
