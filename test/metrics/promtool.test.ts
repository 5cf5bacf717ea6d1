import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { describe, test } from 'node:test'
import { createMetrics } from '../../src/metrics/index.js'
import { httpResult } from '../support/results.js'
import { realPart } from '../support/real-part.js'

const PROMTOOL = '/usr/bin/promtool'
const promtool = realPart('metrics-promtool', existsSync(PROMTOOL) ? null : 'promtool not installed', 'apt-get install prometheus')

function lint(exposition: string): { status: number | null; output: string } {
  const run = spawnSync(PROMTOOL, ['check', 'metrics'], { input: exposition, encoding: 'utf8' })
  return { status: run.status, output: `${run.stdout}${run.stderr}` }
}

describe('metrics exposition', { skip: promtool.available ? false : promtool.skip }, () => {
  test('is clean under promtool check metrics, with every kind of series present', async () => {
    const metrics = createMetrics()
    metrics.observeResult({ name: 'api', kind: 'http' }, httpResult())
    metrics.observeResult({ name: 'db', kind: 'tcp' }, httpResult({ ok: false }))
    metrics.observeDrift(12)
    metrics.countOverrun('api')
    metrics.countWritten(2)
    metrics.countWriteError()
    metrics.setComponentState('api', 'R1', 'operational')
    const { body } = await metrics.render(false)
    for (const name of ['probe_success', 'probe_duration_seconds', 'probe_http_duration_seconds', 'glasshouse_scheduler_drift_seconds_bucket', 'glasshouse_results_written_total']) {
      assert.match(body, new RegExp(`^${name}`, 'm'))
    }
    const checked = lint(body)
    assert.equal(checked.status, 0, checked.output)
    assert.equal(checked.output.trim(), '', checked.output)
  })

  test('promtool rejects a broken exposition (the lint can fail)', () => {
    assert.notEqual(lint('# TYPE x counter\nx{a="1" 1\n').status, 0)
  })
})
