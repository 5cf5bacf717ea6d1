/**
 * The JSONPath subset of `[BODY]`: `.key`, `[0]`, `['key']`, `["key"]` and `[*]`. No filters,
 * no scripts — a path is data, never code.
 *
 * @module
 */
import type { PathSegment } from './types.js'

const MAX_SEGMENTS = 64
const DOT_KEY = /^[^.[\]\s()]+/
const INDEX = /^\[(\d{1,9})\]/
const QUOTED = /^\[(?:'([^']*)'|"([^"]*)")\]/

/** A parsed path, or why the text is not one. */
export type PathParse = { ok: true; path: PathSegment[] } | { ok: false; message: string }

/**
 * Parses the part of a placeholder after `[BODY]`.
 *
 * @example
 * parsePath(".items[0]['content-type']") // { ok: true, path: [{key:'items'},{index:0},{key:'content-type'}] }
 */
export function parsePath(text: string): PathParse {
  const path: PathSegment[] = []
  let rest = text
  while (rest.length > 0) {
    if (path.length >= MAX_SEGMENTS) return { ok: false, message: `a path has at most ${MAX_SEGMENTS} parts` }
    const step = nextSegment(rest)
    if (step === null) return { ok: false, message: `cannot read the path at "${rest.slice(0, 40)}"` }
    path.push(step.segment)
    rest = rest.slice(step.length)
  }
  return { ok: true, path }
}

function nextSegment(rest: string): { segment: PathSegment; length: number } | null {
  if (rest.startsWith('.')) {
    const key = DOT_KEY.exec(rest.slice(1))
    return key ? { segment: { key: key[0] }, length: key[0].length + 1 } : null
  }
  if (rest.startsWith('[*]')) return { segment: { wildcard: true }, length: 3 }
  const index = INDEX.exec(rest)
  if (index) return { segment: { index: Number(index[1]) }, length: index[0].length }
  const quoted = QUOTED.exec(rest)
  if (quoted) return { segment: { key: quoted[1] ?? quoted[2] ?? '' }, length: quoted[0].length }
  return null
}

/** What a path found: nothing, one value, or (after `[*]`) a list of values. */
export type PathValue = { found: false } | { found: true; value: unknown; list: boolean }

/**
 * Follows a path through parsed JSON. After a `[*]` the result is a list of every match.
 *
 * @example
 * resolvePath({ a: [{ b: 1 }, { b: 2 }] }, [{ key: 'a' }, { wildcard: true }, { key: 'b' }])
 * // { found: true, value: [1, 2], list: true }
 */
export function resolvePath(root: unknown, path: readonly PathSegment[]): PathValue {
  let values: unknown[] = [root]
  let list = false
  for (const segment of path) {
    const next: unknown[] = []
    for (const value of values) for (const found of step(value, segment)) next.push(found)
    if ('wildcard' in segment) list = true
    values = next
    if (!list && values.length === 0) return { found: false }
  }
  return list ? { found: true, value: values, list: true } : { found: true, value: values[0], list: false }
}

function step(value: unknown, segment: PathSegment): unknown[] {
  if ('wildcard' in segment) {
    if (Array.isArray(value)) return value
    return value !== null && typeof value === 'object' ? Object.values(value) : []
  }
  if ('index' in segment) return Array.isArray(value) && segment.index < value.length ? [value[segment.index]] : []
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return []
  return Object.prototype.hasOwnProperty.call(value, segment.key) ? [(value as Record<string, unknown>)[segment.key]] : []
}
