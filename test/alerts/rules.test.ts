/**
 * The shipped Prometheus rules for Glasshouse's own health are clean under `promtool check rules`
 * and name only metrics Glasshouse exposes.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { registerNotifyMetrics } from '../../src/notify/index.js'
import { createMetrics } from '../../src/metrics/index.js'
import { realPart } from '../support/real-part.js'
import { tempStore } from '../support/temp-store.js'
import { systemClock } from '../../src/core/index.js'

const PROMTOOL = '/usr/bin/promtool'
const RULES = fileURLToPath(new URL('../../docs/alerts/glasshouse.rules.yaml', import.meta.url))
const promtool = realPart('metrics-promtool', existsSync(PROMTOOL) ? null : 'promtool not installed', 'apt-get install prometheus')

describe('glasshouse.rules.yaml', { skip: promtool.available ? false : promtool.skip }, () => {
  test('passes promtool check rules', () => {
    const run = spawnSync(PROMTOOL, ['check', 'rules', RULES], { encoding: 'utf8' })
    assert.equal(run.status, 0, `${run.stdout}${run.stderr}`)
    assert.match(run.stdout, /SUCCESS: 6 rules found/)
  })

  test('every glasshouse_ metric it names is exposed, and the exposition with the outbox gauges lints clean', async () => {
    const temp = await tempStore()
    try {
      const metrics = createMetrics()
      registerNotifyMetrics(metrics.registers, temp.store, systemClock).heartbeatAt(Date.now())
      const { body } = await metrics.render(false)
      const named = new Set([...readFileSync(RULES, 'utf8').matchAll(/\b(glasshouse_[a-z_]+?)(?:_bucket)?\b/g)].map((match) => match[1]!))
      for (const name of named) assert.match(body, new RegExp(`^# TYPE ${name} `, 'm'), `${name} is not exposed`)
      const lint = spawnSync(PROMTOOL, ['check', 'metrics'], { input: body, encoding: 'utf8' })
      assert.equal(lint.status, 0, `${lint.stdout}${lint.stderr}`)
    } finally {
      await temp.dispose()
    }
  })
})
