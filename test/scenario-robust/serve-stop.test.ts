/**
 * `serve` stops a running scenario gracefully: `stop()` of a running Glasshouse (what SIGTERM
 * calls) ends the iteration at its next step boundary and tears it down within the check's
 * `shutdownGrace`, instead of waiting for the whole iteration; what the grace cut off stays in
 * the ledger, and the stopped iteration's result is stored.
 */
import { after, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { ConfigSchema } from '../../src/config/index.js'
import { createLogger } from '../../src/log/index.js'
import { startGlasshouse } from '../../src/main.js'
import { openStore } from '../../src/store/index.js'

const GRACE_MS = 1_500

/** Fast calls and boots; a server deletion far longer than the grace, so the teardown is cut. */
const PROFILE = {
  api: { read: { minMs: 2, maxMs: 5 }, write: { minMs: 2, maxMs: 5 } },
  transitions: { serverBoot: 400, serverDelete: 60_000, volumeCreate: 100, volumeDelete: 100, loadBalancerCreate: 100, loadBalancerUpdate: 100, loadBalancerDelete: 100 },
}

const dir = mkdtempSync(join(tmpdir(), 'glasshouse-serve-stop-'))
after(() => rmSync(dir, { recursive: true, force: true }))

test('stop() during an iteration returns within shutdownGrace, keeps the rest in the ledger and stores the stopped result', async (t) => {
  const config = ConfigSchema.parse({
    server: { listen: '127.0.0.1:0' },
    storage: { dataDir: dir },
    checks: [
      { name: 'sim-scenario', kind: 'scenario', simulated: true, profile: PROFILE, timeScale: 1, owner: 'servestop', vms: 2, bootMode: 'image', skipReachability: true, pollInterval: '20ms', interval: '2s', timeout: '10m', shutdownGrace: `${GRACE_MS}ms` },
    ],
  })
  const log = createLogger({ level: 'error', destination: new Writable({ write: (_chunk, _encoding, done) => done() }) })
  const running = await startGlasshouse({ config, configFile: null, log })
  const watcher = await openStore({ dataDir: dir })
  try {
    // Stop once a server was created (a ledger row with its id): the iteration is mid-way.
    const deadline = Date.now() + 60_000
    for (;;) {
      const rows = await watcher.ledger.leftovers('simulated', { owner: 'servestop' })
      if (rows.some((row) => row.kind === 'server' && row.resourceId !== null)) break
      assert.ok(Date.now() < deadline, 'the iteration created a server within a minute')
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    const begin = performance.now()
    await running.stop()
    const stopMs = performance.now() - begin
    t.diagnostic(`stop() took ${Math.round(stopMs)} ms with shutdownGrace ${GRACE_MS} ms`)
    assert.ok(stopMs < GRACE_MS + 3_000, `stop() took ${Math.round(stopMs)} ms; the grace is ${GRACE_MS} ms and a server deletion 60 s`)

    const left = await watcher.ledger.leftovers('simulated', { owner: 'servestop' })
    assert.ok(left.some((row) => row.kind === 'server'), `the ledger keeps what the grace cut off: ${left.map((row) => row.kind).join(', ')}`)
    const check = (await watcher.checks.list()).find((row) => row.name === 'sim-scenario')!
    const [stored] = await watcher.results.list(check.id, { limit: 1 })
    assert.ok(stored, 'the stopped iteration was stored')
    assert.equal(stored.ok, false)
    assert.equal(stored.failure?.code, 'internal')
    assert.match(stored.failure?.message ?? '', /stopped by a shutdown request/)
    assert.ok(stored.steps.some((step) => step.reason === 'stopped before it started'), 'steps after the boundary did not start')
  } finally {
    await watcher.close()
  }
})
