/**
 * The pre-renderer: asks the app's own routes in-process (`app.request` — one rendering path,
 * no second set of templates) for every public page in every language, the feeds, badges and
 * JSON, follows the links of each page, rewrites them to their place in the static copy, stamps
 * the generation time on everything and adds a gzip copy beside each file.
 *
 * @module
 */
import { promisify } from 'node:util'
import { gzip } from 'node:zlib'
import { STATUSPAGE_PATHS } from '../api/statuspage/index.js'
import { LANGUAGE_COOKIE, LANGUAGES, type Language } from '../web/i18n/index.js'
import { companionLinks, isLiveOnly, jsonTarget, seedLinks, staticTarget, type StaticTarget } from './paths.js'
import { languageChooser, stampJson, stampPage, stampSvg } from './stamp.js'

/** What the renderer needs of the app: Hono's `app.request`. */
export interface RequestableApp {
  request(path: string, init?: RequestInit): Response | Promise<Response>
}

/** A rendered static site: file path (relative, `/`-separated) → bytes, `.gz` copies included. */
export interface RenderedSite {
  files: Map<string, Uint8Array>
  generatedAt: number
  /** Links the copy could not hold (the live app did not answer 200), pointed at the language's home. */
  missing: string[]
}

/** How to render. */
export interface RenderOptions {
  generatedAt: number
  staleAfterMs: number
  /** The name on the root language chooser. */
  name: string
  /** Upper bound of files rendered, against runaway link graphs (default 5000). */
  maxFiles?: number
  /** More JSON answers without an extension to hold as `<path>.json` (e.g. the SCS `/scs/components`). */
  extraJson?: readonly string[]
  /**
   * The live site's public URL (`page.publicUrl` or `server.publicUrl`): links to pages only the
   * live server can answer (the subscribe form) point there; without it they lead to the
   * language's home page, like links to pages the copy lacks.
   */
  liveUrl?: string
}

const gzipAsync = promisify(gzip)
/** A root-absolute link in an attribute that navigates or loads (entities as the HTML has them). */
const LINK_ATTRIBUTE = /\b(href|src|action)="(\/[^"]*)"/g

interface Fetched {
  target: StaticTarget
  contentType: string
  body: Uint8Array
}

function decodeEntities(value: string): string {
  return value.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>')
}

function fragmentOf(link: string): string {
  const at = link.indexOf('#')
  return at === -1 ? '' : link.slice(at)
}

async function fetchTarget(app: RequestableApp, target: StaticTarget): Promise<Fetched | null> {
  const headers: Record<string, string> = target.lang === null ? {} : { cookie: `${LANGUAGE_COOKIE}=${target.lang}`, 'accept-language': target.lang }
  const response = await app.request(target.live, { headers })
  if (response.status !== 200) {
    await response.body?.cancel()
    return null
  }
  return { target, contentType: response.headers.get('content-type') ?? '', body: new Uint8Array(await response.arrayBuffer()) }
}

function linksOf(html: string, lang: Language): StaticTarget[] {
  return [...html.matchAll(LINK_ATTRIBUTE)].flatMap((match) => {
    const target = staticTarget(decodeEntities(match[2]!), lang)
    return target === null ? [] : [target, ...companionTargets(target.live, lang)]
  })
}

function companionTargets(live: string, lang: Language): StaticTarget[] {
  return companionLinks(live).flatMap((link) => staticTarget(link, lang) ?? [])
}

/** Fetches every target reachable from the seeds, breadth first. */
async function crawl(app: RequestableApp, maxFiles: number, extraJson: readonly string[]): Promise<{ fetched: Map<string, Fetched>; missing: Set<string> }> {
  const queue: StaticTarget[] = [...seedLinks(STATUSPAGE_PATHS).flatMap((link) => staticTarget(link, 'en') ?? []), ...extraJson.flatMap((path) => jsonTarget(path) ?? [])]
  const seen = new Set(queue.map((target) => target.file))
  const fetched = new Map<string, Fetched>()
  const missing = new Set<string>()
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    if (fetched.size >= maxFiles) throw new Error(`the static copy would hold more than ${maxFiles} files; stopping`)
    const result = await fetchTarget(app, next)
    if (result === null) {
      missing.add(next.file)
      continue
    }
    fetched.set(next.file, result)
    if (next.lang === null || !result.contentType.startsWith('text/html')) continue
    for (const link of linksOf(new TextDecoder().decode(result.body), next.lang)) {
      if (seen.has(link.file)) continue
      seen.add(link.file)
      queue.push(link)
    }
  }
  return { fetched, missing }
}

/**
 * A page with its root-absolute links pointing into the static copy; a link to a page the copy
 * lacks leads to the language's home, a link to a live-only page (a form) to the live site when
 * its URL is known.
 */
function rewriteLinks(html: string, lang: Language, present: (file: string) => boolean, liveUrl: string | undefined): string {
  const attributeOf = (attribute: string, href: string) => `${attribute}="${href.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`
  return html.replace(LINK_ATTRIBUTE, (whole, attribute: string, raw: string) => {
    const link = decodeEntities(raw)
    if (isLiveOnly(link)) return attributeOf(attribute, liveUrl === undefined ? `/${lang}/` : `${liveUrl.replace(/\/+$/, '')}${link}`)
    const target = staticTarget(link, lang)
    if (target === null) return whole
    if (!present(target.file) && attribute === 'src') return whole
    return attributeOf(attribute, present(target.file) ? `${target.href}${fragmentOf(link)}` : `/${lang}/`)
  })
}

function stamped(item: Fetched, options: RenderOptions, present: (file: string) => boolean): Uint8Array {
  const { target, contentType } = item
  const text = () => new TextDecoder().decode(item.body)
  const encode = (value: string) => new TextEncoder().encode(value)
  if (target.lang !== null && contentType.startsWith('text/html')) {
    return encode(stampPage(rewriteLinks(text(), target.lang, present, options.liveUrl), { lang: target.lang, generatedAt: options.generatedAt, staleAfterMs: options.staleAfterMs }))
  }
  if (contentType.startsWith('image/svg+xml')) return encode(stampSvg(text(), options.generatedAt))
  // Only our own and the Statuspage documents take an extra field; the SCS format stays as specified.
  if (contentType.startsWith('application/json') && target.file.startsWith('api/')) {
    return target.file.endsWith('openapi.json') ? item.body : encode(stampJson(text(), options.generatedAt))
  }
  return item.body
}

/**
 * Renders the whole static copy from the live app.
 *
 * @example
 * const site = await renderSite(app, { generatedAt: Date.now(), staleAfterMs: 180_000, name: 'Example Cloud' })
 * site.files.has('en/index.html') // true
 */
export async function renderSite(app: RequestableApp, options: RenderOptions): Promise<RenderedSite> {
  const { fetched, missing } = await crawl(app, options.maxFiles ?? 5_000, options.extraJson ?? [])
  const present = (file: string) => fetched.has(file)
  const plain = new Map<string, Uint8Array>()
  for (const [file, item] of fetched) plain.set(file, stamped(item, options, present))
  plain.set('index.html', new TextEncoder().encode(languageChooser({ name: options.name, languages: LANGUAGES, generatedAt: options.generatedAt })))
  const files = new Map<string, Uint8Array>()
  for (const [file, body] of plain) {
    files.set(file, body)
    files.set(`${file}.gz`, new Uint8Array(await gzipAsync(body, { level: 9 })))
  }
  return { files, generatedAt: options.generatedAt, missing: [...missing].sort() }
}
