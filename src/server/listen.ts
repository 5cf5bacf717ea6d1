/**
 * Listening: the app on `node:http`, with the fast path of {@link HotResponses} in front of it.
 *
 * @module
 */
import { createServer, type IncomingMessage, type RequestListener, type ServerOptions, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve, type ServerType } from '@hono/node-server'
import type { HotResponses } from './hot-responses.js'

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
export function listenHttp(app: { fetch: Parameters<typeof serve>[0]['fetch'] }, hot: HotResponses, at: { hostname: string; port: number }): Promise<Listening> {
  const withFastPath = (options: ServerOptions, listener: RequestListener) =>
    createServer(options, (request: IncomingMessage, response: ServerResponse) => {
      if (!hot.serve(request, response)) listener(request, response)
    })
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: at.hostname, port: at.port, createServer: withFastPath as typeof createServer }, (address) =>
      resolve({ server, address }),
    )
    server.once('error', reject)
  })
}
