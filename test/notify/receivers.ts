/**
 * Loopback receivers for the notify tests: a recording HTTP server with a chosen behaviour, a
 * server that answers garbage, a fake clock and a log that keeps every line.
 *
 * @module
 */
import { createServer as createHttpServer, type IncomingHttpHeaders } from 'node:http'
import { createServer as createTcpServer } from 'node:net'
import type { Clock } from '../../src/core/index.js'

/** A request the recording server received. */
export interface Received {
  path: string
  headers: IncomingHttpHeaders
  body: string
}

/** A recording HTTP receiver; `status` (or `hang`) decides how it answers. */
export async function httpReceiver(behaviour: { status?: number; hang?: boolean } = {}) {
  const received: Received[] = []
  const sockets = new Set<import('node:net').Socket>()
  const server = createHttpServer((request, response) => {
    let body = ''
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
    request.on('end', () => {
      received.push({ path: request.url ?? '', headers: request.headers, body })
      if (behaviour.hang) return
      response.writeHead(behaviour.status ?? 200, { 'content-type': 'text/plain' }).end('ok')
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    behaviour,
    async close() {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** A TCP server that answers every connection with bytes that are not HTTP. */
export async function garbageReceiver() {
  const server = createTcpServer((socket) => socket.end('\u0000\u00ffSSH-2.0-garbage\r\n\r\nnot http at all', () => socket.destroy()))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

/** A clock that only moves when told to. */
export function fakeClock(start = Date.UTC(2026, 11, 6, 9, 0, 0)): Clock & { advance(ms: number): void } {
  let now = start
  return {
    now: () => now,
    monotonic: () => now,
    advance(ms) {
      now += ms
    },
  }
}

/** A log that keeps every line as JSON text, to grep for secrets. */
export function recordingLog() {
  const lines: string[] = []
  const write = (level: string) => (object: object, message?: string) => lines.push(JSON.stringify({ level, ...object, message }, (_key, value: unknown) => (value instanceof Error ? { message: value.message, stack: value.stack } : value)))
  return { lines, info: write('info'), warn: write('warn'), error: write('error') }
}
