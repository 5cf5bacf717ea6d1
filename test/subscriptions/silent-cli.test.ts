/**
 * `--silent` on the CLI writes: a silent incident create, update, resolve, maintenance create and
 * cancel queue no subscriber event; the same writes without it queue one each.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { FAN_OUT_RECEIVER } from '../../src/subscriptions/index.js'
import { serveHarnessForCli } from '../support/cli-against-server.js'
import { startHarness } from './support.js'

describe('glasshouse incident|maintenance --silent', () => {
  const served = serveHarnessForCli(() => startHarness())

  const run = async (args: string[]) => {
    const { code, out, err } = await served.run([...args, '--format', 'json'], served.harness.tokens.operator)
    assert.equal(code, 0, err)
    return JSON.parse(out) as { id: string }
  }
  const events = async () => (await served.harness.store.outbox.list({ limit: 100 })).filter((message) => message.receiver === FAN_OUT_RECEIVER).length

  async function everyWrite(extra: string[]): Promise<void> {
    const incident = await run(['incident', 'create', '--title', 'Slow', '--text', 'Looking', '--impact', 'compute=50', ...extra])
    await run(['incident', 'update', incident.id, '--text', 'Found it', ...extra])
    await run(['incident', 'resolve', incident.id, ...extra])
    const start = new Date(Date.now() + 3_600_000).toISOString()
    const window = await run(['maintenance', 'create', '--title', 'Upgrade', '--component', 'compute', '--start', start, '--end', new Date(Date.now() + 7_200_000).toISOString(), ...extra])
    await run(['maintenance', 'cancel', window.id, ...extra])
  }

  test('silent writes queue nothing; notifying ones queue one event each', async () => {
    await everyWrite(['--silent'])
    assert.equal(await events(), 0)
    await everyWrite([])
    assert.equal(await events(), 5)
  })
})
