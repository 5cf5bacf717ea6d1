/**
 * Config `records.retention` of audit entries, subscriber data and delivery logs: defaults,
 * durations and `forever`, and bad values reported as `file:line:col: path: message`.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConfigError, loadConfig } from '../../src/config/index.js'
import { DEFAULT_RETENTION, retentionPolicy } from '../../src/retention/index.js'

const DAY = 86_400_000

describe('records.retention of audit entries, subscriber data and delivery logs', () => {
  let dir: string
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'gh-retention-config-'))
  })
  after(() => rmSync(dir, { recursive: true, force: true }))

  async function load(yaml: string) {
    writeFileSync(join(dir, 'glasshouse.yaml'), yaml)
    return loadConfig({ file: 'glasshouse.yaml', cwd: dir, env: {} })
  }

  test('defaults: audit forever, subscriber data 30 days, delivery logs 90 days — the policy the job uses without config', async () => {
    const { config } = await load('records: {}\n')
    const { auditEntries, subscriberData, deliveryLogs } = config.records.retention
    assert.deepEqual({ auditEntries, subscriberData, deliveryLogs }, { auditEntries: null, subscriberData: 30 * DAY, deliveryLogs: 90 * DAY })
    assert.deepEqual(retentionPolicy(config.records.retention), DEFAULT_RETENTION)
  })

  test('durations and forever', async () => {
    const { config } = await load('records:\n  retention:\n    auditEntries: 400d\n    subscriberData: 7d\n    deliveryLogs: forever\n')
    const policy = retentionPolicy(config.records.retention)
    assert.deepEqual([policy.auditMs, policy.subscriberMs, policy.deliveryMs], [400 * DAY, 7 * DAY, null])
  })

  test('a bad value of each key is named with file, line and column', async () => {
    const error = await load('records:\n  retention:\n    auditEntries: seven years\n    subscriberData: 30\n    deliveryLogs: never\n').then(
      () => assert.fail('an invalid config loaded'),
      (caught: unknown) => caught,
    )
    assert.ok(error instanceof ConfigError, String(error))
    const lines = error.message.split('\n')
    const expected = 'expected a duration such as 30d or 730d, or forever'
    assert.deepEqual(lines, [
      `glasshouse.yaml:3:19: records.retention.auditEntries: ${expected}`,
      `glasshouse.yaml:4:21: records.retention.subscriberData: ${expected}`,
      `glasshouse.yaml:5:19: records.retention.deliveryLogs: ${expected}`,
    ])
  })
})
