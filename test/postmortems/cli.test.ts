import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { serveHarnessForCli } from '../support/cli-against-server.js'
import { startWriteApi } from '../api-writes/support.js'

describe('glasshouse postmortem: a thin client of /api/v1/postmortems', () => {
  const served = serveHarnessForCli(startWriteApi)
  const run = (args: string[], token: string | null = served.harness.tokens.operator) => served.run(args, token)

  test('create, show, list, submit and publish; the audit actor is the token name', async () => {
    const began = new Date(Date.now() - 3_600_000).toISOString()
    const incident = JSON.parse((await run(['incident', 'create', '--title', 'Boots fail', '--text', 'Fixed', '--phase', 'resolved', '--began', began, '--impact', 'compute@R1=70', '--silent', '--format', 'json'])).out)
    const created = await run(['postmortem', 'create', '--incident', incident.id, '--tldr', 'Servers did not start for an hour.', '--format', 'json'])
    assert.equal(created.code, 0, created.err)
    const id = JSON.parse(created.out).id as string
    assert.match((await run(['postmortem', 'show', id])).out, /TL;DR: Servers did not start for an hour\.\ntimeline:\n {2}\S+ {2}incident-opened/)
    const early = await run(['postmortem', 'publish', id])
    assert.equal(early.code, 2, 'a draft is reviewed first')
    assert.match(early.err, /409 .*reviewed first/)
    assert.match((await run(['postmortem', 'submit', id])).out, new RegExp(`^${id} {2}in_review {2}r2 `))
    const published = await run(['postmortem', 'publish', id, '--silent'])
    assert.equal(published.code, 0, published.err)
    assert.match(published.out, / {2}published {2}r3 {2}\d{4}-/)
    assert.match((await run(['postmortem', 'list', '--status', 'published'])).out, /Postmortem: Boots fail/)
    assert.deepEqual(await served.harness.store.outbox.list({ limit: 10 }), [], '--silent queues no subscriber event')
    const actors = (await served.harness.store.audit.list({ objectType: 'postmortem', objectId: id })).map((event) => event.actor)
    assert.deepEqual(actors, ['oncall', 'oncall', 'oncall'])
  })

  test('refusals exit 2 with the reason; the token never appears', async () => {
    const weak = await run(['postmortem', 'list'], served.harness.tokens.reporter)
    assert.equal(weak.code, 2)
    assert.match(weak.err, /403/)
    const unknown = await run(['postmortem', 'create', '--incident', '0190e7a0-0000-7000-8000-000000000000'])
    assert.equal(unknown.code, 2)
    assert.match(unknown.err, /422 incidentIds\.0: no incident/)
    for (const text of [weak.out, weak.err, unknown.out, unknown.err]) assert.ok(!text.includes(served.harness.tokens.operator) && !text.includes(served.harness.tokens.reporter))
  })
})
