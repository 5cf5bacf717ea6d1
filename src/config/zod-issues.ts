/**
 * Zod issues → positioned issues: each at the YAML node responsible, unknown keys at the key (with
 * a "did you mean"), missing keys at their parent map, nothing reported twice for `defaults:`.
 *
 * @module
 */
import { z } from 'zod'
import { locate, positionOf } from './tree.js'
import type { RawIssue, Tree } from './tree.js'

/** Positions every Zod issue of a failed parse of `tree` against `schema`. */
export function positionZodIssues(issues: readonly z.core.$ZodIssue[], tree: Tree, schema: z.ZodType): RawIssue[] {
  const out: RawIssue[] = []
  for (const issue of issues) {
    const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol')
    if (issue.code === 'unrecognized_keys') {
      const allowed = allowedKeys(schema, path, tree)
      for (const key of issue.keys) {
        const found = locate(tree, [...path, key])
        if (found.inherited) continue
        const hint = suggest(key, allowed)
        out.push({ at: found.node.keyAt ?? positionOf(found.node), path: [...path, key], message: `unknown key "${key}"${hint === null ? '' : `; did you mean "${hint}"?`}` })
      }
      continue
    }
    const found = locate(tree, path)
    if (found.inherited) continue
    out.push({ at: positionOf(found.node), path, message: describe(issue, found.exact) })
  }
  return out
}

function describe(issue: z.core.$ZodIssue, exists: boolean): string {
  const key = String(issue.path.at(-1) ?? '')
  if (issue.code === 'invalid_union' && 'discriminator' in issue && typeof issue.discriminator === 'string') {
    const options = ((issue as { options?: unknown[] }).options ?? []).join(', ')
    return exists ? `unknown ${issue.discriminator}; expected one of ${options}` : `missing required key "${key}" (one of ${options})`
  }
  if (!exists && issue.code === 'invalid_type') return `missing required key "${key}"`
  return issue.message
}

/** The keys the schema allows at a path (following discriminated unions by the data's value). */
function allowedKeys(schema: z.ZodType, path: readonly (string | number)[], tree: Tree): string[] {
  let current: unknown = schema
  let node: Tree | undefined = tree
  for (let depth = 0; depth <= path.length; depth += 1) {
    current = unwrap(current, node)
    if (depth === path.length) break
    const part = path[depth]!
    if (current instanceof z.ZodObject && typeof part === 'string') current = current.shape[part]
    else if (current instanceof z.ZodArray) current = current.element
    else if (current instanceof z.ZodRecord) current = current.valueType
    else return []
    node = node?.kind === 'map' && typeof part === 'string' ? node.entries.get(part) : node?.kind === 'seq' && typeof part === 'number' ? node.items[part] : undefined
  }
  return current instanceof z.ZodObject ? Object.keys(current.shape) : []
}

function unwrap(schema: unknown, node: Tree | undefined): unknown {
  let current = schema
  for (let guard = 0; guard < 20; guard += 1) {
    if (current instanceof z.ZodDefault || current instanceof z.ZodPrefault || current instanceof z.ZodOptional || current instanceof z.ZodNullable) current = current.unwrap()
    else if (current instanceof z.ZodPipe) current = current.in
    else if (current instanceof z.ZodDiscriminatedUnion) current = pickOption(current, node)
    else return current
  }
  return current
}

function pickOption(union: z.ZodDiscriminatedUnion, node: Tree | undefined): unknown {
  const discriminator = union.def.discriminator
  const value = node?.kind === 'map' ? node.entries.get(discriminator) : undefined
  if (value?.kind !== 'scalar') return undefined
  return union.options.find((option) => option instanceof z.ZodObject && (option.shape[discriminator] as z.ZodType | undefined)?._zod.values?.has(value.value as string))
}

/** The closest allowed key to a typo: same letters ignoring case and `-`/`_`, or ≤ 2 edits. */
function suggest(key: string, allowed: readonly string[]): string | null {
  const fold = (text: string) => text.toLowerCase().replace(/[-_]/g, '')
  const same = allowed.find((candidate) => fold(candidate) === fold(key))
  if (same !== undefined) return same
  const limit = Math.min(2, Math.max(1, Math.floor(key.length / 3)))
  let best: string | null = null
  let bestDistance = limit + 1
  for (const candidate of allowed) {
    const distance = editDistance(fold(key), fold(candidate))
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  return best
}

/** Edit distance where swapping two neighbouring letters is one edit (optimal string alignment). */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, index) => index)]
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i]
    for (let j = 1; j <= b.length; j += 1) {
      const above = rows[i - 1]!
      let best = Math.min(above[j]! + 1, row[j - 1]! + 1, above[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1)
      row[j] = best
    }
    rows.push(row)
  }
  return rows[a.length]![b.length]!
}
