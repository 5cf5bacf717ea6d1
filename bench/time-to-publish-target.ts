/**
 * Child entry of the time-to-publish benchmark: the loopback HTTP target. Answers every request
 * with the status it was told (200 at start), so the bench can inject an outage (503) and lift it
 * without touching Glasshouse.
 *
 * Protocol (IPC): sends `{ type: 'ready', port }` once it listens on 127.0.0.1; on
 * `{ type: 'answer', status }` answers with that status from then on and replies
 * `{ type: 'answering', status }`; on `{ type: 'stop' }` closes and exits.
 *
 * @module
 */
import { createServer } from 'node:http'

let status = 200

const server = createServer((_request, response) => {
  response.writeHead(status, { 'content-type': 'text/plain', connection: 'close' })
  response.end(status === 200 ? 'ok' : 'unavailable')
})

process.on('message', (message: { type?: string; status?: number }) => {
  if (message.type === 'answer' && typeof message.status === 'number') {
    status = message.status
    process.send?.({ type: 'answering', status })
  }
  if (message.type === 'stop') server.close(() => process.exit(0))
})

server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  process.send?.({ type: 'ready', port: typeof address === 'object' && address !== null ? address.port : 0 })
})
