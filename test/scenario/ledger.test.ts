import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { defineGraph, runGraph, RunLedger, teardown } from '../../src/scenario/index.js'
import { openStore } from '../../src/store/index.js'
import type { StoreOptions } from '../../src/store/index.js'
import { DIALECTS, dialectParts, freshDatabase, withStore } from '../store/harness.js'

const parts = dialectParts()
const CHILD = fileURLToPath(new URL('./ledger-crash-child.ts', import.meta.url))
const scope = { owner: 'monitor-a', runId: 'run-1', cloud: 'prod', region: 'RegionOne', project: 'p1', prefix: 'gh-1a2b-' }

/** Runs the child until it wrote its intent, then kills it with SIGKILL; returns the entry id. */
async function crashAfterIntent(options: StoreOptions): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'inherit'] })
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000)
  try {
    let out = ''
    for await (const chunk of child.stdout) {
      out += String(chunk)
      if (out.includes('\n')) break
    }
    const match = /^intent (\S+)/.exec(out)
    assert.ok(match, `the child wrote no intent (${out})`)
    child.kill('SIGKILL')
    if (child.exitCode === null && child.signalCode === null) await once(child, 'exit')
    assert.equal(child.signalCode, 'SIGKILL')
    return match[1]!
  } finally {
    clearTimeout(timer)
  }
}

for (const dialect of DIALECTS) {
  const part = parts[dialect]
  describe(`scenario ledger on ${dialect}`, { skip: part.available ? false : part.skip }, () => {
    test('intent before the create call, id after it, deleted after a confirmed delete', () =>
      withStore(dialect, async (store) => {
        const seen: Array<{ at: string; rows: Array<string | null> }> = []
        const snapshot = async (at: string) => seen.push({ at, rows: (await store.ledger.leftovers('prod', { owner: 'monitor-a' })).map((row) => row.resourceId) })
        const ledger = new RunLedger(store.ledger, scope)
        const deleted: string[] = []
        const graph = defineGraph([
          {
            id: 'network',
            service: 'network',
            run: (ctx) =>
              ledger.create(ctx, {
                kind: 'network',
                name: 'gh-1a2b-NET_JH',
                detail: { az: 'nova' },
                create: async () => {
                  await snapshot('during create')
                  return { id: 'net-42' }
                },
                idOf: (network) => network.id,
                remove: async (id) => {
                  await snapshot('during delete')
                  deleted.push(id)
                },
              }),
          },
          {
            id: 'server',
            service: 'compute',
            needs: [{ step: 'network', field: 'server.networks.uuid' }],
            run: (ctx) =>
              ledger.create(ctx, {
                kind: 'server',
                name: 'gh-1a2b-VM_1',
                create: async () => {
                  throw Object.assign(new Error('timed out'), { code: 'timeout' })
                },
                idOf: () => 'never',
                remove: async () => {},
              }),
          },
        ])
        const run = await runGraph(graph)
        assert.deepEqual(run.records.map((record) => record.status), ['passed', 'failed'])
        await snapshot('after run')
        await teardown(graph, run)
        await snapshot('after teardown')
        assert.deepEqual(seen, [
          { at: 'during create', rows: [null] },
          { at: 'after run', rows: ['net-42', null] },
          { at: 'during delete', rows: ['net-42', null] },
          { at: 'after teardown', rows: [null] },
        ])
        assert.deepEqual(deleted, ['net-42'])
        const [left] = await store.ledger.leftovers('prod', { owner: 'monitor-a', project: 'p1', region: 'RegionOne' })
        assert.equal(left!.name, 'gh-1a2b-VM_1')
        assert.equal(left!.prefix, 'gh-1a2b-')
        assert.equal(left!.createdAt, null)
        const network = (await store.ledger.get((run.outputs.get('network') as { entryId: string }).entryId))!
        assert.deepEqual(network.detail, { az: 'nova' })
        assert.equal(typeof network.deletedAt, 'number')
      }))

    test('leftovers are per owner, cloud and filter: two monitors sharing a project never see each other', () =>
      withStore(dialect, async (store) => {
        const a = await store.ledger.intent({ ...scope, kind: 'router', name: 'gh-a-Router' }, 1_000)
        const b = await store.ledger.intent({ ...scope, owner: 'monitor-b', kind: 'router', name: 'gh-b-Router' }, 1_001)
        await store.ledger.intent({ ...scope, cloud: 'staging', kind: 'router', name: 'gh-s-Router' }, 1_002)
        await store.ledger.intent({ ...scope, runId: 'run-2', kind: 'network', name: 'gh-a-NET' }, 1_003)
        await store.ledger.created(a, 'router-a', 1_010)
        await store.ledger.created(b, 'router-b', 1_011)
        const mine = await store.ledger.leftovers('prod', { owner: 'monitor-a' })
        assert.deepEqual(mine.map((row) => row.name), ['gh-a-Router', 'gh-a-NET'])
        assert.deepEqual((await store.ledger.leftovers('prod', { owner: 'monitor-a', runId: 'run-1' })).map((row) => row.resourceId), ['router-a'])
        assert.deepEqual((await store.ledger.leftovers('prod', { owner: 'monitor-b' })).map((row) => row.resourceId), ['router-b'])
        await store.ledger.deleted(a, 1_020)
        await store.ledger.deleted(a, 1_030)
        assert.equal((await store.ledger.get(a))!.deletedAt, 1_020)
        assert.deepEqual((await store.ledger.leftovers('prod', { owner: 'monitor-a' })).map((row) => row.name), ['gh-a-NET'])
      }))

    test('a kill -9 between intent and id leaves the row, with a null id', async () => {
      const fresh = await freshDatabase(dialect)
      try {
        const entryId = await crashAfterIntent(fresh.options)
        const store = await openStore(fresh.options)
        try {
          await store.migrate()
          const left = await store.ledger.leftovers('prod', { owner: 'monitor-a' })
          assert.deepEqual(left.map((row) => [row.id, row.name, row.resourceId]), [[entryId, 'gh-crash-VM_1', null]])
        } finally {
          await store.close()
        }
      } finally {
        await fresh.drop()
      }
    })
  })
}
