/**
 * A handbook page's body as safe HTML (the page's Markdown renderer: raw HTML off, sanitised),
 * with links between handbook pages (`escalation.md`, `./on-call.md#paging`) pointing at their
 * published addresses, and the table of contents read from the headings' anchors.
 *
 * @module
 */
import { renderDocument } from '../web/markdown.js'

/** One entry of a page's table of contents. */
export interface TocEntry {
  level: 2 | 3
  id: string
  text: string
}

/** A rendered page body and its contents. */
export interface RenderedBody {
  html: string
  toc: TocEntry[]
}

const PAGE_LINK = /^(?:\.\/)?([a-z0-9][a-z0-9-]*)\.md(#[^"]*)?$/
const HEADING = /<h([23]) id="([^"]+)">([\s\S]*?)<\/h\1>/g
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'" }

function plainText(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&(?:amp|lt|gt|quot|#39|#x27);/g, (entity) => ENTITIES[entity]!)
}

/**
 * Renders a page body. The page's own `# ` title is left to the page frame, so the contents list
 * its `##` and `###` sections.
 *
 * @example
 * renderHandbookBody('## Paging\nSee [escalation](escalation.md).').html
 * // '<h2 id="paging">Paging</h2>\n<p>See <a href="/handbook/escalation">escalation</a>.</p>\n'
 */
export function renderHandbookBody(markdown: string): RenderedBody {
  const html = renderDocument(markdown).replace(/ href="([^"]*)"/g, (whole, href: string) => {
    const link = PAGE_LINK.exec(href)
    return link === null ? whole : ` href="/handbook/${link[1]}${link[2] ?? ''}"`
  })
  const toc = [...html.matchAll(HEADING)].map((match) => ({ level: Number(match[1]) as 2 | 3, id: match[2]!, text: plainText(match[3]!) }))
  return { html, toc }
}

/**
 * Drops a leading `# Title` line (the frame shows the title) from a page body.
 *
 * @example
 * withoutTitle('# On-call\n\nText') // '\nText'
 */
export function withoutTitle(body: string): string {
  return body.replace(/^\s*#[ \t]+[^\n]*\n?/, '')
}
