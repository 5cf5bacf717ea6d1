/**
 * Loopback parts the end-to-end alert suite controls: a check target that can be stopped and
 * started again on the same port, and a dead-man's-switch receiver that records when each beat came.
 *
 * @module
 */
import { createServer, type Server } from 'node:http'
import type { Socket } from 'node:net'
import { freePort } from '../support/ports.js'

/** An HTTP target answering 200 on its port while started; stopped, its port refuses connections. */
export async function stoppableTarget() {
  const port = await freePort()
  let server: Server | null = null
  const sockets = new Set<Socket>()
  async function start(): Promise<void> {
    const next = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/plain' }).end('ok'))
    next.on('connection', (socket) => {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
    })
    await new Promise<void>((resolve) => next.listen(port, '127.0.0.1', resolve))
    server = next
  }
  async function stop(): Promise<void> {
    const current = server
    server = null
    if (current === null) return
    const closed = new Promise<void>((resolve) => current.close(() => resolve()))
    for (const socket of sockets) socket.destroy()
    await closed
  }
  await start()
  return { url: `http://127.0.0.1:${port}`, start, stop }
}

/** Records the instant (epoch ms) of every GET it answers with 200. */
export async function heartbeatReceiver() {
  const beats: number[] = []
  const server = createServer((request, response) => {
    beats.push(Date.now())
    request.resume()
    response.writeHead(200).end('ok')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    beats,
    close() {
      server.closeAllConnections()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
