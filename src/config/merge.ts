/**
 * Merging split configuration files and applying `defaults:` — both on positioned trees, so that
 * every problem still points into the file it came from.
 *
 * @module
 */
import { formatPosition, positionOf } from './tree.js'
import type { MapNode, RawIssue, SeqNode, Tree } from './tree.js'

/**
 * Merges documents in order: maps deep-merge, lists of maps are concatenated, anything else is
 * replaced by the later file. Then every top-level list of maps must have unique `name`s; a
 * duplicate is reported at its second place and names the first.
 */
export function mergeTrees(first: Tree, rest: readonly Tree[]): { tree: MapNode | null; issues: RawIssue[] } {
  const notMap = [first, ...rest].filter((tree) => tree.kind !== 'map')
  if (notMap.length > 0) {
    return { tree: null, issues: notMap.map((tree) => ({ at: positionOf(tree), path: [], message: 'the document must be a map of sections, such as server: and checks:' })) }
  }
  const tree = rest.reduce(mergeTwo, first) as MapNode
  const issues: RawIssue[] = []
  for (const [section, value] of tree.entries) if (value.kind === 'seq') issues.push(...duplicateNames(section, value))
  return { tree, issues }
}

function mergeTwo(a: Tree, b: Tree): Tree {
  if (a.kind === 'map' && b.kind === 'map') {
    const entries = new Map(a.entries)
    for (const [key, value] of b.entries) {
      const existing = entries.get(key)
      entries.set(key, existing === undefined ? value : mergeTwo(existing, value))
    }
    return { ...a, entries }
  }
  if (a.kind === 'seq' && b.kind === 'seq' && [...a.items, ...b.items].every((item) => item.kind === 'map')) {
    return { ...a, items: [...a.items, ...b.items] }
  }
  return b
}

function duplicateNames(section: string, list: SeqNode): RawIssue[] {
  const issues: RawIssue[] = []
  const seen = new Map<unknown, Tree>()
  list.items.forEach((item, index) => {
    const name = item.kind === 'map' ? item.entries.get('name') : undefined
    if (name?.kind !== 'scalar' || typeof name.value !== 'string') return
    const earlier = seen.get(name.value)
    if (earlier === undefined) {
      seen.set(name.value, name)
      return
    }
    const quoted = name.secret ? 'name' : `name "${name.value}"`
    issues.push({
      at: positionOf(name),
      path: [section, index, 'name'],
      message: `duplicate ${quoted} in ${section}: defined at ${formatPosition(positionOf(earlier))} and at ${formatPosition(positionOf(name))}`,
    })
  })
  return issues
}

/**
 * Copies each `defaults:` entry into every check map that does not set it, marked as inherited
 * (a bad default is reported once, at `defaults:`, not once per check).
 */
export function applyDefaults(root: MapNode, section = 'checks'): MapNode {
  const defaults = root.entries.get('defaults')
  const list = root.entries.get(section)
  if (defaults?.kind !== 'map' || list?.kind !== 'seq') return root
  const items = list.items.map((item) => (item.kind === 'map' ? withDefaults(item, defaults) : item))
  return { ...root, entries: new Map(root.entries).set(section, { ...list, items }) }
}

function withDefaults(item: MapNode, defaults: MapNode): MapNode {
  const entries = new Map(item.entries)
  for (const [key, value] of defaults.entries) if (!entries.has(key)) entries.set(key, { ...value, inherited: true })
  return { ...item, entries }
}
