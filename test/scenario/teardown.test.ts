import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { setTimeout as delay } from 'node:timers/promises'
import { defineGraph, runGraph, teardown } from '../../src/scenario/index.js'
import type { StepDefinition, UndoAttempt } from '../../src/scenario/index.js'
import { virtualTime } from './virtual-time.js'

/** A fake cloud's delete log: which resource was deleted when, and which deletes fail how often. */
function fakeDeletes(failures: Record<string, number> = {}) {
  const log: string[] = []
  const attempts: Array<{ name: string; attempt: UndoAttempt['attempt']; extra: number }> = []
  let inFlight = 0
  let maxInFlight = 0
  return {
    log,
    attempts,
    get maxInFlight() {
      return maxInFlight
    },
    async remove(name: string, attempt: UndoAttempt): Promise<void> {
      attempts.push({ name, attempt: attempt.attempt, extra: attempt.extraTimeoutMs })
      inFlight++
      maxInFlight = Math.max(maxInFlight, inFlight)
      await delay(2)
      inFlight--
      if ((failures[name] ?? 0) > 0) {
        failures[name]!--
        throw new Error(`HTTP 409: ${name} in use`)
      }
      log.push(name)
    },
  }
}

function creates(id: string, service: string, needs: string[], cloud: ReturnType<typeof fakeDeletes>, names: string[] = [id]): StepDefinition {
  return {
    id,
    service,
    needs: needs.map((need) => ({ step: need, field: `${id}.${need}_id` })),
    run: async (ctx) => {
      for (const name of names) ctx.undo({ name, run: (attempt) => cloud.remove(name, attempt) })
      return id
    },
  }
}

function before(log: readonly string[], first: string, second: string): boolean {
  return log.indexOf(first) >= 0 && log.indexOf(first) < log.indexOf(second)
}

describe('teardown', () => {
  test('undos run in reverse dependency order, concurrent where independent, through steps without undos', async () => {
    const cloud = fakeDeletes()
    const graph = defineGraph([
      creates('router', 'network', [], cloud),
      creates('network', 'network', [], cloud),
      creates('subnet', 'network', ['network'], cloud),
      creates('interface', 'network', ['router', 'subnet'], cloud),
      { id: 'wait-net', service: 'network', limits: [], needs: [{ step: 'subnet', field: 'port.fixed_ips.subnet_id' }], run: async () => null },
      creates('port-1', 'network', ['wait-net'], cloud),
      creates('port-2', 'network', ['wait-net'], cloud),
      creates('keypair', 'compute', [], cloud),
      creates('server', 'compute', ['port-1', 'keypair'], cloud, ['server', 'server-metadata']),
    ])
    const run = await runGraph(graph)
    const deletions = await teardown(graph, run)
    assert.equal(deletions.length, 9)
    assert.ok(deletions.every((deletion) => deletion.status === 'deleted' && deletion.attempts === 1))
    const log = cloud.log
    assert.ok(before(log, 'server-metadata', 'server'), 'undos of one step run in reverse registration order')
    assert.ok(before(log, 'server', 'port-1') && before(log, 'server', 'keypair'))
    assert.ok(before(log, 'port-1', 'subnet') && before(log, 'port-2', 'subnet'), 'ordering passes through a step without undos')
    assert.ok(before(log, 'interface', 'subnet') && before(log, 'interface', 'router'))
    assert.ok(before(log, 'subnet', 'network'))
    assert.ok(cloud.maxInFlight > 1, 'independent deletions overlap')
  })

  test('a failed delete is retried once after 5 s with +8 s timeout; what still fails gets a second pass after the rest', async () => {
    const cloud = fakeDeletes({ subnet: 1, network: 3, port: 2 })
    const time = virtualTime()
    const graph = defineGraph([
      creates('network', 'network', [], cloud),
      creates('subnet', 'network', ['network'], cloud),
      creates('port', 'network', ['subnet'], cloud),
      creates('keypair', 'compute', [], cloud),
    ])
    const run = await runGraph(graph, { clock: time.clock })
    const deletions = await teardown(graph, run, { clock: time.clock, sleep: time.sleep })
    const byName = new Map(deletions.map((deletion) => [deletion.name, deletion]))
    assert.deepEqual(time.sleeps.filter((ms) => ms === 5_000).length, 3)
    assert.deepEqual(cloud.attempts.filter((a) => a.name === 'subnet').map((a) => [a.attempt, a.extra]), [[1, 0], [2, 8_000]])
    assert.deepEqual([byName.get('subnet')!.status, byName.get('subnet')!.attempts, byName.get('subnet')!.pass], ['deleted', 2, 1])
    assert.deepEqual([byName.get('port')!.status, byName.get('port')!.attempts, byName.get('port')!.pass], ['deleted', 3, 2])
    assert.deepEqual([byName.get('network')!.status, byName.get('network')!.attempts, byName.get('network')!.pass], ['failed', 3, 2])
    assert.match(byName.get('network')!.reason!, /409/)
    assert.deepEqual(byName.get('keypair')!.status, 'deleted')
    const order = cloud.attempts.map((a) => `${a.name}#${a.attempt}`)
    assert.ok(order.indexOf('port#3') > order.indexOf('network#2'), 'the second pass comes after the first pass ended')
    assert.ok(order.indexOf('port#3') < order.indexOf('network#3'), 'the second pass keeps reverse dependency order')
  })

  test('a stopped teardown starts no deletion and records the rest as skipped', async () => {
    const cloud = fakeDeletes()
    const stop = new AbortController()
    const graph = defineGraph([
      creates('network', 'network', [], cloud),
      creates('subnet', 'network', ['network'], cloud),
      {
        id: 'port',
        service: 'network',
        needs: [{ step: 'subnet', field: 'port.fixed_ips.subnet_id' }],
        run: async (ctx) => ctx.undo({ name: 'port', run: async () => stop.abort() }),
      },
    ])
    const run = await runGraph(graph)
    const deletions = await teardown(graph, run, { signal: stop.signal })
    assert.deepEqual(deletions.map((d) => [d.name, d.status]), [['port', 'deleted'], ['network', 'skipped'], ['subnet', 'skipped']])
    assert.deepEqual(cloud.log, [])
  })

  test('skipped steps registered nothing; a failed step keeps the undos it registered', async () => {
    const cloud = fakeDeletes()
    const graph = defineGraph([
      {
        id: 'volume',
        service: 'block-storage',
        run: async (ctx) => {
          ctx.undo({ name: 'volume', run: (attempt) => cloud.remove('volume', attempt) })
          throw new Error('volume went to error')
        },
      },
      creates('server', 'compute', ['volume'], cloud),
    ])
    const run = await runGraph(graph)
    assert.deepEqual(run.records.map((r) => r.status), ['failed', 'skipped'])
    const deletions = await teardown(graph, run)
    assert.deepEqual(deletions.map((d) => [d.name, d.status]), [['volume', 'deleted']])
  })
})
