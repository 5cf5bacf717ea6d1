/**
 * The CLI's writes outside the declared model are audited with the CLI user and door `cli`:
 * `glasshouse token create|revoke` and `glasshouse alerts silence|unsilence`.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { main } from '../../src/cli/index.js'
import { openStore } from '../../src/store/index.js'
import { captureIo } from '../support/cli-io.js'

const dir = mkdtempSync(join(tmpdir(), 'gh-h38-cli-'))
after(() => rmSync(dir, { recursive: true, force: true }))

async function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  const cli = captureIo(env)
  const code = await main([...args, '--data-dir', dir], cli.io)
  return { code, out: cli.out(), err: cli.err() }
}

test('token and silence commands record who did it, never the token', async () => {
  const created = await run(['token', 'create', '--name', 'deploy', '--scope', 'operator', '--actor', 'alice'])
  assert.equal(created.code, 0, created.err)
  assert.equal((await run(['token', 'revoke', 'deploy'], { USER: 'bob' })).code, 0)
  const silenced = await run(['alerts', 'silence', '--match', 'component=compute', '--for', '2h', '--comment', 'upgrade', '--actor', 'carol'])
  assert.equal(silenced.code, 0, silenced.err)
  const silenceId = /[0-9a-f]{8}-[0-9a-f-]{27}/.exec(silenced.out)?.[0]
  assert.ok(silenceId !== undefined, silenced.out)
  assert.equal((await run(['alerts', 'unsilence', silenceId, '--actor', 'dave'])).code, 0)
  const store = await openStore({ dataDir: dir })
  try {
    const entries = await store.audit.page({ limit: 100 })
    assert.deepEqual(entries.map((entry) => [entry.action, entry.actor, entry.door]), [
      ['token.create', 'alice', 'cli'],
      ['token.revoke', 'bob', 'cli'],
      ['silence.create', 'carol', 'cli'],
      ['silence.expire', 'dave', 'cli'],
    ])
    assert.ok(!JSON.stringify(entries).includes(created.out.trim()), 'the token itself is in no entry')
  } finally {
    await store.close()
  }
})
