import assert from 'node:assert/strict'
import { test } from 'node:test'
import { defineGraph } from '../../src/scenario/index.js'
import { documentationSteps, jumpHostRules, oshmBudgetMs, oshmOrder, vmSubnetCidr } from '../../src/scenario/oshm/index.js'
import { assertGraphDoc } from '../scenario/doc-drift.js'

const INTRO = `
The customer-eye scenario (issue 4), generated from the graph every iteration runs
(\`src/scenario/oshm/\`), here for two AZs, two VM networks, three VMs booting from volumes and
the load balancer: ids ending in a number repeat per jump host (one per AZ), VM network or VM.

An iteration has two phases. **Discovery** (the steps without needs above \`router\`) runs first;
its answers fix the plan: how many jump hosts, networks and VMs, where each goes, and the boot
mode (a diskless flavor turns \`image\` into \`bdm\`). The **resource** phase is this whole graph,
discovery's steps replayed from their answers so the edges to them are real. Every edge names the
API field that forces it. Steps whose limits are \`—\` are waits: they poll with one list call per
kind and hold no service slot. Reachability steps (\`-reach\`, \`-forward\`) and the load balancer's checks (\`lb-online\`
to \`lb-recovered\`) are
\`skipped\` with \`skipReachability\` or without a reachability implementation. Rows are in OSHM's
order, which \`concurrency: 1\` replays.
`

test('docs/scenario-graph.md matches the graph', () => {
  assertGraphDoc('docs/scenario-graph.md', documentationSteps(), {
    title: 'The scenario graph',
    intro: INTRO,
    regenerate: 'UPDATE_DOCS=1 node --import tsx --test test/scenario-oshm/graph.test.ts',
  })
})

test('OSHM’s order is a topological order of the graph, so concurrency 1 replays it exactly', () => {
  const steps = documentationSteps()
  const order = oshmOrder(steps)
  assert.equal(new Set(order).size, steps.length)
  const position = new Map(order.map((id, index) => [id, index]))
  for (const step of steps) for (const need of step.needs ?? []) assert.ok(position.get(need.step)! < position.get(step.id)!, `${step.id} after ${need.step}`)
  assert.doesNotThrow(() => defineGraph(steps))
})

test('every resource is named by the API field that forces it; waits hold no slot; boots hold a server-boot slot', () => {
  const steps = documentationSteps()
  for (const step of steps) for (const need of step.needs ?? []) assert.match(need.field, /[a-z_]/, `${step.id} → ${need.step}`)
  for (const id of ['vm-1-active', 'jh-1-active', 'vm-volume-1-ready', 'lb-active']) assert.deepEqual(steps.find((step) => step.id === id)?.limits, [], id)
  assert.deepEqual(steps.find((step) => step.id === 'vm-1')?.limits, ['compute', 'server-boot'])
})

test('OSHM’s address plan, forwarded ports and budget', () => {
  assert.deepEqual([0, 1, 62].map(vmSubnetCidr), ['10.250.0.0/22', '10.250.4.0/22', '10.250.248.0/22'])
  assert.throws(() => vmSubnetCidr(63), /address plan/)
  const forwarded = jumpHostRules('sg', 12, 2).find((rule) => rule.port_range_min === 222)
  assert.equal(forwarded?.port_range_max, 227, '12 VMs over 2 AZs: 222…227')
  assert.equal(oshmBudgetMs(1, 1, 12, false), 708_000)
})
