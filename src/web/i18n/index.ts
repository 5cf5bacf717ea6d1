/**
 * Languages of the public pages: the catalogues and how a request picks one — `?lang=` first
 * (the switch link, which also sets a cookie), then the `glasshouse_lang` cookie, then
 * `Accept-Language`, else English. Pages that negotiate say `Vary: Accept-Language, Cookie`.
 *
 * @module
 */
import { de } from './de.js'
import { en, type Catalogue } from './en.js'

export type { Catalogue } from './en.js'

/** The languages the pages speak. */
export const LANGUAGES = ['en', 'de'] as const
/** One of {@link LANGUAGES}. */
export type Language = (typeof LANGUAGES)[number]

/** The cookie the language switch sets. */
export const LANGUAGE_COOKIE = 'glasshouse_lang'

const CATALOGUES: Record<Language, Catalogue> = { en, de }

/** The catalogue of a language. */
export function catalogue(language: Language): Catalogue {
  return CATALOGUES[language]
}

function isLanguage(value: string | undefined): value is Language {
  return value !== undefined && (LANGUAGES as readonly string[]).includes(value)
}

/**
 * The best language for an `Accept-Language` header (q-values honoured, `de-AT` matches `de`);
 * null when it names none of ours.
 *
 * @example
 * fromAcceptLanguage('fr;q=1, de-DE;q=0.8, en;q=0.5') // 'de'
 */
export function fromAcceptLanguage(header: string | undefined): Language | null {
  if (header === undefined) return null
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';')
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined)
      return { base: tag.trim().toLowerCase().split('-')[0], q: q === undefined ? 1 : Number(q), index }
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
  for (const entry of ranked) {
    if (isLanguage(entry.base)) return entry.base
    if (entry.base === '*') return 'en'
  }
  return null
}

/** What a request says about its language. */
export interface LanguageHints {
  query: string | undefined
  cookie: string | undefined
  acceptLanguage: string | undefined
}

/**
 * Picks the language of a request.
 *
 * @example
 * pickLanguage({ query: undefined, cookie: 'de', acceptLanguage: 'en' }) // 'de'
 */
export function pickLanguage(hints: LanguageHints): Language {
  if (isLanguage(hints.query)) return hints.query
  if (isLanguage(hints.cookie)) return hints.cookie
  return fromAcceptLanguage(hints.acceptLanguage) ?? 'en'
}

/** True when `?lang=` names one of our languages (the switch was used: set the cookie). */
export function switchedLanguage(query: string | undefined): Language | null {
  return isLanguage(query) ? query : null
}
