/**
 * Listening: the app on `node:http`, with the fast path of {@link HotResponses} in front of it
 * and {@link createAcceptFairness} pacing requests while new connections wait to be accepted.
 *
 * @module
 */
import { createServer, type IncomingMessage, type RequestListener, type ServerOptions, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createAdaptorServer, type ServerType } from '@hono/node-server'
import { createAcceptFairness } from './accept-fairness.js'
import type { HotResponses } from './hot-responses.js'

/**
 * Connections the kernel may queue before the server accepts them. Node's default (511) makes a
 * burst of new visitors — an outage brings many at once — wait for SYN retransmits (1 s, 3 s);
 * the kernel caps it at `net.core.somaxconn` (4096 on current kernels).
 */
const LISTEN_BACKLOG = 4096

/**
 * Requests answered per event-loop turn while new connections wait to be accepted (see
 * {@link createAcceptFairness}): one keeps a turn shortest. Measured (docs/benchmarks.md): wrk's
 * 1,000 connections were all accepted within 1–2 s on a busy 2-core machine, where without pacing
 * 260–580 were still waiting after 12–20 s.
 */
const ANSWERS_PER_TURN_WHILE_ACCEPTING = 1

/** The longest a request waits in that queue before a turn answers all of it (ms). */
const MAX_QUEUE_MS = 250

/** A listening server and the address it got (port 0 picks a free one). */
export interface Listening {
  server: ServerType
  address: AddressInfo
}

/**
 * Serves `app` on `hostname:port`; requests the fast path can answer never reach the app. While
 * connections are being accepted, each event-loop turn answers one request and queues the rest
 * (see {@link createAcceptFairness}), so new visitors are not left in the accept queue.
 *
 * @example
 * const hot = createHotResponses()
 * const { server, address } = await listenHttp(createServerApp({ ...deps, hot }), hot, { hostname: '127.0.0.1', port: 8080 })
 */
export function listenHttp(app: { fetch: Parameters<typeof createAdaptorServer>[0]['fetch'] }, hot: HotResponses, at: { hostname: string; port: number }): Promise<Listening> {
  const withFastPath = (options: ServerOptions, listener: RequestListener) => {
    const fairness = createAcceptFairness((request: IncomingMessage, response: ServerResponse) => {
      if (!hot.serve(request, response)) listener(request, response)
    }, { answersPerTurn: ANSWERS_PER_TURN_WHILE_ACCEPTING, maxQueueMs: MAX_QUEUE_MS })
    return createServer(options, fairness.handle).on('connection', fairness.accepted)
  }
  const server = createAdaptorServer({ fetch: app.fetch, createServer: withFastPath as typeof createServer })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen({ host: at.hostname, port: at.port, backlog: LISTEN_BACKLOG }, () => resolve({ server, address: server.address() as AddressInfo }))
  })
}
