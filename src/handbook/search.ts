/**
 * Server-side handbook search: simple ranked full-text over the current revisions (the handbook
 * is small, so every query scans it). Terms are matched case-insensitively as substrings; a page
 * matches when it contains every term; title hits weigh most, then the summary, then the body.
 * The snippet comes back as text parts with the hits marked, for the page to escape and render.
 *
 * @module
 */
import { splitFrontMatter } from './front-matter.js'

/** What search reads of a page. */
export interface SearchablePage {
  slug: string
  title: string
  summary: string | null
  content: string
}

/** A snippet part: plain text, or a hit to highlight. */
export interface SnippetPart {
  text: string
  hit: boolean
}

/** One result. */
export interface SearchHit {
  slug: string
  title: string
  score: number
  snippet: SnippetPart[]
}

const MAX_TERMS = 8
const SNIPPET_RADIUS = 90

/**
 * The search terms of a query: words of at least two characters, lower case, at most eight.
 *
 * @example
 * searchTerms('  On-Call  paging ') // ['on', 'call', 'paging']
 */
export function searchTerms(query: string): string[] {
  const words = query.toLowerCase().slice(0, 200).split(/[^\p{L}\p{N}]+/u).filter((word) => word.length >= 2)
  return [...new Set(words)].slice(0, MAX_TERMS)
}

function occurrences(haystack: string, term: string): number {
  let count = 0
  for (let at = haystack.indexOf(term); at !== -1; at = haystack.indexOf(term, at + term.length)) count += 1
  return count
}

/** The page text a reader sees, roughly: Markdown markers removed, whitespace collapsed. */
function readableText(content: string): string {
  const split = splitFrontMatter(content)
  const body = split.ok ? split.body : content
  return body.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[#>*_`|]+/g, ' ').replace(/\s+/g, ' ').trim()
}

function snippetOf(text: string, terms: readonly string[]): SnippetPart[] {
  const lower = text.toLowerCase()
  const first = Math.min(...terms.map((term) => lower.indexOf(term)).filter((at) => at !== -1))
  const start = Number.isFinite(first) ? Math.max(0, first - SNIPPET_RADIUS) : 0
  const end = Math.min(text.length, start + 2 * SNIPPET_RADIUS + 40)
  const window = text.slice(start, end)
  const pattern = new RegExp(terms.map((term) => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'giu')
  const parts: SnippetPart[] = []
  let last = 0
  for (const match of window.matchAll(pattern)) {
    if (match.index > last) parts.push({ text: window.slice(last, match.index), hit: false })
    parts.push({ text: match[0], hit: true })
    last = match.index + match[0].length
  }
  if (last < window.length) parts.push({ text: window.slice(last), hit: false })
  if (start > 0) parts.unshift({ text: '… ', hit: false })
  if (end < text.length) parts.push({ text: ' …', hit: false })
  return parts
}

/**
 * Ranks `pages` for `query`; best first, ties by title.
 *
 * @example
 * searchHandbook(pages, 'maintenance notice')[0]?.slug // 'maintenance-announcements'
 */
export function searchHandbook(pages: readonly SearchablePage[], query: string): SearchHit[] {
  const terms = searchTerms(query)
  if (terms.length === 0) return []
  const hits: SearchHit[] = []
  for (const page of pages) {
    const text = readableText(page.content)
    const fields = { title: page.title.toLowerCase(), summary: (page.summary ?? '').toLowerCase(), body: text.toLowerCase() }
    if (!terms.every((term) => fields.title.includes(term) || fields.summary.includes(term) || fields.body.includes(term))) continue
    const score = terms.reduce((sum, term) => sum + 10 * occurrences(fields.title, term) + 4 * occurrences(fields.summary, term) + Math.min(occurrences(fields.body, term), 20), 0)
    hits.push({ slug: page.slug, title: page.title, score, snippet: snippetOf(text, terms) })
  }
  return hits.sort((a, b) => b.score - a.score || a.title.localeCompare(b.title))
}
