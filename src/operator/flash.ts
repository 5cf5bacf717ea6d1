/**
 * Flash messages: one short message carried across the 303 redirect after a form, in a
 * short-lived operator cookie, shown once by the next page.
 *
 * @module
 */
import type { Context } from 'hono'
import { getCookie } from 'hono/cookie'
import type { OperatorDeps } from './deps.js'
import { clearOperatorCookie, setOperatorCookie } from './sessions.js'

const FLASH_COOKIE = 'gh_operator_flash'
const FLASH_SECONDS = 60
const MAX_TEXT = 600

/** A message for the next page: `done` confirms, `error` explains what was refused. */
export interface Flash {
  kind: 'done' | 'error'
  text: string
}

/**
 * Leaves `text` for the next page the browser loads under `/operator`.
 *
 * @example
 * setFlash(c, deps, 'done', 'Incident opened')
 * return c.redirect('/operator/incidents/…', 303)
 */
export function setFlash(c: Context, deps: Pick<OperatorDeps, 'page'>, kind: Flash['kind'], text: string): void {
  setOperatorCookie(c, deps, FLASH_COOKIE, Buffer.from(JSON.stringify({ kind, text: text.slice(0, MAX_TEXT) })).toString('base64url'), FLASH_SECONDS)
}

/** The message left by the previous request, once (the cookie is cleared); null when none. */
export function takeFlash(c: Context): Flash | null {
  const raw = getCookie(c, FLASH_COOKIE)
  if (raw === undefined) return null
  clearOperatorCookie(c, FLASH_COOKIE)
  try {
    const value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<Flash>
    if ((value.kind === 'done' || value.kind === 'error') && typeof value.text === 'string') return { kind: value.kind, text: value.text.slice(0, MAX_TEXT) }
  } catch {
    // a mangled cookie shows nothing
  }
  return null
}
