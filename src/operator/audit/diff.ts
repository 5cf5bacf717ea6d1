/**
 * A readable diff of an audit entry's `before` and `after`: both flattened to paths
 * (`impacts[0].severity`), and one row per path whose value was added, removed or changed.
 *
 * @module
 */

/** One changed path. `before`/`after` are JSON texts; undefined where the path did not exist. */
export interface DiffRow {
  path: string
  kind: 'added' | 'removed' | 'changed'
  before?: string
  after?: string
}

function flatten(value: unknown, path: string, into: Map<string, string>): Map<string, string> {
  if (Array.isArray(value) && value.length > 0) value.forEach((item, index) => flatten(item, `${path}[${index}]`, into))
  else if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0) {
    for (const [key, item] of Object.entries(value)) flatten(item, path === '' ? key : `${path}.${key}`, into)
  } else into.set(path === '' ? '(value)' : path, JSON.stringify(value) ?? 'null')
  return into
}

/**
 * The rows that differ between `before` and `after` (null on either side: everything added or
 * removed), in path order.
 *
 * @example
 * auditDiff({ title: 'A', phase: 'identified' }, { title: 'B', phase: 'identified' })
 * // [{ path: 'title', kind: 'changed', before: '"A"', after: '"B"' }]
 */
export function auditDiff(before: unknown, after: unknown): DiffRow[] {
  const old = before === null || before === undefined ? new Map<string, string>() : flatten(before, '', new Map())
  const now = after === null || after === undefined ? new Map<string, string>() : flatten(after, '', new Map())
  const paths = [...new Set([...old.keys(), ...now.keys()])].sort()
  const rows: DiffRow[] = []
  for (const path of paths) {
    const was = old.get(path)
    const is = now.get(path)
    if (was === is) continue
    if (was === undefined) rows.push({ path, kind: 'added', after: is! })
    else if (is === undefined) rows.push({ path, kind: 'removed', before: was })
    else rows.push({ path, kind: 'changed', before: was, after: is })
  }
  return rows
}
