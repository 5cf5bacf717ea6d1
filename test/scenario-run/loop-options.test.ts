import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import { main } from '../../src/cli/index.js'
import { openStore } from '../../src/store/index.js'
import { captureIo } from '../support/cli-io.js'

/** The JSON lines of a run: each iteration's result, then the statistics. */
function results(out: string): Array<{ ok: boolean; calls: Array<{ operation: string }>; summary: { durationMs: number }; durationMs: number; failure: { code: string } | null }> {
  return out
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line))
    .filter((line) => !('statistics' in line))
}

describe('glasshouse probe run scenario: OSHM loop and teardown options', { timeout: 180_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'glasshouse-scenario-loop-'))
  const base = ['probe', 'run', 'scenario', '--simulated', '--time-scale', '0.01', '--vms', '1', '--boot-mode', 'image', '--skip-reachability', '--poll-interval', '20ms', '--interval', '0s', '--json']
  after(() => rmSync(dir, { recursive: true, force: true }))

  test('--iterations 2 stops after two iterations, exit 0; --tags, --disassociate-floating-ips and --wait-before-teardown reach the iteration', async () => {
    const capture = captureIo({ GLASSHOUSE_OWNER: 'looptest' }, dir)
    const code = await main([...base, '--iterations', '2', '--tags', '--disassociate-floating-ips', '--wait-before-teardown', '300ms', '--data-dir', join(dir, 'a')], capture.io)
    assert.equal(code, 0, capture.err())
    const runs = results(capture.out())
    assert.equal(runs.length, 2)
    assert.match(capture.err(), /stopping after 2 iterations \(--iterations\)/)
    for (const run of runs) {
      assert.equal(run.ok, true, JSON.stringify(run.failure))
      assert.ok(run.calls.some((call) => call.operation === 'network.networks.tags.update'), 'tagged')
      const fips = run.calls.filter((call) => call.operation === 'network.floatingips.create').length
      assert.ok(fips > 0)
      assert.equal(run.calls.filter((call) => call.operation === 'network.floatingips.update').length, fips, 'each floating IP disassociated')
      assert.ok(run.durationMs - run.summary.durationMs >= 250, 'the wait before teardown is outside the counted time')
    }
  })

  test('--exit-on-error stops after the first failed iteration, exit 1; without it the loop goes on', async () => {
    const failing = [...base, '--image', 'no such image', '--iterations', '3']
    const stopped = captureIo({ GLASSHOUSE_OWNER: 'looptest' }, dir)
    assert.equal(await main([...failing, '--exit-on-error', '--data-dir', join(dir, 'b')], stopped.io), 1, stopped.err())
    assert.equal(results(stopped.out()).length, 1)
    assert.match(stopped.err(), /stopping after failed iteration 1 \(--exit-on-error\)/)

    const going = captureIo({ GLASSHOUSE_OWNER: 'looptest' }, dir)
    assert.equal(await main([...failing, '--data-dir', join(dir, 'c')], going.io), 1, going.err())
    const runs = results(going.out())
    assert.equal(runs.length, 3)
    assert.ok(runs.every((run) => run.ok === false && run.failure?.code === 'not_found'), JSON.stringify(runs.map((run) => run.failure)))
  })

  test('bad loop flags are usage errors (exit 2)', async () => {
    for (const [flag, value, message] of [['--iterations', '0', /--iterations: /], ['--iterations', 'x', /--iterations must be a whole number/], ['--wait-before-teardown', 'soon', /--wait-before-teardown: expected a duration/]] as const) {
      const capture = captureIo({ GLASSHOUSE_OWNER: 'looptest' }, dir)
      assert.equal(await main([...base, flag, value, '--data-dir', join(dir, 'd')], capture.io), 2, `${flag} ${value}`)
      assert.match(capture.err(), message)
    }
  })

  test('--router-reuse 2 --iterations 3: the router and its gateway are kept for two iterations, then made anew; the pre-run cleanup leaves the kept one alone; nothing is left', async () => {
    const dataDir = join(dir, 'reuse')
    const capture = captureIo({ GLASSHOUSE_OWNER: 'reusetest' }, dir)
    const code = await main([...base, '--iterations', '3', '--router-reuse', '2', '--data-dir', dataDir], capture.io)
    assert.equal(code, 0, capture.err())
    const runs = results(capture.out()) as unknown as Array<{ ok: boolean; failure: unknown; cleanup: { found: number }; calls: Array<{ operation: string }> }>
    assert.equal(runs.length, 3)
    const count = (run: (typeof runs)[number], operation: string) => run.calls.filter((call) => call.operation === operation).length
    assert.deepEqual(
      runs.map((run) => [run.ok, run.cleanup.found, count(run, 'network.routers.create'), count(run, 'network.routers.delete'), count(run, 'network.routers.update')]),
      [
        [true, 0, 1, 0, 1],
        [true, 0, 0, 1, 0],
        [true, 0, 1, 1, 1],
      ],
      JSON.stringify(runs.map((run) => run.failure)),
    )
    assert.ok(runs.every((run) => count(run, 'network.routers.remove_interface') > 0), 'every iteration removes its router interfaces')
    const store = await openStore({ dataDir })
    try {
      await store.migrate()
      assert.deepEqual(await store.ledger.leftovers('simulated', { owner: 'reusetest' }), [])
    } finally {
      await store.close()
    }
  })

  test('--router-reuse: a loop that ends while the router is kept (exit on error) deletes it and closes its ledger row', async () => {
    const dataDir = join(dir, 'reuse-end')
    const capture = captureIo({ GLASSHOUSE_OWNER: 'reuseend' }, dir)
    const failing = base.map((arg) => (arg === 'image' ? 'volume' : arg))
    const code = await main([...failing, '--volume-type', 'nosuch', '--iterations', '3', '--router-reuse', '5', '--exit-on-error', '--data-dir', dataDir], capture.io)
    assert.equal(code, 1, capture.err())
    const runs = results(capture.out()) as unknown as Array<{ ok: boolean; calls: Array<{ operation: string }> }>
    assert.equal(runs.length, 1)
    assert.equal(runs[0]!.calls.filter((call) => call.operation === 'network.routers.create').length, 1)
    assert.equal(runs[0]!.calls.filter((call) => call.operation === 'network.routers.delete').length, 0, 'the iteration kept its router')
    const store = await openStore({ dataDir })
    try {
      await store.migrate()
      // Left open: only the intents of the volume creates that failed (no id; cleanup sweeps by name).
      const open = await store.ledger.leftovers('simulated', { owner: 'reuseend' })
      assert.deepEqual(open.map((row) => [row.kind, row.resourceId]), open.map(() => ['volume', null]), 'the loop deleted the kept router at its end')
    } finally {
      await store.close()
    }
  })
})

