/**
 * The generation time in every file of the static copy: pages get a `<meta name="generated-at">`,
 * a visible "Status as of <time>" and the staleness banner (hidden; a few lines of inline script
 * show it once the copy is older than `staleAfter` by the browser's clock — without JavaScript
 * the time alone shows); SVG badges a comment; Statuspage-style JSON a top-level `generated_at`.
 *
 * @module
 */
import { createHash } from 'node:crypto'
import type { Language } from '../web/i18n/index.js'

/** The texts of the static copy, per language. */
const TEXTS: Record<Language, { asOf: string; stale: (minutes: number) => string; choose: string }> = {
  en: {
    asOf: 'Status as of',
    stale: (minutes) =>
      `This copy of the status page has not been updated for more than ${minutes} minutes. The status system itself may be down, so what is shown here may be out of date.`,
    choose: 'Choose a language',
  },
  de: {
    asOf: 'Stand:',
    stale: (minutes) =>
      `Diese Kopie der Statusseite wurde seit mehr als ${minutes} Minuten nicht aktualisiert. Das Statussystem selbst ist möglicherweise ausgefallen; der angezeigte Zustand kann veraltet sein.`,
    choose: 'Sprache wählen',
  },
}

/**
 * The banner's script: the same bytes on every page, so one CSP hash allows it. It compares the
 * page's `generated-at` with the browser's clock now and every 15 s.
 */
export const STALENESS_SCRIPT =
  "(function(){var m=document.querySelector('meta[name=\"generated-at\"]'),b=document.getElementById('static-stale');if(!m||!b)return;var t=Date.parse(m.content),s=Number(b.getAttribute('data-stale-after-ms'));function c(){b.hidden=!(Date.now()-t>s)}c();setInterval(c,15000)})()"

/** The CSP source that allows {@link STALENESS_SCRIPT} (`script-src 'sha256-…'`). */
export const STALENESS_SCRIPT_HASH = `'sha256-${createHash('sha256').update(STALENESS_SCRIPT).digest('base64')}'`

const BANNER_STYLE = 'margin:0 0 1rem;padding:.75rem 1rem;border:2px solid #b45309;background:#fef3c7;color:#1f2937;border-radius:.25rem'

/** `2026-12-07 01:23:45 UTC` */
function readable(at: number): string {
  return `${new Date(at).toISOString().slice(0, 19).replace('T', ' ')} UTC`
}

/**
 * Adds the generation time and the staleness banner to a rendered page.
 *
 * @example
 * stampPage('<html><head></head><body><main id="main">…', { lang: 'en', generatedAt: 0, staleAfterMs: 180_000 })
 */
export function stampPage(html: string, options: { lang: Language; generatedAt: number; staleAfterMs: number }): string {
  const iso = new Date(options.generatedAt).toISOString()
  const texts = TEXTS[options.lang]
  const notice =
    `<p class="static-as-of">${texts.asOf} <time datetime="${iso}">${readable(options.generatedAt)}</time></p>` +
    `<div id="static-stale" class="static-stale" role="alert" data-stale-after-ms="${options.staleAfterMs}" style="${BANNER_STYLE}" hidden>${texts.stale(Math.round(options.staleAfterMs / 60_000))}</div>` +
    `<script>${STALENESS_SCRIPT}</script>`
  const withMeta = html.replace(/<\/head>/, `<meta name="generated-at" content="${iso}"/></head>`)
  const main = /<main id="main">/.exec(withMeta)
  if (main !== null) return withMeta.slice(0, main.index + main[0].length) + notice + withMeta.slice(main.index + main[0].length)
  return withMeta.replace(/<body>/, `<body>${notice}`)
}

/**
 * The root `index.html`: sends a browser to the first language by meta refresh and links every
 * language (no script needed).
 *
 * @example
 * languageChooser({ name: 'Example Cloud', languages: ['en', 'de'], generatedAt: 0 })
 */
export function languageChooser(options: { name: string; languages: readonly Language[]; generatedAt: number }): string {
  const first = options.languages[0] ?? 'en'
  const links = options.languages.map((lang) => `<li><a href="/${lang}/" hreflang="${lang}" lang="${lang}">${TEXTS[lang].choose}: ${lang.toUpperCase()}</a></li>`).join('')
  return `<!doctype html><html lang="${first}"><head><meta charset="utf-8"/><meta name="generated-at" content="${new Date(options.generatedAt).toISOString()}"/><meta http-equiv="refresh" content="0; url=/${first}/"/><title>${escapeText(options.name)}</title></head><body><ul>${links}</ul></body></html>`
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/**
 * Adds the generation time to an SVG badge as a comment inside the root element.
 *
 * @example
 * stampSvg('<svg xmlns="http://www.w3.org/2000/svg"></svg>', 0) // '<svg …><!-- generated-at 1970-01-01T00:00:00.000Z --></svg>'
 */
export function stampSvg(svg: string, generatedAt: number): string {
  return svg.replace(/<svg\b[^>]*>/, (open) => `${open}<!-- generated-at ${new Date(generatedAt).toISOString()} -->`)
}

/**
 * Adds a top-level `generated_at` to a JSON object (arrays and other values stay as they are).
 *
 * @example
 * stampJson('{"page":{}}', 0) // '{"page":{},"generated_at":"1970-01-01T00:00:00.000Z"}'
 */
export function stampJson(json: string, generatedAt: number): string {
  const value: unknown = JSON.parse(json)
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return json
  return JSON.stringify({ ...value, generated_at: new Date(generatedAt).toISOString() })
}
