/**
 * A fake SMTP server on loopback that refuses every recipient, echoing the address lower-cased
 * in its reply (as real servers may): a delivery error that carries the address in a form the
 * sender did not use.
 *
 * @module
 */
import { createServer, type Socket } from 'node:net'

/** The running fake; `close` when done. */
export interface RejectingSmtp {
  port: number
  /** Recipients refused so far, as sent. */
  refused: string[]
  close(): Promise<void>
}

function converse(socket: Socket, refused: string[]): void {
  const reply = (line: string) => socket.write(`${line}\r\n`)
  let buffered = ''
  reply('220 fake.test ESMTP')
  socket.on('data', (chunk) => {
    buffered += chunk.toString('latin1')
    for (let end = buffered.indexOf('\r\n'); end >= 0; end = buffered.indexOf('\r\n')) {
      const line = buffered.slice(0, end)
      buffered = buffered.slice(end + 2)
      const verb = line.slice(0, 4).toUpperCase()
      if (verb === 'EHLO') reply('250 fake.test')
      else if (verb === 'RCPT') {
        const address = /<(.*)>/.exec(line)?.[1] ?? ''
        refused.push(address)
        reply(`550 5.1.1 <${address.toLowerCase()}>: Recipient address rejected: user unknown`)
      } else if (verb === 'QUIT') {
        reply('221 bye')
        socket.end()
      } else reply('250 ok')
    }
  })
  socket.on('error', () => undefined)
}

/**
 * Starts the fake on a free loopback port.
 *
 * @example
 * const smtp = await startRejectingSmtp(); … await smtp.close()
 */
export async function startRejectingSmtp(): Promise<RejectingSmtp> {
  const refused: string[] = []
  const sockets = new Set<Socket>()
  const server = createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    converse(socket, refused)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('the fake SMTP server has no port')
  return {
    port: address.port,
    refused,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
