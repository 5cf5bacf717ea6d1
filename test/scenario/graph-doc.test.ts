import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { criticalPath, defineGraph, renderGraphDoc, SERVER_BOOT } from '../../src/scenario/index.js'
import type { StepDefinition } from '../../src/scenario/index.js'
import { assertGraphDoc } from './doc-drift.js'

const run = async (): Promise<null> => null
const steps: StepDefinition[] = [
  { id: 'network', service: 'network', run },
  { id: 'subnet', service: 'network', needs: [{ step: 'network', field: 'subnet.network_id' }], run },
  { id: 'port', service: 'network', needs: [{ step: 'network', field: 'port.network_id' }, { step: 'subnet', field: 'port.fixed_ips[].subnet_id' }], run },
  { id: 'server', service: 'compute', limits: ['compute', SERVER_BOOT], needs: [{ step: 'port', field: 'server.networks[].port' }], run },
]
const options = { title: 'Example graph', intro: 'Each edge names the API field that forces it.', regenerate: 'UPDATE_DOCS=1 npm test' }

test('the graph page has one row per edge with the field that forces it', () => {
  const page = renderGraphDoc(steps, options)
  assert.equal(
    page,
    [
      '# Example graph',
      '',
      '<!-- Generated from the graph; do not edit. Regenerate: UPDATE_DOCS=1 npm test -->',
      '',
      'Each edge names the API field that forces it.',
      '',
      '| Step | Service | Limits | Needs | Because of (API field) |',
      '|---|---|---|---|---|',
      '| `network` | network | network | — | — |',
      '| `subnet` | network | network | `network` | `subnet.network_id` |',
      '| `port` | network | network | `network` | `port.network_id` |',
      '|  |  |  | `subnet` | `port.fixed_ips[].subnet_id` |',
      '| `server` | compute | compute, server-boot | `port` | `server.networks[].port` |',
      '',
    ].join('\n'),
  )
})

test('a page that drifted from its graph fails the check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'glasshouse-graph-doc-'))
  try {
    const file = join(dir, 'graph.md')
    writeFileSync(file, renderGraphDoc(steps, options))
    assertGraphDoc(file, steps, options)
    writeFileSync(file, renderGraphDoc(steps.slice(0, 3), options))
    assert.throws(() => assertGraphDoc(file, steps, options), /does not match its graph/)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test('the critical path is the longest chain of durations along the edges', () => {
  const graph = defineGraph(steps)
  const durations: Record<string, number> = { network: 1_000, subnet: 1_500, port: 800, server: 30_000 }
  assert.deepEqual(criticalPath(graph, (id) => durations[id]!), { durationMs: 33_300, steps: ['network', 'subnet', 'port', 'server'] })
})
