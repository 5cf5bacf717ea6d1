/**
 * YAML documents as positioned trees: every value remembers the file, line and column it came
 * from (and its key's), so that a problem found later — by Zod, by a merge, by a rule — can be
 * reported at the node responsible, even after split files were merged.
 *
 * @module
 */
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument } from 'yaml'
import type { Document, Node } from 'yaml'

/** A place in a file (1-based line and column). */
export interface Position {
  file: string
  line: number
  col: number
}

interface Base {
  /** Where the value starts. */
  at: Position
  /** Where its key is, when it is a map entry. */
  keyAt?: Position
  /** Copied from `defaults:`; problems with it are reported there. */
  inherited?: boolean
}

/** A YAML map; keys in document order. */
export interface MapNode extends Base {
  kind: 'map'
  entries: Map<string, Tree>
}
/** A YAML sequence. */
export interface SeqNode extends Base {
  kind: 'seq'
  items: Tree[]
}
/** A YAML scalar, after substitution. */
export interface ScalarNode extends Base {
  kind: 'scalar'
  value: unknown
  /** Its value came from a substitution: never quote it. */
  secret: boolean
}
/** A positioned YAML value. */
export type Tree = MapNode | SeqNode | ScalarNode

/** A problem before it is rendered: a position, a document path, a message. */
export interface RawIssue {
  at: Position
  path: readonly PropertyKey[]
  message: string
}

/** Turns a string scalar into its final value (substitutions); plain = written without quotes. */
export type ScalarHook = (text: string, at: Position, path: readonly PropertyKey[], plain: boolean) => { value: unknown; secret: boolean }

const MAX_NODES = 100_000

/**
 * Parses one YAML file into a tree. Syntax errors (and warnings such as unknown tags) are issues;
 * when there are any, the tree is null. An empty document is an empty map.
 */
export function parseYamlTree(file: string, text: string, hook: ScalarHook): { tree: Tree | null; issues: RawIssue[] } {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true })
  const place = (offset: number): Position => ({ file, ...lineCounter.linePos(offset) })
  const syntax = [...doc.errors, ...doc.warnings].map((error) => ({
    at: place(error.pos[0]),
    path: [],
    message: `YAML: ${error.message.split('\n')[0]}`,
  }))
  if (syntax.length > 0) return { tree: null, issues: syntax }
  if (doc.contents === null) return { tree: { kind: 'map', at: place(0), entries: new Map() }, issues: [] }
  const builder = new Builder(doc, place, hook)
  const tree = builder.build(doc.contents, [])
  return { tree, issues: builder.issues }
}

class Builder {
  readonly issues: RawIssue[] = []
  private count = 0

  constructor(
    private readonly doc: Document,
    private readonly place: (offset: number) => Position,
    private readonly hook: ScalarHook,
  ) {}

  build(node: Node | null | unknown, path: PropertyKey[]): Tree {
    const at = this.place(rangeStart(node))
    if (++this.count > MAX_NODES) {
      if (this.count === MAX_NODES + 1) this.issues.push({ at, path, message: `more than ${MAX_NODES} values (alias expansion?)` })
      return { kind: 'scalar', at, value: null, secret: false }
    }
    if (isAlias(node)) return this.build(node.resolve(this.doc), path)
    if (isMap(node)) {
      const entries = new Map<string, Tree>()
      for (const pair of node.items) {
        const keyAt = this.place(rangeStart(pair.key))
        const key = isScalar(pair.key) && pair.key.value !== null && typeof pair.key.value !== 'object' ? String(pair.key.value) : null
        if (key === null) {
          this.issues.push({ at: keyAt, path, message: 'keys must be plain strings' })
          continue
        }
        const child = pair.value === null ? { kind: 'scalar' as const, at: keyAt, value: null, secret: false } : this.build(pair.value, [...path, key])
        entries.set(key, { ...child, keyAt })
      }
      return { kind: 'map', at, entries }
    }
    if (isSeq(node)) return { kind: 'seq', at, items: node.items.map((item, index) => this.build(item, [...path, index])) }
    if (isScalar(node)) {
      if (typeof node.value !== 'string') return { kind: 'scalar', at, value: node.value, secret: false }
      return { kind: 'scalar', at, ...this.hook(node.value, at, path, node.type === 'PLAIN') }
    }
    return { kind: 'scalar', at, value: null, secret: false }
  }
}

function rangeStart(node: unknown): number {
  const range = (node as { range?: [number, number, number] } | null)?.range
  return range?.[0] ?? 0
}

/**
 * Finds the node at a document path, or the deepest existing node on the way (then `exact` is
 * false: a missing key is reported at its parent). `inherited` is true when any node on the way
 * was copied from `defaults:`.
 */
export function locate(root: Tree, path: readonly PropertyKey[]): { node: Tree; exact: boolean; inherited: boolean } {
  let node = root
  let inherited = root.inherited === true
  for (const part of path) {
    const child =
      node.kind === 'map' && typeof part === 'string'
        ? node.entries.get(part)
        : node.kind === 'seq' && typeof part === 'number'
          ? node.items[part]
          : undefined
    if (child === undefined) return { node, exact: false, inherited }
    node = child
    inherited ||= child.inherited === true
  }
  return { node, exact: true, inherited }
}

/**
 * The position to report a problem of a node at: a scalar's value; a collection's key (a block
 * collection starts on the next line, which reads as the wrong place).
 */
export function positionOf(node: Tree): Position {
  if (node.kind === 'scalar' && node.value !== null) return node.at
  return node.keyAt ?? node.at
}

/** The plain JavaScript value of a tree, for Zod. */
export function toPlain(tree: Tree): unknown {
  if (tree.kind === 'scalar') return tree.value
  if (tree.kind === 'seq') return tree.items.map(toPlain)
  return Object.fromEntries([...tree.entries].map(([key, value]) => [key, toPlain(value)]))
}

/** Renders a position as `file:line:col`. */
export function formatPosition(at: Position): string {
  return `${at.file}:${at.line}:${at.col}`
}
