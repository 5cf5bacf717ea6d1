/**
 * Suite `alerts-smtp`: a real SMTP server (aiosmtpd, writing a maildir) receives our alert mail.
 * An outage mails once, flapping adds nothing, recovery mails one resolved notice, a silenced
 * outage mails nothing; a send that crashed before it was marked sent is redelivered with the same
 * Message-ID, so the receiver's dedup yields exactly one message per outbox row.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createSender } from '../../src/notify/index.js'
import { ReceiverSchema } from '../../src/config/index.js'
import { realPart } from '../support/real-part.js'
import { tempStore } from '../support/temp-store.js'
import { aiosmtpdAvailable, startSmtp } from './real-servers.js'
import { alertScenario } from './scenario.js'

const part = realPart('alerts-smtp', await aiosmtpdAvailable(), 'apt-get install python3-aiosmtpd')

function header(message: string, name: string): string | undefined {
  return new RegExp(`^${name}: (.*)$`, 'mi').exec(message)?.[1]?.trim()
}

describe('alerts by e-mail through a real SMTP server', { skip: part.available ? false : part.skip }, () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>
  let temp: Awaited<ReturnType<typeof tempStore>>
  before(async () => {
    smtp = await startSmtp()
    temp = await tempStore()
  })
  after(async () => {
    await smtp?.close()
    await temp?.dispose()
  })

  test('an outage mails once, flaps add nothing, recovery mails one resolved notice, a silence mails nothing', async () => {
    const mail = { name: 'mail', kind: 'email', host: '127.0.0.1', port: smtp.port, from: 'glasshouse@example.org', to: ['oncall@example.org'] }
    const scenario = await alertScenario(temp.store, { quietAfter: '1h', receivers: [mail] })
    await scenario.step('operational')
    await scenario.failResult()
    await scenario.step('major_outage')
    for (let flap = 0; flap < 10; flap += 1) await scenario.step(flap % 2 === 0 ? 'operational' : 'major_outage', 20_000)
    assert.equal(smtp.messages().length, 1, 'one mail for the outage, none for the flaps')
    const [firing] = smtp.messages()
    assert.match(header(firing!, 'Subject') ?? '', /^\[FIRING\] ComponentState: Compute in R1: Major outage/)
    assert.match(firing!, /request id req-7d1e0c44/)
    assert.match(firing!, /X-Auth-Token: \$TOKEN/)
    await scenario.step('operational')
    await scenario.step('operational', 3 * 60_000)
    const messages = smtp.messages()
    assert.equal(messages.length, 2)
    assert.match(header(messages[1]!, 'Subject') ?? '', /^\[RESOLVED\]/)

    await temp.store.alerts.addSilence({ matchers: { component: 'compute' }, startsAt: scenario.clock.now(), endsAt: scenario.clock.now() + 3_600_000, createdBy: 'test', comment: 'maintenance' }, scenario.clock.now())
    await scenario.step('major_outage')
    await scenario.step('major_outage')
    await scenario.step('operational')
    await scenario.step('operational', 3 * 60_000)
    assert.equal(smtp.messages().length, 2, 'the silenced outage sent nothing')
  })

  test('a send that crashed before it was marked sent is redelivered with the same Message-ID', async () => {
    const before = smtp.messages().length
    const receiver = ReceiverSchema.parse({ name: 'mail', kind: 'email', host: '127.0.0.1', port: smtp.port, from: 'glasshouse@example.org', to: ['oncall@example.org'] })
    const scenario = await alertScenario(temp.store, { quietAfter: '1h', receivers: [receiver] })
    const notice = { groupKey: 'glasshouse/test', status: 'firing', externalURL: 'http://status.example/', at: scenario.clock.now(), alerts: [{ status: 'firing', labels: { alertname: 'GlasshouseTest' }, annotations: { summary: 'test' }, startsAt: new Date().toISOString(), endsAt: '0001-01-01T00:00:00Z', generatorURL: '', fingerprint: 'x' }] }
    const [id] = await temp.store.outbox.enqueue([{ receiver: 'mail', topic: 'alert-test', payload: notice }], scenario.clock.now())
    const [claimed] = await temp.store.outbox.claimDue(scenario.clock.now(), 1, 30_000)
    await createSender(receiver).send(claimed!, 5_000, scenario.clock.now())
    // The process dies here: sent, never marked. After the lease the worker sends it again.
    scenario.clock.advance(31_000)
    await scenario.worker.drain()
    assert.equal((await temp.store.outbox.get(id!))?.status, 'sent')
    const copies = smtp.messages().slice(before)
    assert.equal(copies.length, 2, 'at least once: delivered twice')
    const ids = copies.map((message) => header(message, 'Message-ID'))
    assert.equal(new Set(ids).size, 1, 'with one Message-ID, so the receiver can drop the copy')
    assert.ok(ids[0]!.includes(id!))
  })
})
