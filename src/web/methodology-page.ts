/**
 * The methodology page: docs/methodology.md (English) and docs/methodology.de.md (German)
 * rendered once to HTML (markdown-it with raw HTML off, then sanitize-html), every heading given
 * a stable `id` so API answers can link to the section that says how their numbers are made
 * (`/methodology#rollups-in-the-api`). The German headings carry the English ids (`{#id}`), so
 * an anchor works in both languages. `/methodology` picks the language like every public page.
 *
 * @module
 */
import { readFile } from 'node:fs/promises'
import type { Context, Hono } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import { catalogue, LANGUAGE_COOKIE, LANGUAGES, pickLanguage, switchedLanguage, type Language } from './i18n/index.js'
import { escapeHtml, renderDocument } from './markdown.js'
import { STYLES } from './styles.js'

export { headingSlug } from './markdown.js'

/** Where the methodology lives in the package, per language. */
export const METHODOLOGY_FILES: Readonly<Record<Language, URL>> = {
  en: new URL('../../docs/methodology.md', import.meta.url),
  de: new URL('../../docs/methodology.de.md', import.meta.url),
}

/** The English methodology (the original; the German one is its translation). */
export const METHODOLOGY_FILE = METHODOLOGY_FILES.en

const EXTRA_STYLES = `
.doc table { border-collapse: collapse; font-size: .875rem; display: block; overflow-x: auto; }
.doc th, .doc td { border: 1px solid var(--line); padding: .25rem .5rem; text-align: left; vertical-align: top; }
.doc pre { background: var(--card); padding: .75rem; overflow-x: auto; border-radius: .25rem; }
.doc code { font-size: .9em; }
`

const YEAR_SECONDS = 365 * 24 * 3600

/**
 * Renders markdown into a whole HTML page (doctype included) in `lang` (default English), with
 * raw HTML in the source escaped, not passed through, and a link to the other language.
 *
 * @example
 * renderMethodologyPage('# Methodology\n\nHow…', { title: 'Example cloud' }) // '<!doctype html>…<h1 id="methodology">…'
 */
export function renderMethodologyPage(source: string, options: { title: string; lang?: Language }): string {
  const lang = options.lang ?? 'en'
  const t = catalogue(lang)
  const other: Language = lang === 'en' ? 'de' : 'en'
  const body = renderDocument(source)
  const title = escapeHtml(`${options.title} — ${t.methodologyTitle}`)
  return (
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"/>` +
    '<meta name="viewport" content="width=device-width, initial-scale=1"/>' +
    `<title>${title}</title><style>${STYLES}${EXTRA_STYLES}</style></head>` +
    `<body><header class="site"><nav aria-label="site"><a href="/">${escapeHtml(t.backToStatus)}</a> · ` +
    `<a href="/methodology?lang=${other}" hreflang="${other}" lang="${other}">${escapeHtml(t.switchLanguage)}</a></nav></header>` +
    `<main class="doc">${body}</main>` +
    `<footer><p><a href="/">Status</a> · <a href="/api/v1/openapi.json">${escapeHtml(t.api)}</a> · ${escapeHtml(t.poweredBy)}</p></footer></body></html>`
  )
}

/** The methodology page in every language. */
export type MethodologyPages = Readonly<Record<Language, string>>

/**
 * Reads the methodology files and renders them once (at start; the pages never change while
 * running). `files` replaces the packaged ones (tests).
 *
 * @example
 * const pages = await loadMethodologyPages({ title: config.server.title })
 * pages.de // '<!doctype html><html lang="de">…'
 */
export async function loadMethodologyPages(options: { title: string; files?: Readonly<Record<Language, URL | string>> }): Promise<MethodologyPages> {
  const files = options.files ?? METHODOLOGY_FILES
  const rendered = await Promise.all(LANGUAGES.map(async (lang) => [lang, renderMethodologyPage(await readFile(files[lang], 'utf8'), { title: options.title, lang })] as const))
  return Object.fromEntries(rendered) as Record<Language, string>
}

/**
 * Answers `/methodology` in the request's language (`?lang=`, which also sets the cookie, then
 * the cookie, then `Accept-Language`), with `Vary: Accept-Language, Cookie`.
 *
 * @example
 * app.get('/methodology', async (c) => methodologyResponse(c, await pages))
 */
export function methodologyResponse(c: Context, pages: MethodologyPages): Response {
  const query = c.req.query('lang')
  const lang = pickLanguage({ query, cookie: getCookie(c, LANGUAGE_COOKIE), acceptLanguage: c.req.header('accept-language') })
  const switched = switchedLanguage(query) !== null
  if (switched) setCookie(c, LANGUAGE_COOKIE, lang, { path: '/', maxAge: YEAR_SECONDS, sameSite: 'Lax', httpOnly: true })
  return c.html(pages[lang], 200, { 'cache-control': `${switched ? 'private' : 'public'}, max-age=300`, vary: 'accept-language, cookie' })
}

/**
 * Registers `/methodology`: both languages are read once at start; when a file cannot be read
 * the error is logged and the page answers 404 through `notFound`.
 *
 * @example
 * registerMethodologyPage(app, { title: deps.title, log: deps.log, notFound: () => new ApiError(404, …) })
 */
export function registerMethodologyPage(app: Hono, deps: { title: string; log: { error(obj: object, msg?: string): void }; notFound: () => Error }): void {
  const pages = loadMethodologyPages({ title: deps.title }).catch((error: unknown) => {
    deps.log.error({ err: error }, 'docs/methodology.md or docs/methodology.de.md could not be read; /methodology answers 404')
    return null
  })
  app.get('/methodology', async (c) => {
    const loaded = await pages
    if (loaded === null) throw deps.notFound()
    return methodologyResponse(c, loaded)
  })
}
