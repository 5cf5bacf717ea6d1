/**
 * `glasshouse alerts list|silence|unsilence|test` through `main(argv)`: silences are stored and
 * listed, a test alert goes through a signed webhook that verifies, a receiver that is down
 * exits 1 with the reason — and the receivers' canary secret appears in no output.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { main } from '../../src/cli/index.js'
import { verifySignature } from '../../src/notify/index.js'
import { captureIo } from '../support/cli-io.js'
import { freePort } from '../support/ports.js'
import { httpReceiver } from '../notify/receivers.js'

const CANARY = 'canary-cli-9b8e7d6c5b4a'
const SECRET = `whsec_${Buffer.from(`${CANARY}-padding-bytes-enough`).toString('base64')}`

describe('glasshouse alerts', () => {
  let dir: string
  let hook: Awaited<ReturnType<typeof httpReceiver>>
  let config: string
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'glasshouse-alerts-cli-'))
    hook = await httpReceiver()
    const down = await freePort()
    config = join(dir, 'glasshouse.yaml')
    writeFileSync(
      config,
      [
        'storage:',
        `  dataDir: ${join(dir, 'data')}`,
        'alerts:',
        '  delivery: { timeout: 2s }',
        '  receivers:',
        '    - name: signed',
        '      kind: webhook',
        `      url: ${hook.url}/hook?key=${CANARY}`,
        '      secret: ${GH_TEST_WEBHOOK_SECRET}',
        '    - name: down',
        '      kind: alertmanager',
        `      url: http://user:${CANARY}@127.0.0.1:${down}`,
        '',
      ].join('\n'),
    )
  })
  after(async () => {
    await hook.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const run = async (...argv: string[]) => {
    const captured = captureIo({ GH_TEST_WEBHOOK_SECRET: SECRET, USER: 'tester' }, dir)
    const code = await main([...argv, '--config', config], captured.io)
    const output = `${captured.out()}${captured.err()}`
    assert.ok(!output.includes(CANARY), `the canary leaked: ${output}`)
    return { code, out: captured.out(), err: captured.err() }
  }

  test('silence, list and unsilence', async () => {
    const silenced = await run('alerts', 'silence', '--match', 'component=compute', '--match', 'location=R1', '--for', '2h', '--comment', 'planned upgrade')
    assert.equal(silenced.code, 0, silenced.err)
    const id = /^silence {2}(\S+)/.exec(silenced.out)?.[1]
    assert.ok(id, silenced.out)
    const listed = await run('alerts', 'list')
    assert.match(listed.out, /no alerts/)
    assert.match(listed.out, /component=compute,location=R1 {2}until .* by tester: planned upgrade/)
    assert.match(listed.out, /outbox: 0 waiting, 0 dead letters/)
    assert.equal((await run('alerts', 'unsilence', id!)).code, 0)
    assert.doesNotMatch((await run('alerts', 'list', '--format', 'json')).out, /planned upgrade/)
    assert.equal((await run('alerts', 'silence', '--match', 'nonsense', '--for', '1h', '--comment', 'x')).code, 2)
  })

  test('a test alert through a signed webhook is acknowledged and verifies', async () => {
    const sent = await run('alerts', 'test', '--receiver', 'signed')
    assert.equal(sent.code, 0, sent.err)
    assert.match(sent.out, /signed \(webhook\) acknowledged the test alert/)
    const request = hook.received.at(-1)!
    assert.ok(verifySignature(SECRET, request.headers as Record<string, string>, request.body))
    assert.equal((JSON.parse(request.body) as { data: { alerts: { labels: { alertname: string } }[] } }).data.alerts[0]!.labels.alertname, 'GlasshouseTest')
  })

  test('a receiver that is down exits 1 with the reason; an unknown one is a usage error', async () => {
    const down = await run('alerts', 'test', '--receiver', 'down')
    assert.equal(down.code, 1)
    assert.match(down.err, /down \(alertmanager\) did not acknowledge the test alert: .*ECONNREFUSED/)
    assert.equal((await run('alerts', 'test', '--receiver', 'nobody')).code, 2)
  })
})
