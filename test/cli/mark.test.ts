import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { main } from '../../src/cli/index.js'
import { openStore } from '../../src/store/index.js'
import { captureIo } from '../support/cli-io.js'
import { minuteResults, seedApi, T0 } from '../marks/support.js'

describe('glasshouse mark', () => {
  let dir: string

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gh-mark-'))
    const store = await openStore({ dataDir: dir })
    await store.migrate()
    const checks = await seedApi(store)
    await minuteResults(store, checks.R1, T0, 60, (minute) => minute >= 10 && minute < 20)
    await store.close()
  })
  after(() => rmSync(dir, { recursive: true, force: true }))

  async function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string; err: string }> {
    const cli = captureIo(env)
    const code = await main(args, cli.io)
    return { code, out: cli.out(), err: cli.err() }
  }

  test('set, list, report, clear, audit — end to end against a data dir', async () => {
    const set = await run(
      ['mark', 'set', '--component', 'api', '--location', 'R1', '--reason', 'Probe host uplink lost', '--from', '2026-11-01T00:15:00Z', '--to', '2026-11-01T00:45:00Z', '--data-dir', dir],
      { USER: 'carol' },
    )
    assert.equal(set.code, 0, set.err)
    const id = set.out.split(/\s+/)[0]!
    assert.match(set.out, /api@R1 {2}from 2026-11-01T00:15:00\.000Z until 2026-11-01T00:45:00\.000Z {2}by carol: Probe host uplink lost/)

    const listed = await run(['mark', 'list', '--format', 'json', '--data-dir', dir])
    assert.equal(listed.code, 0, listed.err)
    assert.deepEqual(JSON.parse(listed.out).map((m: { id: string; reason: string }) => [m.id, m.reason]), [[id, 'Probe host uplink lost']])

    const report = await run(['report', 'availability', '--from', '2026-11-01T00:00:00Z', '--to', '2026-11-01T01:00:00Z', '--format', 'json', '--data-dir', dir])
    assert.equal(report.code, 0, report.err)
    const r1 = JSON.parse(report.out).rows.find((r: { location: string }) => r.location === 'R1').measured
    assert.deepEqual([r1.upMs, r1.downMs, r1.excludedMs, r1.availability], [25 * 60_000, 5 * 60_000, 30 * 60_000, 25 / 30])

    const cleared = await run(['mark', 'clear', id, '--actor', 'dave', '--data-dir', dir])
    assert.equal(cleared.code, 0, cleared.err)
    assert.match(cleared.out, /cleared .* by dave/)
    assert.equal((await run(['mark', 'list', '--data-dir', dir])).out, 'no marks\n')
    assert.match((await run(['mark', 'list', '--all', '--data-dir', dir])).out, new RegExp(id))

    const store = await openStore({ dataDir: dir })
    try {
      const events = await store.audit.list({ objectType: 'mark', objectId: id })
      assert.deepEqual(events.map((e) => [e.action, e.actor, e.door]), [['mark.set', 'carol', 'cli'], ['mark.clear', 'dave', 'cli']])
    } finally {
      await store.close()
    }
  })

  test('refusals are usage errors (exit 2) with a clear message and write nothing', async () => {
    const cases: [string[], RegExp][] = [
      [['mark', 'set', '--component', 'api', '--reason', ''], /reason: a public reason is required/],
      [['mark', 'set', '--component', 'api'], /required option '--reason <text>'/],
      [['mark', 'set', '--component', 'nope', '--reason', 'x'], /component: no component named "nope"/],
      [['mark', 'set', '--component', 'api', '--location', 'R7', '--reason', 'x'], /no location "R7"/],
      [['mark', 'set', '--component', 'api', '--reason', 'x', '--from', 'yesterday'], /--from must be an ISO 8601 instant/],
      [['mark', 'clear', '0193aaaa-0000-7000-8000-000000000000'], /no mark with id/],
      [['mark', 'list', '--format', 'xml'], /--format must be one of text, json/],
    ]
    const before = (await run(['mark', 'list', '--all', '--format', 'json', '--data-dir', dir])).out
    for (const [args, message] of cases) {
      const result = await run([...args, '--data-dir', dir])
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.err}`)
      assert.match(result.err, message, args.join(' '))
    }
    assert.equal((await run(['mark', 'list', '--all', '--format', 'json', '--data-dir', dir])).out, before)
  })
})
