/**
 * The methodology page: docs/methodology.md rendered once to HTML (markdown-it with raw HTML
 * off, then sanitize-html), every heading given a stable `id` so API answers can link to the
 * section that says how their numbers are made (`/methodology#rollups-in-the-api`).
 *
 * @module
 */
import { readFile } from 'node:fs/promises'
import MarkdownIt from 'markdown-it'
import sanitizeHtml from 'sanitize-html'
import { STYLES } from './styles.js'

/** Where the methodology lives in the package. */
export const METHODOLOGY_FILE = new URL('../../docs/methodology.md', import.meta.url)

const EXTRA_STYLES = `
.doc table { border-collapse: collapse; font-size: .875rem; display: block; overflow-x: auto; }
.doc th, .doc td { border: 1px solid var(--line); padding: .25rem .5rem; text-align: left; vertical-align: top; }
.doc pre { background: var(--card); padding: .75rem; overflow-x: auto; border-radius: .25rem; }
.doc code { font-size: .9em; }
`

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

function markdown(): MarkdownIt {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false })
  md.core.ruler.push('heading_ids', (state) => {
    const seen = new Map<string, number>()
    state.tokens.forEach((token, i) => {
      if (token.type !== 'heading_open') return
      const base = headingSlug(state.tokens[i + 1]?.content ?? '') || 'section'
      const count = seen.get(base) ?? 0
      seen.set(base, count + 1)
      token.attrSet('id', count === 0 ? base : `${base}-${count}`)
    })
  })
  return md
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!)
}

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'a', 'ul', 'ol', 'li', 'strong', 'em', 'code', 'pre', 'blockquote', 'hr', 'br', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'del'],
  allowedAttributes: { a: ['href', 'title'], h1: ['id'], h2: ['id'], h3: ['id'], h4: ['id'], h5: ['id'], h6: ['id'], th: ['style'], td: ['style'] },
  allowedStyles: { th: { 'text-align': [/^(left|right|center)$/] }, td: { 'text-align': [/^(left|right|center)$/] } },
  allowedSchemes: ['http', 'https', 'mailto'],
}

/**
 * Renders markdown into a whole HTML page (doctype included), with raw HTML in the source
 * escaped, not passed through.
 *
 * @example
 * renderMethodologyPage('# Methodology\n\nHow…', { title: 'Example cloud' }) // '<!doctype html>…<h1 id="methodology">…'
 */
export function renderMethodologyPage(source: string, options: { title: string }): string {
  const body = sanitizeHtml(markdown().render(source), SANITIZE)
  const title = escapeHtml(`${options.title} — methodology`)
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"/>' +
    '<meta name="viewport" content="width=device-width, initial-scale=1"/>' +
    `<title>${title}</title><style>${STYLES}${EXTRA_STYLES}</style></head>` +
    `<body><main class="doc">${body}</main>` +
    '<footer><p><a href="/">Status</a> · <a href="/api/v1/openapi.json">API</a> · Powered by Glasshouse</p></footer></body></html>'
  )
}

/**
 * Reads the methodology file and renders it once (at start; the page never changes while running).
 *
 * @example
 * const html = await loadMethodologyPage({ title: config.server.title })
 */
export async function loadMethodologyPage(options: { title: string; file?: URL | string }): Promise<string> {
  return renderMethodologyPage(await readFile(options.file ?? METHODOLOGY_FILE, 'utf8'), options)
}
