/**
 * The language of a raw `node:http` request to `/`, for the server's fast path: the same rules
 * as the page ({@link pickLanguage}: cookie, then `Accept-Language`; a `?lang=` switch never
 * reaches the fast path), with the `Accept-Language` answers remembered because a busy page sees
 * the same few headers over and over.
 *
 * @module
 */
import type { IncomingMessage } from 'node:http'
import { parse } from 'hono/utils/cookie'
import { LANGUAGE_COOKIE, pickLanguage, type Language } from './i18n/index.js'

const REMEMBERED_HEADERS = 64
const byAcceptLanguage = new Map<string, Language>()

function fromHeader(acceptLanguage: string | undefined): Language {
  if (acceptLanguage === undefined) return pickLanguage({ query: undefined, cookie: undefined, acceptLanguage })
  let language = byAcceptLanguage.get(acceptLanguage)
  if (language === undefined) {
    if (byAcceptLanguage.size >= REMEMBERED_HEADERS) byAcceptLanguage.clear()
    language = pickLanguage({ query: undefined, cookie: undefined, acceptLanguage })
    byAcceptLanguage.set(acceptLanguage, language)
  }
  return language
}

/**
 * The page language a request to `/` gets.
 *
 * @example
 * homeVariant(request) // 'de' for `Accept-Language: de-DE` and no cookie
 */
export function homeVariant(request: IncomingMessage): Language {
  const cookies = request.headers.cookie
  const cookie = cookies === undefined ? undefined : parse(cookies, LANGUAGE_COOKIE)[LANGUAGE_COOKIE]
  if (cookie !== undefined) return pickLanguage({ query: undefined, cookie, acceptLanguage: request.headers['accept-language'] })
  return fromHeader(request.headers['accept-language'])
}
