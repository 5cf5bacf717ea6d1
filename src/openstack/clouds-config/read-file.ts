/**
 * Finding and parsing the first usable file of a candidate list, as openstacksdk's
 * `_load_yaml_json_file` does: missing files are passed over, unreadable or unparsable ones
 * skipped with a warning, the first one that parses wins.
 *
 * @module
 */
import { readFile, stat } from 'node:fs/promises'
import { LineCounter, isMap, isSeq, parseDocument } from 'yaml'
import type { Document, Node } from 'yaml'
import type { CloudsWarning } from './types.js'

/** A parsed clouds or secure file, with what is needed to position problems in it. */
export interface ParsedFile {
  file: string
  data: unknown
  doc: Document
  lines: LineCounter
}

/**
 * The first candidate that exists and parses; null when none does. YAML is read as YAML 1.1
 * (like PyYAML: `yes`/`no` are booleans, `<<` merges, duplicate keys keep the last); files ending
 * in `json` are read with the same parser, so their errors are positioned too.
 *
 * @example
 * const found = await findFirstFile(configSearchPath().clouds, (w) => warnings.push(w))
 */
export async function findFirstFile(
  candidates: readonly string[],
  warn: (warning: CloudsWarning) => void,
): Promise<ParsedFile | null> {
  for (const file of candidates) {
    if (!(await exists(file))) continue
    let text: string
    try {
      text = await readFile(file, 'utf8')
    } catch (error) {
      warn({ file, message: `skipped: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})` })
      continue
    }
    const parsed = parseText(file, text)
    if ('problem' in parsed) {
      warn({ file, message: `skipped: ${parsed.problem}` })
      continue
    }
    return parsed
  }
  return null
}

function parseText(file: string, text: string): ParsedFile | { problem: string } {
  const lines = new LineCounter()
  const json = file.endsWith('json')
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false, intAsBigInt: true, ...(json ? {} : { version: '1.1' as const }) })
  const error = doc.errors[0]
  if (error) {
    // Only the first line, and without the excerpt of the source the parser appends: that
    // excerpt could show a password.
    const summary = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')
    const where = error.linePos ? `${error.linePos[0].line}:${error.linePos[0].col}: ` : ''
    return { problem: `${where}not valid ${json ? 'JSON' : 'YAML'}: ${summary}` }
  }
  try {
    return { file, data: doc.toJS({ maxAliasCount: 1000 }), doc, lines }
  } catch {
    return { problem: 'not valid YAML: too many aliases' }
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file)
    return true
  } catch {
    return false
  }
}

/**
 * The 1-based line and column of the node at `path` in a parsed file, comparing keys after
 * `-` → `_` normalisation; the deepest existing ancestor when the full path is absent.
 * `exact` tells whether the full path was found.
 *
 * @example
 * positionOf(parsed, ['clouds', 'demo', 'auth_type']) // { line: 4, col: 16, exact: true }
 */
export function positionOf(
  parsed: ParsedFile,
  path: readonly (string | number)[],
): { line: number; col: number; exact: boolean } {
  let node: Node | null = parsed.doc.contents
  let best = node
  let found = 0
  for (const part of path) {
    const next = childOf(node, part)
    if (next === null) break
    best = next.value ?? next.key
    node = next.value
    found += 1
    if (node === null) break
  }
  const offset = best?.range?.[0] ?? 0
  const { line, col } = parsed.lines.linePos(offset)
  return { line, col, exact: found === path.length }
}

function childOf(node: Node | null, part: string | number): { key: Node | null; value: Node | null } | null {
  if (isSeq(node) && typeof part === 'number') {
    const item = node.items[part]
    return item ? { key: item as Node, value: item as Node } : null
  }
  if (!isMap(node)) return null
  for (const pair of [...node.items].reverse()) {
    const key = pair.key as Node | null
    const name = key && 'value' in key ? String((key as { value: unknown }).value) : String(key)
    if (name.replaceAll('-', '_') === String(part).replaceAll('-', '_')) {
      return { key, value: (pair.value as Node | null) ?? null }
    }
  }
  return null
}
