/**
 * A handbook page's optional front matter: a YAML block between `---` lines at the very top with
 * `title`, `order` and `summary`. Problems come back positioned (`line:col` in the page file).
 *
 * @module
 */
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml'
import { z } from 'zod'

const FrontMatterSchema = z.strictObject({
  title: z.string().trim().min(1).max(200).optional(),
  order: z.number().int().min(-100_000).max(100_000).optional(),
  summary: z.string().trim().max(500).optional(),
})

/** The fields a page may set. */
export type FrontMatter = z.infer<typeof FrontMatterSchema>

/** A page split into its front matter and its Markdown body. */
export type SplitPage = { ok: true; front: FrontMatter; body: string } | { ok: false; line: number; col: number; path: string; message: string }

const BLOCK = /^---\r?\n([\s\S]*?)\r?\n?---[ \t]*(?:\r?\n|$)/

/**
 * Splits `text` into front matter and body; no block means empty front matter.
 *
 * @example
 * splitFrontMatter('---\ntitle: On-call\n---\n# On-call') // { ok: true, front: { title: 'On-call' }, body: '# On-call' }
 */
export function splitFrontMatter(text: string): SplitPage {
  const block = BLOCK.exec(text)
  if (block === null) return { ok: true, front: {}, body: text }
  const lineCounter = new LineCounter()
  const doc = parseDocument(block[1]!, { lineCounter })
  const at = (offset: number) => {
    const pos = lineCounter.linePos(offset)
    return { line: pos.line + 1, col: pos.col }
  }
  const yamlError = doc.errors[0]
  if (yamlError !== undefined) return { ok: false, ...at(yamlError.pos[0]), path: '(front matter)', message: yamlError.message.split('\n')[0]! }
  const parsed = FrontMatterSchema.safeParse(doc.toJS() ?? {})
  if (parsed.success) return { ok: true, front: parsed.data, body: text.slice(block[0].length) }
  const issue = parsed.error.issues[0]!
  const key = String(issue.path[0] ?? '')
  const pair = isMap(doc.contents) ? doc.contents.items.find((item) => isScalar(item.key) && item.key.value === key) : undefined
  const offset = (isScalar(pair?.value) ? pair.value.range?.[0] : undefined) ?? (isScalar(pair?.key) ? pair.key.range?.[0] : undefined) ?? 0
  return { ok: false, ...at(offset), path: key === '' ? '(front matter)' : issue.path.join('.'), message: issue.message }
}
