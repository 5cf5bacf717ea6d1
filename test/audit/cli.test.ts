import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { main } from '../../src/cli/index.js'
import { openStore } from '../../src/store/index.js'
import { captureIo } from '../support/cli-io.js'
import { freePort } from '../support/ports.js'
import { rawDb } from './raw-db.js'

const T0 = Date.parse('2026-12-07T10:00:00Z')

describe('glasshouse audit', () => {
  let dir: string

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gh-audit-cli-'))
    const store = await openStore({ dataDir: dir })
    await store.migrate()
    for (let n = 0; n < 3; n++) {
      await store.writeDeclared((tx) =>
        tx.audit.append({ at: T0 + n * 86_400_000, actor: 'oncall', action: 'incident.update', objectType: 'incident', objectId: 'inc-1', before: null, after: { text: `say "hi", ${n}` }, door: 'cli' }),
      )
    }
    await store.close()
  })
  after(() => rmSync(dir, { recursive: true, force: true }))

  async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
    const cli = captureIo({})
    const code = await main(args, cli.io)
    return { code, out: cli.out(), err: cli.err() }
  }

  test('export writes JSON Lines and CSV in chain order; --since filters; a bad format is a usage error', async () => {
    const jsonl = await run(['audit', 'export', '--data-dir', dir])
    assert.equal(jsonl.code, 0, jsonl.err)
    const lines = jsonl.out.trimEnd().split('\n').map((line) => JSON.parse(line) as { seq: number; at: string; after: { text: string }; hash: string })
    assert.deepEqual(lines.map((line) => [line.seq, line.at, line.after.text]), [
      [1, '2026-12-07T10:00:00.000Z', 'say "hi", 0'],
      [2, '2026-12-08T10:00:00.000Z', 'say "hi", 1'],
      [3, '2026-12-09T10:00:00.000Z', 'say "hi", 2'],
    ])
    const csv = await run(['audit', 'export', '--format', 'csv', '--since', '2026-12-08T00:00:00Z', '--data-dir', dir])
    assert.equal(csv.code, 0, csv.err)
    const rows = csv.out.split('\r\n')
    assert.equal(rows[0], 'seq,id,at,actor,action,objectType,objectId,door,before,after,prevHash,hash')
    assert.equal(rows.length, 4, 'header, two entries, the final empty string')
    assert.match(rows[1]!, /^2,[0-9a-f-]{36},2026-12-08T10:00:00\.000Z,oncall,incident\.update,incident,inc-1,cli,null,"{""text"":""say \\""hi\\"", 1""}",[0-9a-f]{64},[0-9a-f]{64}$/)
    assert.equal((await run(['audit', 'export', '--format', 'xml', '--data-dir', dir])).code, 2)
    assert.equal((await run(['audit', 'export', '--since', 'yesterday', '--data-dir', dir])).code, 2)
  })

  test('verify: 0 when intact, 1 naming the changed entry, 3 when the database is unreachable', async () => {
    const intact = await run(['audit', 'verify', '--data-dir', dir])
    assert.equal(intact.code, 0, intact.err)
    assert.match(intact.out, /^audit chain intact: 3 entries, head 3 [0-9a-f]{64}\n$/)
    const raw = rawDb({ dataDir: dir })
    const second = await raw.selectFrom('audit_events').select('id').where('seq', '=', 2).executeTakeFirstOrThrow()
    await raw.updateTable('audit_events').set({ after: '{"text":"rewritten"}' }).where('id', '=', second.id).execute()
    await raw.destroy()
    const broken = await run(['audit', 'verify', '--data-dir', dir])
    assert.equal(broken.code, 1)
    assert.equal(broken.out, `audit chain broken at entry 2 (id ${second.id}): its content does not match its hash (the entry was changed); 1 entries before it are intact\n`)
    const port = await freePort()
    const unreachable = await run(['audit', 'verify', '--database-url', `postgres://glasshouse:secret-pw@127.0.0.1:${port}/none`])
    assert.equal(unreachable.code, 3, unreachable.err)
    assert.ok(!unreachable.err.includes('secret-pw'), 'the password never shows')
  })
})
