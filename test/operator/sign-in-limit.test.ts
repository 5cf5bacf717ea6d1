/**
 * Failed sign-ins are rate-limited per real client address (429 with Retry-After, even for a
 * good token once the bucket is empty), and every attempt is audited without the token.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { generateToken } from '../../src/api/auth/index.js'
import { startOperatorUi } from './support.js'

describe('operator sign-in rate limit and audit', () => {
  it('refuses an address after its burst of failures, until the bucket refills', async () => {
    const ui = await startOperatorUi({ operator: { signInRateLimit: { perMinute: 2, burst: 3 } }, page: { trustedProxies: ['10.0.0.1'] } })
    try {
      const attacker = ui.browser({ peer: '10.0.0.1', headers: { 'x-forwarded-for': '203.0.113.66' } })
      const guesses = [generateToken(), 'not-a-token', generateToken()]
      for (const guess of guesses) assert.equal((await attacker.signIn(guess)).status, 401)
      const limited = await attacker.signIn(ui.tokens.operator)
      assert.equal(limited.status, 429)
      assert.equal(limited.headers.get('retry-after'), '30')
      for (let i = 0; i < 5; i++) assert.equal((await attacker.signIn(generateToken())).status, 429, 'a flood stays refused')
      assert.equal(attacker.cookies.has('gh_operator_session'), false, 'even a good token waits')
      const neighbour = ui.browser({ peer: '10.0.0.1', headers: { 'x-forwarded-for': '203.0.113.67' } })
      assert.equal((await neighbour.signIn(ui.tokens.operator)).status, 303, 'another client behind the same proxy is not limited')
      ui.clock.advance(30_000)
      assert.equal((await attacker.signIn(ui.tokens.operator)).status, 303, 'after Retry-After it may try again')

      const audit = await ui.store.operatorSessions.signIns(100)
      const mine = audit.filter((row) => row.client === '203.0.113.66').reverse()
      assert.deepEqual(
        mine.map((row) => row.outcome),
        ['refused', 'refused', 'refused', 'rate-limited', 'signed-in'],
        'a flood writes one rate-limited row',
      )
      assert.deepEqual(mine.map((row) => row.reason).slice(0, 2), ['unknown token', 'not a Glasshouse token'])
      assert.equal(mine.at(-1)?.tokenName, 'oncall')
      const everything = JSON.stringify(audit) + ui.logged.join('\n')
      for (const secret of [...guesses, ui.tokens.operator]) assert.ok(!everything.includes(secret), 'no token in the audit or the log')
      assert.ok(ui.logged.some((line) => line.includes('operator.refused') && line.includes('203.0.113.66')), 'refusals are logged')
    } finally {
      await ui.dispose()
    }
  })

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const ui = await startOperatorUi({ operator: { signInRateLimit: { perMinute: 1, burst: 1 } } })
    try {
      const rotating = (n: number) => ui.browser({ peer: '192.0.2.9', headers: { 'x-forwarded-for': `198.51.100.${n}` } })
      assert.equal((await rotating(1).signIn(generateToken())).status, 401)
      assert.equal((await rotating(2).signIn(generateToken())).status, 429, 'a forged header does not buy a new bucket')
    } finally {
      await ui.dispose()
    }
  })
})
