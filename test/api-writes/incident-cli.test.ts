import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { main } from '../../src/cli/index.js'
import { serveHarnessForCli } from '../support/cli-against-server.js'
import { captureIo } from '../support/cli-io.js'
import { freePort } from '../support/ports.js'
import { startWriteApi } from './support.js'

describe('glasshouse incident|maintenance: a thin client of /api/v1', () => {
  const served = serveHarnessForCli(startWriteApi)
  const run = (args: string[], token: string | null = served.harness.tokens.operator) => served.run(args, token)

  test('create, update, resolve and list an incident; the audit actor is the token name', async () => {
    const created = await run(['incident', 'create', '--title', 'Volumes slow', '--text', 'Looking', '--impact', 'compute@R1=50:Performance', '--format', 'json'])
    assert.equal(created.code, 0, created.err)
    const incident = JSON.parse(created.out)
    assert.deepEqual(incident.impacts.map((i: { component: string; location: string; type: string; severity: number }) => [i.component, i.location, i.type, i.severity]), [['compute', 'R1', 'Performance', 50]])
    const updated = await run(['incident', 'update', incident.id, '--text', 'Found it', '--phase', 'identified'])
    assert.match(updated.out, new RegExp(`^${incident.id} {2}identified `))
    const resolved = await run(['incident', 'resolve', incident.id])
    assert.match(resolved.out, / {2}resolved {2}.* – .* {2}Volumes slow\n$/)
    const listed = await run(['incident', 'list', '--status', 'resolved'], null)
    assert.equal(listed.code, 0, 'listing needs no token')
    assert.match(listed.out, /Volumes slow/)
    assert.deepEqual((await served.harness.store.audit.list({ objectId: incident.id })).map((e) => e.actor), ['oncall', 'oncall', 'oncall'])
  })

  test('maintenance create, list, cancel', async () => {
    const start = new Date(Date.now() + 3_600_000).toISOString()
    const end = new Date(Date.now() + 7_200_000).toISOString()
    const created = await run(['maintenance', 'create', '--title', 'Router swap', '--component', 'network@R1,R2', '--start', start, '--end', end, '--format', 'json'])
    assert.equal(created.code, 0, created.err)
    const window = JSON.parse(created.out)
    assert.deepEqual(window.components, [{ component: 'network', locations: ['R1', 'R2'] }])
    assert.match((await run(['maintenance', 'list'])).out, /scheduled .* Router swap/)
    assert.match((await run(['maintenance', 'cancel', window.id])).out, /cancelled/)
  })

  test('refusals say why (exit 2); an unreachable server is exit 3; the token never appears', async () => {
    const noToken = await run(['incident', 'create', '--title', 'x', '--text', 'y'], null)
    assert.equal(noToken.code, 2)
    assert.match(noToken.err, /401 this needs a bearer token of scope operator/)
    const weak = await run(['incident', 'create', '--title', 'x', '--text', 'y'], served.harness.tokens.reporter)
    assert.match(weak.err, /403 this needs scope operator/)
    const bad = await run(['incident', 'create', '--title', 'x', '--text', 'y', '--impact', 'dns=50'])
    assert.equal(bad.code, 2)
    assert.match(bad.err, /422 impacts\.0\.component: no component named "dns"/)
    assert.equal((await run(['incident', 'create', '--title', 'x', '--text', 'y', '--impact', 'nonsense'])).code, 2)
    const down = captureIo({ GLASSHOUSE_TOKEN: served.harness.tokens.operator })
    assert.equal(await main(['incident', 'list', '--url', `http://127.0.0.1:${await freePort()}`], down.io), 3)
    assert.match(down.err(), /cannot reach http:\/\/127\.0\.0\.1:\d+\/api\/v1/)
    for (const text of [noToken, weak, bad].flatMap((r) => [r.out, r.err]).concat(down.err())) assert.ok(!text.includes(served.harness.tokens.operator) && !text.includes(served.harness.tokens.reporter))
  })
})
