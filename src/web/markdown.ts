/**
 * Safe Markdown for the public pages: markdown-it with raw HTML off, then sanitize-html with a
 * short allow-list — `<script>`, `on*=` handlers and `javascript:` URLs never survive.
 *
 * @module
 */
import MarkdownIt, { type Token } from 'markdown-it'
import sanitizeHtml from 'sanitize-html'

/**
 * A heading's anchor: lower case, letters and digits kept, everything else one hyphen.
 *
 * @example
 * headingSlug('Rollups in the API') // 'rollups-in-the-api'
 */
export function headingSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '')
}

/** A heading's explicit anchor, `## Überschrift {#heading}`: a translation keeps the original's ids. */
const EXPLICIT_ID = /\s*\{#([a-z0-9-]+)\}\s*$/

/** Removes a trailing `{#id}` from a heading's inline token and returns the id, if any. */
function takeExplicitId(inline: Token | undefined): string | null {
  const id = inline === undefined ? undefined : EXPLICIT_ID.exec(inline.content)?.[1]
  if (inline === undefined || id === undefined) return null
  inline.content = inline.content.replace(EXPLICIT_ID, '')
  const last = inline.children?.at(-1)
  if (last?.type === 'text') last.content = last.content.replace(EXPLICIT_ID, '')
  return id
}

function withHeadingIds(md: MarkdownIt): MarkdownIt {
  md.core.ruler.push('heading_ids', (state) => {
    const seen = new Map<string, number>()
    state.tokens.forEach((token, i) => {
      if (token.type !== 'heading_open') return
      const inline = state.tokens[i + 1]
      const base = takeExplicitId(inline) ?? (headingSlug(inline?.content ?? '') || 'section')
      const count = seen.get(base) ?? 0
      seen.set(base, count + 1)
      token.attrSet('id', count === 0 ? base : `${base}-${count}`)
    })
  })
  return md
}

const DOCUMENT = withHeadingIds(new MarkdownIt({ html: false, linkify: false, typographer: false }))
const TEXT = new MarkdownIt({ html: false, linkify: true, typographer: false })

const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6']
const COMMON_TAGS = ['p', 'a', 'ul', 'ol', 'li', 'strong', 'em', 'code', 'pre', 'blockquote', 'hr', 'br', 'del']
const ALIGN = { 'text-align': [/^(left|right|center)$/] }

const DOCUMENT_POLICY: sanitizeHtml.IOptions = {
  allowedTags: [...HEADINGS, ...COMMON_TAGS, 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
  allowedAttributes: { a: ['href', 'title'], ...Object.fromEntries(HEADINGS.map((h) => [h, ['id']])), th: ['style'], td: ['style'] },
  allowedStyles: { th: ALIGN, td: ALIGN },
  allowedSchemes: ['http', 'https', 'mailto'],
}

/** Incident texts: no headings (the page owns its outline), links marked as user content. */
const TEXT_POLICY: sanitizeHtml.IOptions = {
  allowedTags: COMMON_TAGS,
  allowedAttributes: { a: ['href', 'title', 'rel'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow noopener ugc' }) },
}

/**
 * A whole document (the methodology): headings keep stable ids.
 *
 * @example
 * renderDocument('## Rollups') // '<h2 id="rollups">Rollups</h2>\n'
 */
export function renderDocument(source: string): string {
  return sanitizeHtml(DOCUMENT.render(source), DOCUMENT_POLICY)
}

/**
 * An incident's description or update, or the about text: paragraphs, lists, emphasis, code and
 * links only.
 *
 * @example
 * renderText('Fixed <script>x</script>') // '<p>Fixed &lt;script&gt;x&lt;/script&gt;</p>\n'
 */
export function renderText(source: string): string {
  return sanitizeHtml(TEXT.render(source), TEXT_POLICY)
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!)
}
