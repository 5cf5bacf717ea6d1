/**
 * A line diff between two revisions (longest common subsequence), grouped into hunks with a few
 * unchanged lines of context, for the history page to render (escaped) as HTML.
 *
 * @module
 */

/** One line of a diff. */
export interface DiffLine {
  kind: 'same' | 'added' | 'removed'
  text: string
}

/** A run of diff lines; `skipped` unchanged lines precede it. */
export interface DiffHunk {
  skipped: number
  lines: DiffLine[]
}

/** Above this many changed lines on either side the diff is the whole changed part removed and added (bounds time and memory). */
const MAX_LINES = 1500
const CONTEXT = 3

function splitLines(text: string): string[] {
  return text === '' ? [] : text.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n')
}

function lcsTable(a: readonly string[], b: readonly string[]): Uint32Array[] {
  const table = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1))
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) table[i]![j] = a[i] === b[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!)
  }
  return table
}

/**
 * Every line of `before` and `after` as same, removed or added, in reading order.
 *
 * @example
 * diffLines('a\nb\n', 'a\nc\n') // [same a, removed b, added c]
 */
export function diffLines(before: string, after: string): DiffLine[] {
  const all = { a: splitLines(before), b: splitLines(after) }
  let head = 0
  while (head < all.a.length && head < all.b.length && all.a[head] === all.b[head]) head += 1
  let tail = 0
  while (tail < all.a.length - head && tail < all.b.length - head && all.a[all.a.length - 1 - tail] === all.b[all.b.length - 1 - tail]) tail += 1
  const same = (lines: readonly string[]) => lines.map((text) => ({ kind: 'same' as const, text }))
  const middle = diffMiddle(all.a.slice(head, all.a.length - tail), all.b.slice(head, all.b.length - tail))
  return [...same(all.a.slice(0, head)), ...middle, ...same(all.a.slice(all.a.length - tail))]
}

/** The diff of the changed middle (common head and tail already taken off). */
function diffMiddle(a: readonly string[], b: readonly string[]): DiffLine[] {
  if (a.length > MAX_LINES || b.length > MAX_LINES) {
    return [...a.map((text) => ({ kind: 'removed' as const, text })), ...b.map((text) => ({ kind: 'added' as const, text }))]
  }
  const table = lcsTable(a, b)
  const lines: DiffLine[] = []
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      lines.push({ kind: 'same', text: a[i]! })
      i += 1
      j += 1
    } else if (j < b.length && (i === a.length || table[i]![j + 1]! > table[i + 1]![j]!)) {
      lines.push({ kind: 'added', text: b[j]! })
      j += 1
    } else {
      lines.push({ kind: 'removed', text: a[i]! })
      i += 1
    }
  }
  return lines
}

/**
 * The changed parts of a diff with {@link CONTEXT} lines around each; empty when nothing changed.
 *
 * @example
 * diffHunks(diffLines(oldText, newText)).map((hunk) => hunk.lines.length)
 */
export function diffHunks(lines: readonly DiffLine[]): DiffHunk[] {
  const keep = lines.map(() => false)
  lines.forEach((line, index) => {
    if (line.kind === 'same') return
    for (let k = Math.max(0, index - CONTEXT); k <= Math.min(lines.length - 1, index + CONTEXT); k++) keep[k] = true
  })
  const hunks: DiffHunk[] = []
  let skipped = 0
  let current: DiffHunk | null = null
  lines.forEach((line, index) => {
    if (!keep[index]) {
      skipped += 1
      current = null
      return
    }
    if (current === null) {
      current = { skipped, lines: [] }
      hunks.push(current)
      skipped = 0
    }
    current.lines.push(line)
  })
  return hunks
}
