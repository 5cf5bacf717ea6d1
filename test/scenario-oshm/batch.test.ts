import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Context } from 'hono'
import { batchUserData } from '../../src/scenario/oshm/steps/batch-servers.js'
import { iterate, leftovers, simBench } from './support.js'
import type { SimBench } from './support.js'

describe('OSHM -D: batch creation on the simulated cloud', { timeout: 120_000 }, () => {
  let bench: SimBench
  const creates: Array<Record<string, unknown>> = []
  before(async () => {
    bench = await simBench({
      hooks: {
        request: async (operation: string, c: Context) => {
          if (operation === 'compute.servers.create') creates.push(((await c.req.json()) as { server: Record<string, unknown> }).server)
          return undefined
        },
      },
    })
  })
  after(async () => bench.close())

  test('one POST /servers per network with min_count = max_count; Nova’s <name>-<n> servers are found, waited for, checked and deleted', async () => {
    creates.length = 0
    const seen = new Map<string, Record<string, unknown>>()
    const snapshot = () => {
      for (const row of bench.sim.resources('servers').values()) seen.set(String(row.name), { ...row })
    }
    const result = await iterate(bench, { vms: 5, networks: 2, batchCreate: true, bootMode: 'volume', skipReachability: true }, { onStep: snapshot })
    assert.equal(result.ok, true, JSON.stringify(result.failure))
    const p = result.prefix
    const vmCreates = creates.filter((body) => String(body.name).includes('VM_VM_NET'))
    assert.deepEqual(
      vmCreates.map((body) => [body.name, body.min_count, body.max_count, body.availability_zone]).sort(),
      [[`${p}VM_VM_NET1`, 3, 3, 'az1'], [`${p}VM_VM_NET2`, 2, 2, 'az2']],
    )
    for (const body of vmCreates) {
      assert.equal(body.block_device_mapping_v2 === undefined ? 'image' : 'bdm', 'bdm', 'the diskless flavor boots from a mapping; never a pre-created volume')
      assert.equal((body.networks as Array<Record<string, string>>)[0]!.uuid !== undefined, true, 'networks by uuid, no pre-created ports')
    }
    assert.equal(creates.length, vmCreates.length + 2, 'the two jump hosts are booted one by one')
    assert.deepEqual([...seen.keys()].filter((name) => name.includes('VM_VM_NET')).sort(), [1, 2, 3].map((k) => `${p}VM_VM_NET1-${k}`).concat([1, 2].map((k) => `${p}VM_VM_NET2-${k}`)))
    assert.equal(result.steps.some((step) => /^(vm-port|vm-volume)-/.test(step.name)), false)
    for (const id of ['vm-batch-1', 'vm-batch-2', 'vm-5-active', 'vm-5-metadata', 'vm-4-reach']) assert.ok(result.steps.some((step) => step.name === id), id)
    assert.deepEqual([result.summary.vmsOk, result.summary.vmsTotal], [5, 5])
    assert.equal(result.waits.filter((wait) => wait.kind === 'server' && wait.mode === 'delete' && wait.ok).length, 7, 'every batch server waited for until gone')
    assert.deepEqual(seen.get(`${p}VM_VM_NET2-2`)?.metadata, { deployment: 'cftest', serverno: '4' })
    assert.deepEqual(leftovers(bench.sim, p), [])
    assert.deepEqual(await bench.store.ledger.leftovers('simulated', { owner: 'simmonitor' }), [], 'every row, the batch call’s included, is done')
  })

  test('a network with one VM: a batch of one keeps Nova’s plain name; with --concurrency 1 the batches run in OSHM’s order', async () => {
    const result = await iterate(bench, { vms: 3, networks: 2, batchCreate: true, concurrency: 1, skipReachability: true })
    assert.equal(result.ok, true, JSON.stringify(result.failure))
    assert.deepEqual(result.steps.filter((step) => step.name.startsWith('vm-batch-')).map((step) => step.status), ['passed', 'passed'])
    assert.deepEqual(leftovers(bench.sim, result.prefix), [])
  })

  test('a batch that makes fewer servers than asked fails its VMs and still tears down what it made', async () => {
    const short = await simBench({
      hooks: {
        request: async (operation: string, c: Context) => {
          if (operation !== 'compute.servers.create') return undefined
          const body = (await c.req.json()) as { server: Record<string, unknown> }
          if (body.server.max_count !== 3) return undefined
          // Nova with room for two: the simulator makes as many as max_count, so answer for it with two.
          const headers = new Headers(c.req.raw.headers)
          headers.delete('content-length')
          const init = { method: 'POST', headers, body: JSON.stringify({ server: { ...body.server, min_count: 2, max_count: 2 } }) }
          return async () => fetch(new Request(c.req.url, init))
        },
      },
    })
    try {
      const result = await iterate(short, { vms: 3, networks: 1, batchCreate: true, skipReachability: true })
      assert.equal(result.ok, false)
      assert.equal(result.failure?.code, 'resource_error')
      assert.match(result.failure?.message ?? '', /made 2 of 3 servers \(missing .*VM_VM_NET1-3\)/)
      assert.deepEqual(leftovers(short.sim, result.prefix), [])
      assert.deepEqual(await short.store.ledger.leftovers('simulated', { owner: 'simmonitor' }), [])
    } finally {
      await short.close()
    }
  })

  test('when the list after a batch call fails, the teardown still finds and deletes the batch’s servers', async () => {
    let failed = 0
    const broken = await simBench({
      hooks: {
        request: (operation: string, c: Context) =>
          operation === 'compute.servers.list' && decodeURIComponent(c.req.url).includes('VM_VM_NET1') && failed++ === 0 ? (answer) => answer.json({ forbidden: { code: 403, message: 'list refused' } }, 403) : undefined,
      },
    })
    try {
      const result = await iterate(broken, { vms: 2, networks: 1, batchCreate: true, skipReachability: true })
      assert.equal(result.ok, false)
      assert.equal(result.steps.find((step) => step.name === 'vm-batch-1')?.status, 'failed')
      assert.ok(result.deletions.some((deletion) => deletion.name.endsWith('VM_VM_NET1-*') && deletion.status === 'deleted'), JSON.stringify(result.deletions.map((d) => d.name)))
      assert.deepEqual(leftovers(broken.sim, result.prefix), [])
      assert.deepEqual(await broken.store.ledger.leftovers('simulated', { owner: 'simmonitor' }), [])
    } finally {
      await broken.close()
    }
  })

  test('batch user data carries the marker of every VM of the batch', () => {
    assert.equal(batchUserData('gh-a-b-', [1, 3], false), '#cloud-config\nwrite_files:\n  - path: /tmp/testfile\n    content: "glasshouse.gh-a-b-1\\nglasshouse.gh-a-b-3\\n"\n')
  })
})
