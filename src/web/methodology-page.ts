/**
 * The methodology page: docs/methodology.md rendered once to HTML (markdown-it with raw HTML
 * off, then sanitize-html), every heading given a stable `id` so API answers can link to the
 * section that says how their numbers are made (`/methodology#rollups-in-the-api`).
 *
 * @module
 */
import { readFile } from 'node:fs/promises'
import { escapeHtml, renderDocument } from './markdown.js'
import { STYLES } from './styles.js'

export { headingSlug } from './markdown.js'

/** Where the methodology lives in the package. */
export const METHODOLOGY_FILE = new URL('../../docs/methodology.md', import.meta.url)

const EXTRA_STYLES = `
.doc table { border-collapse: collapse; font-size: .875rem; display: block; overflow-x: auto; }
.doc th, .doc td { border: 1px solid var(--line); padding: .25rem .5rem; text-align: left; vertical-align: top; }
.doc pre { background: var(--card); padding: .75rem; overflow-x: auto; border-radius: .25rem; }
.doc code { font-size: .9em; }
`

/**
 * Renders markdown into a whole HTML page (doctype included), with raw HTML in the source
 * escaped, not passed through.
 *
 * @example
 * renderMethodologyPage('# Methodology\n\nHow…', { title: 'Example cloud' }) // '<!doctype html>…<h1 id="methodology">…'
 */
export function renderMethodologyPage(source: string, options: { title: string }): string {
  const body = renderDocument(source)
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
