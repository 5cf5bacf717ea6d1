import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { setTimeout as delay } from 'node:timers/promises'
import { defineGraph, GraphError, runGraph, SERVER_BOOT, toResultSteps } from '../../src/scenario/index.js'
import type { StepDefinition } from '../../src/scenario/index.js'

/** Counts steps in flight per limit class and overall, and the order they started in. */
function tracker() {
  const now = new Map<string, number>()
  const max = new Map<string, number>()
  const started: string[] = []
  return {
    started,
    max,
    async hold(id: string, classes: readonly string[], ms = 3): Promise<void> {
      started.push(id)
      for (const name of [...classes, '*']) {
        now.set(name, (now.get(name) ?? 0) + 1)
        max.set(name, Math.max(max.get(name) ?? 0, now.get(name)!))
      }
      await delay(ms)
      for (const name of [...classes, '*']) now.set(name, now.get(name)! - 1)
    },
  }
}

function step(id: string, service: string, needs: string[] = [], run: StepDefinition['run'] = async () => id): StepDefinition {
  return { id, service, needs: needs.map((need) => ({ step: need, field: `${id}.${need}_id` })), run }
}

describe('step graph', () => {
  test('an edge without a reason is rejected when the graph is built', () => {
    assert.throws(
      () => defineGraph([step('network', 'network'), { id: 'port', service: 'network', needs: [{ step: 'network', field: ' ' }], run: async () => 1 }]),
      (error: unknown) => error instanceof GraphError && /port → network has no reason/.test(error.message),
    )
  })

  test('a cycle is named in order', () => {
    assert.throws(
      () => defineGraph([step('a', 'x', ['c']), step('b', 'x', ['a']), step('c', 'x', ['b'])]),
      (error: unknown) => error instanceof GraphError && /cycle .*: a → c → b → a$/.test(error.message),
    )
  })

  test('unknown steps, duplicates and self edges are rejected', () => {
    assert.throws(() => defineGraph([step('a', 'x', ['nope'])]), /needs unknown step nope/)
    assert.throws(() => defineGraph([step('a', 'x'), step('a', 'y')]), /defined twice/)
    assert.throws(() => defineGraph([step('a', 'x', ['a'])]), /needs itself/)
  })
})

describe('executor', () => {
  test('per-service in-flight limits hold: default 4, server boots 2, configured overrides', async () => {
    const track = tracker()
    const steps: StepDefinition[] = []
    for (let i = 0; i < 10; i++) steps.push({ id: `net-${i}`, service: 'network', run: () => track.hold(`net-${i}`, ['network']) })
    for (let i = 0; i < 6; i++) steps.push({ id: `vm-${i}`, service: 'compute', limits: ['compute', SERVER_BOOT], run: () => track.hold(`vm-${i}`, ['compute', SERVER_BOOT]) })
    for (let i = 0; i < 6; i++) steps.push({ id: `vol-${i}`, service: 'block-storage', run: () => track.hold(`vol-${i}`, ['block-storage']) })
    const run = await runGraph(defineGraph(steps), { limits: { 'block-storage': 3 } })
    assert.ok(run.records.every((record) => record.status === 'passed'))
    assert.equal(track.max.get('network'), 4)
    assert.equal(track.max.get(SERVER_BOOT), 2)
    assert.equal(track.max.get('block-storage'), 3)
    assert.ok(track.max.get('*')! > 4, 'independent services run side by side')
  })

  test('a failing step skips all its dependents (not failed) and keeps its failure code', async () => {
    const graph = defineGraph([
      step('router', 'network'),
      step('network', 'network', [], async () => {
        throw Object.assign(new Error('HTTP 503: down'), { code: 'http_5xx' })
      }),
      step('subnet', 'network', ['network']),
      step('port', 'network', ['subnet']),
      step('interface', 'network', ['router', 'subnet']),
      step('keypair', 'compute'),
    ])
    const run = await runGraph(graph)
    const byId = new Map(run.records.map((record) => [record.id, record]))
    assert.equal(byId.get('network')!.status, 'failed')
    assert.equal(byId.get('network')!.failureCode, 'http_5xx')
    assert.equal(byId.get('network')!.reason, 'HTTP 503: down')
    assert.deepEqual(['subnet', 'port', 'interface'].map((id) => byId.get(id)!.status), ['skipped', 'skipped', 'skipped'])
    assert.equal(byId.get('subnet')!.reason, 'needs network, which failed')
    assert.equal(byId.get('port')!.reason, 'needs subnet, which was skipped')
    assert.equal(byId.get('router')!.status, 'passed')
    assert.equal(byId.get('keypair')!.status, 'passed')
    assert.deepEqual(toResultSteps(run.records).find((s) => s.name === 'port'), { name: 'port', status: 'skipped', reason: 'needs subnet, which was skipped', durationMs: 0 })
  })

  test('a graceful stop starts nothing new; running steps finish', async () => {
    const stop = new AbortController()
    const graph = defineGraph([
      step('a', 'network', [], async () => {
        stop.abort()
        await delay(5)
        return 'a'
      }),
      step('b', 'compute', [], async () => {
        await delay(10)
        return 'b'
      }),
      step('c', 'network', ['a']),
      step('d', 'network', ['c']),
    ])
    const run = await runGraph(graph, { stop: stop.signal })
    const status = Object.fromEntries(run.records.map((record) => [record.id, [record.status, record.reason]]))
    assert.deepEqual(status, { a: ['passed', null], b: ['passed', null], c: ['skipped', 'stopped before it started'], d: ['skipped', 'stopped before it started'] })
    assert.equal(run.stopped, true)
  })

  test('concurrency 1 runs one step at a time in the reference order, dependencies first', async () => {
    const track = tracker()
    const ids = ['router', 'net-1', 'net-2', 'subnet-1', 'subnet-2', 'sg', 'keypair']
    const needs: Record<string, string[]> = { 'subnet-1': ['net-1'], 'subnet-2': ['net-2'] }
    const graph = defineGraph(ids.map((id) => step(id, id.startsWith('keypair') ? 'compute' : 'network', needs[id] ?? [], () => track.hold(id, []))))
    const order = ['keypair', 'subnet-1', 'net-1', 'sg', 'router', 'net-2', 'subnet-2']
    await runGraph(graph, { concurrency: 1, order })
    assert.deepEqual(track.started, ['keypair', 'net-1', 'subnet-1', 'sg', 'router', 'net-2', 'subnet-2'])
    assert.equal(track.max.get('*'), 1)
  })

  test('steps read what they need; reading an undeclared step fails the step', async () => {
    const graph = defineGraph([
      step('network', 'network', [], async () => 'net-id'),
      step('other', 'network', [], async () => 'x'),
      step('port', 'network', ['network'], async (ctx) => `port on ${ctx.need<string>('network')}`),
      step('sneaky', 'network', ['network'], async (ctx) => ctx.need<string>('other')),
    ])
    const run = await runGraph(graph)
    assert.equal(run.outputs.get('port'), 'port on net-id')
    const sneaky = run.records.find((record) => record.id === 'sneaky')!
    assert.equal(sneaky.status, 'failed')
    assert.match(sneaky.reason!, /reads other without naming it in needs/)
    assert.equal(sneaky.failureCode, 'internal')
  })

  test('limits must be positive integers', async () => {
    await assert.rejects(runGraph(defineGraph([step('a', 'x')]), { limits: { x: 0 } }), RangeError)
    await assert.rejects(runGraph(defineGraph([step('a', 'x')]), { order: ['zz'] }), /unknown step zz/)
  })
})
