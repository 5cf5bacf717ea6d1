/**
 * Listening: the app on `node:http`, with the fast path of {@link HotResponses} in front of it.
 *
 * @module
 */
import { createServer, type IncomingMessage, type RequestListener, type ServerOptions, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createAdaptorServer, type ServerType } from '@hono/node-server'
import type { HotResponses } from './hot-responses.js'

/**
 * Connections the kernel may queue before the server accepts them. Node's default (511) makes a
 * burst of new visitors — an outage brings many at once — wait for SYN retransmits (1 s, 3 s);
 * the kernel caps it at `net.core.somaxconn` (4096 on current kernels).
 */
const LISTEN_BACKLOG = 4096

/** A listening server and the address it got (port 0 picks a free one). */
export interface Listening {
  server: ServerType
  address: AddressInfo
}

/**
 * Serves `app` on `hostname:port`; requests the fast path can answer never reach the app.
 *
 * @example
 * const hot = createHotResponses()
 * const { server, address } = await listenHttp(createServerApp({ ...deps, hot }), hot, { hostname: '127.0.0.1', port: 8080 })
 */
export function listenHttp(app: { fetch: Parameters<typeof createAdaptorServer>[0]['fetch'] }, hot: HotResponses, at: { hostname: string; port: number }): Promise<Listening> {
  const withFastPath = (options: ServerOptions, listener: RequestListener) =>
    createServer(options, (request: IncomingMessage, response: ServerResponse) => {
      if (!hot.serve(request, response)) listener(request, response)
    })
  const server = createAdaptorServer({ fetch: app.fetch, createServer: withFastPath as typeof createServer })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen({ host: at.hostname, port: at.port, backlog: LISTEN_BACKLOG }, () => resolve({ server, address: server.address() as AddressInfo }))
  })
}
