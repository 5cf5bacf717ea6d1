/**
 * Where a link of the live site lives in the static copy. Pages get the language in the path
 * (`/de/history/` is `/history` in German, stored as `de/history/index.html`); feeds, badges,
 * assets and JSON keep their paths. Queries that only the live server can answer (history
 * filters, uptime windows) fall back to the page without them; a location tab becomes a page of
 * its own (`/en/locations/<name>/`).
 *
 * @module
 */
import { LANGUAGES, type Language } from '../web/i18n/index.js'

/** One file of the static copy and how it is made. */
export interface StaticTarget {
  /** The request path the live app answers it at (with the query it needs). */
  live: string
  /** The language the live request asks for; null for files that do not depend on it. */
  lang: Language | null
  /** The file inside a generation, relative, `/`-separated. */
  file: string
  /** The link to it inside the static copy (root-absolute). */
  href: string
}

/** Top-level pages without parameters. */
const SIMPLE_PAGES = new Set(['history', 'availability', 'methodology', 'handbook', 'postmortems'])
/** Pages with one name in the path: `/components/<name>`, `/incidents/<id>`, `/handbook/<slug>`, `/postmortems/<id>`. */
const NAMED_PAGES = new Set(['components', 'incidents', 'handbook', 'postmortems'])
/** Files served as they are, by path. */
const VERBATIM = [/^\/assets\/[^/]+$/, /^\/feed\.(atom|rss|json)$/, /^\/postmortems\/feed\.atom$/, /^\/maintenance\.ics$/, /^\/feeds\/(components|locations)\/[^/]+\.(atom|rss|json|ics)$/, /^\/badge\/(status|components\/[^/]+|uptime\/[^/]+)\.svg$/, /^\/api\/v2\/[a-z/-]+\.json$/, /^\/api\/v1\/openapi\.json$/]
/** Live paths without an extension that are JSON: stored with one so a plain file server types them. */
const JSON_WITHOUT_EXTENSION = new Set(['/api/v1/status'])

/** Pages only the live server can answer: forms that post back to it. */
const LIVE_ONLY = /^\/subscribe(?:[?#]|$)/

/**
 * Whether a root-absolute link leads to a page only the live server can answer.
 *
 * @example
 * isLiveOnly('/subscribe') // true
 */
export function isLiveOnly(link: string): boolean {
  return LIVE_ONLY.test(link)
}

function isLanguage(value: string | null): value is Language {
  return value !== null && (LANGUAGES as readonly string[]).includes(value)
}

/** A path segment that is safe as a directory name, decoded; null for `..`, slashes and the like. */
function safeSegment(encoded: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(encoded)
  } catch {
    return null
  }
  return decoded === '' || decoded === '.' || decoded === '..' || /[/\\\0]/.test(decoded) ? null : decoded
}

function page(lang: Language, live: string, segments: readonly string[]): StaticTarget {
  const path = segments.map((segment) => `${encodeURIComponent(segment)}/`).join('')
  return { live, lang, file: `${lang}/${segments.join('/')}${segments.length === 0 ? '' : '/'}index.html`, href: `/${lang}/${path}` }
}

/**
 * The static file a root-absolute link of a page in `lang` stands for; null for links the copy
 * does not hold (external, relative, fragments, operator routes).
 *
 * @example
 * staticTarget('/history?from=2026-01-01', 'de') // { live: '/history', lang: 'de', file: 'de/history/index.html', href: '/de/history/' }
 * staticTarget('/?lang=en', 'de')?.href // '/en/'
 */
export function staticTarget(link: string, lang: Language): StaticTarget | null {
  if (!link.startsWith('/') || link.startsWith('//')) return null
  const url = new URL(link, 'http://static.invalid')
  const pathname = url.pathname
  const language = isLanguage(url.searchParams.get('lang')) ? (url.searchParams.get('lang') as Language) : lang
  if (pathname === '/') {
    const location = url.searchParams.get('location')
    if (location === null) return page(language, '/', [])
    const name = safeSegment(encodeURIComponent(location))
    return name === null ? null : page(language, `/?location=${encodeURIComponent(name)}`, ['locations', name])
  }
  const segments = pathname.split('/').slice(1)
  if (segments.length === 1 && SIMPLE_PAGES.has(segments[0]!)) return page(language, pathname, [segments[0]!])
  if (segments.length === 2 && NAMED_PAGES.has(segments[0]!) && !VERBATIM.some((pattern) => pattern.test(pathname))) {
    const name = safeSegment(segments[1]!)
    return name === null ? null : page(language, `/${segments[0]}/${encodeURIComponent(name)}`, [segments[0]!, name])
  }
  if (segments.length === 3 && segments[0] === 'handbook' && segments[2] === 'history') {
    const slug = safeSegment(segments[1]!)
    return slug === null ? null : page(language, `/handbook/${encodeURIComponent(slug)}/history`, ['handbook', slug, 'history'])
  }
  if (JSON_WITHOUT_EXTENSION.has(pathname)) return jsonTarget(pathname)
  if (VERBATIM.some((pattern) => pattern.test(pathname))) {
    const file = pathname.slice(1).split('/').map(safeSegment)
    if (file.some((segment) => segment === null)) return null
    return { live: pathname, lang: null, file: file.join('/'), href: pathname }
  }
  return null
}

/**
 * The links a static copy starts from: every language's top pages, the site-wide feeds, the
 * status badge and the Statuspage-compatible JSON.
 *
 * @example
 * seedLinks(['/api/v2/summary.json']).includes('/feed.atom') // true
 */
export function seedLinks(jsonPaths: readonly string[]): string[] {
  const pages = LANGUAGES.flatMap((lang) => ['/', '/history', '/availability', '/methodology', '/handbook', '/postmortems'].map((path) => `${path}?lang=${lang}`))
  return [...pages, '/feed.atom', '/feed.rss', '/feed.json', '/postmortems/feed.atom', '/maintenance.ics', '/badge/status.svg', '/api/v1/status', ...jsonPaths]
}

/**
 * Links a file brings along although no page links it: a component page its badges.
 *
 * @example
 * companionLinks('/components/compute') // ['/badge/components/compute.svg', '/badge/uptime/compute.svg']
 */
export function companionLinks(live: string): string[] {
  const match = /^\/components\/([^/?]+)$/.exec(live)
  return match === null ? [] : [`/badge/components/${match[1]}.svg`, `/badge/uptime/${match[1]}.svg`]
}

/**
 * A JSON answer at a path without an extension, held as `<path>.json` so a plain file server
 * types it; null for a path that is not plain segments.
 *
 * @example
 * jsonTarget('/scs/components')?.file // 'scs/components.json'
 */
export function jsonTarget(live: string): StaticTarget | null {
  const segments = live.split('/').slice(1)
  if (!live.startsWith('/') || segments.some((segment) => !/^[A-Za-z0-9._~-]+$/.test(segment) || segment === '.' || segment === '..')) return null
  return { live, lang: null, file: `${segments.join('/')}.json`, href: `${live}.json` }
}
