import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { hashToken } from '../../src/api/auth/index.js'
import { main } from '../../src/cli/index.js'
import { openStore } from '../../src/store/index.js'
import { captureIo } from '../support/cli-io.js'

describe('glasshouse token', () => {
  let dir: string
  const outputs: string[] = []

  before(() => void (dir = mkdtempSync(join(tmpdir(), 'gh-token-'))))
  after(() => rmSync(dir, { recursive: true, force: true }))

  async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
    const cli = captureIo({ USER: 'carol' })
    const code = await main([...args, '--data-dir', dir], cli.io)
    outputs.push(cli.out(), cli.err())
    return { code, out: cli.out(), err: cli.err() }
  }

  test('create shows the token once on stdout; the store keeps only its hash; list and revoke never show it', async () => {
    const created = await run(['token', 'create', '--name', 'ci', '--scope', 'operator', '--expires', '90d'])
    assert.equal(created.code, 0, created.err)
    const token = created.out.trim()
    assert.match(token, /^gh_[A-Za-z0-9_-]{43}$/)
    assert.match(created.err, /created token "ci" \(operator, expires 20\d\d-.*\); it is shown only now/)

    const store = await openStore({ dataDir: dir })
    try {
      const row = await store.tokens.byHash(hashToken(token))
      assert.equal(row?.name, 'ci')
      assert.equal(row?.createdBy, 'carol')
      assert.ok(Math.abs(row!.expiresAt! - (Date.now() + 90 * 86_400_000)) < 60_000)
    } finally {
      await store.close()
    }

    const listed = await run(['token', 'list'])
    assert.match(listed.out, /^\S+ {2}ci {2}operator {2}created \S+ by carol {2}expires \S+\n$/)
    const json = JSON.parse((await run(['token', 'list', '--format', 'json'])).out)
    assert.deepEqual(json.map((t: { name: string }) => t.name), ['ci'])
    const revoked = await run(['token', 'revoke', 'ci'])
    assert.equal(revoked.code, 0, revoked.err)
    assert.match(revoked.out, /ci {2}operator .* revoked /)
    assert.equal((await run(['token', 'list'])).out, 'no tokens\n')
    assert.match((await run(['token', 'list', '--all'])).out, /revoked/)
    for (const text of outputs.slice(1)) assert.ok(!text.includes(token), 'the token appears only in the create output')
  })

  test('bad input is a usage error (exit 2) with the reason', async () => {
    assert.equal((await run(['token', 'create', '--name', 'taken', '--scope', 'reporter'])).code, 0)
    const cases: [string[], RegExp][] = [
      [['token', 'create', '--name', 'x', '--scope', 'root'], /--scope must be one of reporter, operator, admin/],
      [['token', 'create', '--name', 'x y', '--scope', 'admin'], /name: a token name/],
      [['token', 'create', '--name', 'x', '--scope', 'admin', '--expires', 'tomorrow'], /--expires must be a duration/],
      [['token', 'create', '--name', 'x', '--scope', 'admin', '--expires', '2020-01-01T00:00:00Z'], /expiresAt: must be in the future/],
      [['token', 'create', '--name', 'taken', '--scope', 'admin'], /token names are never reused/],
      [['token', 'revoke', 'nobody'], /no token with id or name "nobody"/],
    ]
    for (const [args, message] of cases) {
      const result = await run(args)
      assert.equal(result.code, 2, args.join(' '))
      assert.match(result.err, message)
      assert.equal(result.out, '')
    }
  })
})
