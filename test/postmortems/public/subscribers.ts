/**
 * The subscription harness with a webhook receiver on loopback and one webhook subscription of
 * each format (standard, Slack, Teams, Matrix), plus a postmortem service over the harness's
 * store: what a publication with `notify` sends is what the receiver gets after a drain.
 *
 * @module
 */
import assert from 'node:assert/strict'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createIncidentService } from '../../../src/incidents/index.js'
import { createPostmortemService, type Postmortem, type PostmortemSections, type PostmortemService } from '../../../src/postmortems/index.js'
import type { EvidenceBuilder, PostmortemEdit } from '../../../src/postmortems/ports.js'
import { SubscriberEventSchema, type SubscriberEvent } from '../../../src/subscriptions/index.js'
import { startHarness, type SubscriptionHarness } from '../../subscriptions/support.js'
import { EDITOR, evidenceOf, publishWith, type PlannedEvidence } from './fixture.js'

/** One request the receiver got. */
export interface Received {
  url: string
  body: string
}

/** The harness, its receiver, and a postmortem service over its store. */
export interface SubscriberBench {
  h: SubscriptionHarness
  received: Received[]
  postmortems: PostmortemService
  evidence: PlannedEvidence
  /** A resolved incident on compute/R1, written silently. */
  incident(title: string): Promise<string>
  /** Creates, fills, reviews and publishes a postmortem (with `notify`). */
  publish(incidentIds: string[], sections: Partial<PostmortemSections>, edit?: Omit<PostmortemEdit, 'revision' | 'sections'>): Promise<Postmortem>
  /** The subscriber events of postmortems in the outbox (the fan-out's input), by postmortem id. */
  events(): Promise<Map<string, SubscriberEvent>>
  dispose(): Promise<void>
}

/**
 * Starts the bench.
 *
 * @example
 * const bench = await subscriberBench()
 */
export async function subscriberBench(): Promise<SubscriberBench> {
  const received: Received[] = []
  const server: Server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk: Buffer) => (body += chunk.toString()))
    request.on('end', () => {
      received.push({ url: request.url ?? '', body })
      response.writeHead(request.method === 'PUT' ? 200 : 204, { 'content-type': 'application/json' }).end(request.method === 'PUT' ? '{"event_id":"$x"}' : undefined)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const h = await startHarness({ allowHttpWebhooks: true, ssrf: { allowCidrs: ['127.0.0.0/8'] } })
  for (const body of [{ url: `${base}/standard` }, { format: 'slack', url: `${base}/slack` }, { format: 'teams', url: `${base}/teams` }, { format: 'matrix', url: `${base}/matrix`, roomId: '!room:example.org', accessToken: 'syt_matrix_token' }]) {
    const res = await h.api('operator', 'POST', '/api/v1/subscriptions', body)
    assert.equal(res.status, 201, await res.text())
  }
  const incidents = createIncidentService({ store: h.store, clock: h.clock })
  const bench: SubscriberBench = {
    h,
    received,
    evidence: evidenceOf(h.clock.now() - 7_200_000, [{ component: 'compute', location: 'R1', availability: 0.9 }]),
    postmortems: createPostmortemService({ store: h.store, clock: h.clock, evidence: (async () => structuredClone(bench.evidence)) as EvidenceBuilder }),
    async incident(title) {
      const created = await incidents.createIncident({ title, text: 'Looking into it', impacts: [{ component: 'compute', location: 'R1', severity: 70 }], notify: false }, EDITOR)
      h.clock.advance(60_000)
      await incidents.addUpdate(created.id, { text: 'Fixed', phase: 'resolved', notify: false }, EDITOR)
      h.clock.advance(60_000)
      return created.id
    },
    publish: (incidentIds, sections, edit = {}) => publishWith(bench.postmortems, () => h.clock.advance(60_000), incidentIds, sections, edit, true),
    async events() {
      const messages = await h.store.outbox.list({ limit: 1000 })
      const events = messages.filter((message) => message.receiver === 'subscriptions').map((message) => SubscriberEventSchema.parse(message.payload))
      return new Map(events.filter((event) => event.subject.type === 'postmortem').map((event) => [event.subject.id, event]))
    },
    async dispose() {
      await h.dispose()
      await new Promise((resolve) => server.close(resolve))
    },
  }
  return bench
}
