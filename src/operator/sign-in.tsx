/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * Signing in and out. An operator or admin API token is exchanged once for a session; every
 * attempt — refused, rate-limited or accepted — and every sign-out is recorded in
 * `operator_sign_ins` and logged, by token name when known, never with the token. Sign-ins,
 * sign-outs and refusals of a known token are audit entries too (see src/audit/session-entries.ts).
 *
 * @module
 */
import type { Context, Hono } from 'hono'
import { getCookie } from 'hono/cookie'
import { hashToken, looksLikeToken, scopeAllows } from '../api/auth/index.js'
import { signInFailedEntry } from '../audit/index.js'
import { newId } from '../core/index.js'
import type { OperatorSignInRow, TokenRow } from '../store/index.js'
import { trustedProxies } from '../web/index.js'
import { realClientAddress } from './client.js'
import { CsrfField, SIGN_IN_COOKIE } from './csrf.js'
import type { OperatorDeps } from './deps.js'
import { setFlash, takeFlash } from './flash.js'
import { renderOperatorPage } from './layout.js'
import { safeReturnPath, SIGN_IN_PATH } from './require-session.js'
import { clearOperatorCookie, csrfTokenFor, endSession, newSecret, setOperatorCookie, startSession, tokenRefusal } from './sessions.js'
import type { SignInLimiter } from './sign-in-limit.js'

type Attempt = Pick<OperatorSignInRow, 'outcome' | 'reason'> & { token?: TokenRow | null }

async function record(deps: OperatorDeps, client: string, attempt: Attempt): Promise<void> {
  const row = { id: newId(), at: deps.clock.now(), outcome: attempt.outcome, tokenId: attempt.token?.id ?? null, tokenName: attempt.token?.name ?? null, client, reason: attempt.reason }
  const known = attempt.outcome === 'refused' ? attempt.token : null
  await deps.store.operatorSessions.recordSignIn(row, known == null ? undefined : signInFailedEntry(known, row.at, row.reason))
  const fields = { event: `operator.${attempt.outcome}`, token: row.tokenName, client, reason: row.reason }
  if (attempt.outcome === 'signed-in' || attempt.outcome === 'signed-out') deps.log.info?.(fields, 'operator UI')
  else deps.log.warn?.(fields, 'operator UI sign-in refused')
}

/** The token a sign-in may use, or why not (never repeating what was presented). */
async function checkToken(deps: OperatorDeps, presented: unknown): Promise<{ token: TokenRow } | { token: TokenRow | null; reason: string }> {
  if (typeof presented !== 'string' || !looksLikeToken(presented.trim())) return { token: null, reason: 'not a Glasshouse token' }
  const token = await deps.store.tokens.byHash(hashToken(presented.trim()))
  if (token === null) return { token: null, reason: 'unknown token' }
  const refusal = tokenRefusal(token, deps.clock.now())
  if (refusal !== null) return { token, reason: refusal }
  if (!scopeAllows(token.scope, 'operator')) return { token, reason: `scope ${token.scope} may not sign in (operator or admin needed)` }
  return { token }
}

function signInForm(c: Context, deps: OperatorDeps, next: string, error: string | null, status: 200 | 401 | 429 = 200): Response {
  const nonce = getCookie(c, SIGN_IN_COOKIE) || newSecret()
  setOperatorCookie(c, deps, SIGN_IN_COOKIE, nonce, 3600)
  const flash = error === null ? takeFlash(c) : { kind: 'error' as const, text: error }
  return renderOperatorPage(
    c,
    { title: 'Sign in', siteName: deps.title, flash },
    <form method="post" action={SIGN_IN_PATH} class="stack">
      <CsrfField token={csrfTokenFor(nonce, 'sign-in')} />
      <input type="hidden" name="next" value={next} />
      <label for="token">API token (scope operator or admin)</label>
      <input id="token" name="token" type="password" autocomplete="off" required spellcheck={false} />
      <p class="muted">The token is exchanged once for a session; it is not kept in the browser.</p>
      <button type="submit">Sign in</button>
    </form>,
    status,
  )
}

/**
 * Registers `GET|POST /sign-in` and `POST /sign-out` on the operator router.
 *
 * @example
 * registerSignIn(router, deps, signInLimiter(() => deps.settings().signInRateLimit, deps.clock))
 */
export function registerSignIn(router: Hono, deps: OperatorDeps, limiter: SignInLimiter): void {
  router.get('/sign-in', (c) => {
    const next = safeReturnPath(c.req.query('next'))
    if (c.get('operatorSession') !== undefined) return c.redirect(next, 303)
    return signInForm(c, deps, next, null)
  })

  router.post('/sign-in', async (c) => {
    const form = await c.req.parseBody()
    const next = safeReturnPath(typeof form.next === 'string' ? form.next : undefined)
    const client = realClientAddress(c, trustedProxies(deps.page().trustedProxies))
    const { retryAfter: wait, firstRefusal } = limiter.check(client)
    if (wait > 0) {
      if (firstRefusal) await record(deps, client, { outcome: 'rate-limited', reason: `too many failed sign-ins; retry after ${wait} s (further attempts until then are not recorded)` })
      c.header('Retry-After', String(wait))
      return signInForm(c, deps, next, `Too many failed sign-ins from your address. Try again in ${wait} s.`, 429)
    }
    const checked = await checkToken(deps, form.token)
    if ('reason' in checked) {
      limiter.failed(client)
      await record(deps, client, { outcome: 'refused', reason: checked.reason, token: checked.token })
      return signInForm(c, deps, next, `Sign-in refused: ${checked.reason}.`, 401)
    }
    await endSession(c, deps)
    await startSession(c, deps, checked.token, client)
    await record(deps, client, { outcome: 'signed-in', reason: `scope ${checked.token.scope}`, token: checked.token })
    clearOperatorCookie(c, SIGN_IN_COOKIE)
    return c.redirect(next, 303)
  })

  router.post('/sign-out', async (c) => {
    const session = c.get('operatorSession')
    if (await endSession(c, deps)) {
      const client = realClientAddress(c, trustedProxies(deps.page().trustedProxies))
      await record(deps, client, { outcome: 'signed-out', reason: 'sign-out', token: session === undefined ? null : await deps.store.tokens.find(session.tokenId) })
    }
    setFlash(c, deps, 'done', 'Signed out.')
    return c.redirect(SIGN_IN_PATH, 303)
  })
}
