import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { main } from '../../src/cli/index.js'
import { captureIo } from '../support/cli-io.js'
import { CheckSchema, storedDefinition } from '../../src/config/index.js'
import { openStore } from '../../src/store/index.js'
import { httpResult } from '../support/results.js'

const io = captureIo

const T0 = Date.parse('2026-11-01T00:00:00Z')

describe('glasshouse report availability', () => {
  let dir: string

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gh-report-'))
    const store = await openStore({ dataDir: dir })
    await store.migrate()
    const check = CheckSchema.parse({ name: 'api-r1', kind: 'http', url: 'http://127.0.0.1:9/', interval: '1m' })
    const [row] = await store.checks.sync([{ name: 'api-r1', kind: 'http', displayName: 'API', definition: storedDefinition(check) }], T0)
    await store.components.sync([{ name: 'api', displayName: 'API', feeds: [{ checkId: row!.id, location: 'R1' }] }], T0)
    // One result a minute for one hour; minutes 10–19 failed: 50 of 60 minutes up.
    const results = Array.from({ length: 60 }, (_, minute) => ({
      checkId: row!.id,
      result: httpResult({ ok: minute < 10 || minute >= 20, startedAt: T0 + minute * 60_000 }),
    }))
    await store.results.insertBatch(results)
    await store.close()
  })
  after(() => rmSync(dir, { recursive: true, force: true }))

  test('computes time-weighted availability per (component, location) from stored results, without a config', async () => {
    const cli = io()
    const args = ['report', 'availability', '--from', '2026-11-01T00:00:00Z', '--to', '2026-11-01T01:00:00Z', '--data-dir', dir, '--format', 'json']
    assert.equal(await main(args, cli.io), 0, cli.err())
    const report = JSON.parse(cli.out())
    const row = report.rows.find((r: { component: string }) => r.component === 'api')
    assert.equal(row.location, 'R1')
    assert.equal(row.measured.upMs, 50 * 60_000)
    assert.equal(row.measured.downMs, 10 * 60_000)
    assert.equal(row.measured.noDataMs, 0)
    assert.equal(row.measured.availability, 50 / 60)
  })

  test('markdown prints no-data time beside the percentage; bad flags are usage errors', async () => {
    const md = io()
    assert.equal(await main(['report', 'availability', '--from', '2026-11-01', '--to', '2026-11-02', '--data-dir', dir], md.io), 0, md.err())
    // The last result covers 1.5 intervals (until 01:00:30): 50.5 min up, 10 down, the rest no data.
    assert.match(md.out(), /\| api \| R1 \| 83\.471 % \| 22h59m30s \| 0s \| 0s \| 10m \|/)
    for (const bad of [['--from', '2026-13-01'], ['--time-zone', 'Mars/Olympus'], ['--format', 'pdf'], ['--from', '2026-11-02', '--to', '2026-11-01']]) {
      const cli = io()
      assert.equal(await main(['report', 'availability', '--data-dir', dir, ...bad], cli.io), 2, bad.join(' '))
    }
  })
})

describe('report buckets at a ragged start', () => {
  test('a range starting late in the evening still ends its first bucket at the next midnight', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gh-report-ragged-'))
    try {
      const store = await openStore({ dataDir: dir })
      await store.migrate()
      const check = CheckSchema.parse({ name: 'web', kind: 'http', url: 'http://127.0.0.1:9/', interval: '1m' })
      const [row] = await store.checks.sync([{ name: 'web', kind: 'http', displayName: 'web', definition: storedDefinition(check) }], T0)
      await store.components.sync([{ name: 'web', displayName: 'web', feeds: [{ checkId: row!.id, location: 'global' }] }], T0)
      await store.close()
      const cli = io()
      const args = ['report', 'availability', '--from', '2026-10-31T23:00:00Z', '--to', '2026-11-02T01:00:00Z', '--data-dir', dir, '--format', 'json']
      assert.equal(await main(args, cli.io), 0, cli.err())
      const rows = JSON.parse(cli.out()).rows.filter((r: { component: string }) => r.component === 'web')
      const noData = rows.map((r: { period: string; measured: { noDataMs: number } }) => [r.period, r.measured.noDataMs])
      assert.deepEqual(noData.filter(([period]: [string]) => period !== 'total'), [['2026-10', 3_600_000], ['2026-11', 25 * 3_600_000]])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
