/**
 * Receivers that deduplicate, as the outbox asks of them: an HTTP endpoint keyed by `webhook-id`
 * and a minimal SMTP server keyed by `Message-ID`. Each applies a message's effect once, when the
 * message has fully arrived (before it answers), and counts every copy; the test decides through
 * `control` how each copy is answered — so it can kill the sender before or after the ack.
 *
 * @module
 */
import { createServer as createHttpServer } from 'node:http'
import { createServer as createTcpServer, type Server, type Socket } from 'node:net'

/** One copy of a message as it arrived. */
export interface Delivery {
  channel: 'http' | 'smtp'
  /** The dedup key: `webhook-id`, or the local part of `Message-ID`. */
  id: string
  /** The notice's group key, which the test makes unique per queued message. */
  marker: string
}

/** What the receivers saw. */
export interface Ledger {
  deliveries: Delivery[]
  /** One entry per id: the effect applied on its first copy. */
  effects: Map<string, Delivery>
}

/** How the test steers the answers. */
export interface Control {
  /** Called once a copy has fully arrived (its effect applied); `drop` closes without an answer. */
  onDelivery(delivery: Delivery): Promise<'ack' | 'drop'>
  /** Called right after a copy was acknowledged. */
  onAcked(delivery: Delivery): void
}

function record(ledger: Ledger, delivery: Delivery): void {
  ledger.deliveries.push(delivery)
  if (!ledger.effects.has(delivery.id)) ledger.effects.set(delivery.id, delivery)
}

function tracked(server: Server): { close(): Promise<void> } {
  const sockets = new Set<Socket>()
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  return {
    close() {
      for (const socket of sockets) socket.destroy()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as { port: number }).port
}

/** An HTTP receiver of webhooks (Alertmanager format or Standard Webhooks), deduplicating by `webhook-id`. */
export async function dedupHttpReceiver(ledger: Ledger, control: Control) {
  const server = createHttpServer((request, response) => {
    let body = ''
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
    request.on('end', () => {
      const parsed = JSON.parse(body) as { groupKey?: string; data?: { groupKey?: string } }
      const delivery: Delivery = { channel: 'http', id: String(request.headers['webhook-id']), marker: parsed.groupKey ?? parsed.data?.groupKey ?? '' }
      record(ledger, delivery)
      void control.onDelivery(delivery).then((answer) => {
        if (answer === 'drop') return void request.socket.destroy()
        response.writeHead(200).end('ok', () => control.onAcked(delivery))
      })
    })
  })
  const closer = tracked(server)
  return { url: `http://127.0.0.1:${await listen(server)}`, close: closer.close }
}

function header(message: string, name: string): string {
  return new RegExp(`^${name}: *(.*)$`, 'mi').exec(message)?.[1]?.trim() ?? ''
}

/** Serves one SMTP session: every command is accepted; a message ends at a line of a single dot. */
function smtpSession(socket: Socket, ledger: Ledger, control: Control): void {
  let buffer = ''
  let data: string[] | null = null
  const reply = (line: string, then?: () => void) => (socket.writable ? socket.write(`${line}\r\n`, then) : undefined)
  const finish = (message: string) => {
    const delivery: Delivery = { channel: 'smtp', id: /^<([^@>]+)@/.exec(header(message, 'Message-ID'))?.[1] ?? '', marker: header(message, 'X-Glasshouse-Group') }
    record(ledger, delivery)
    void control.onDelivery(delivery).then((answer) => (answer === 'drop' ? socket.destroy() : reply('250 2.0.0 queued', () => control.onAcked(delivery))))
  }
  socket.setEncoding('utf8')
  socket.on('error', () => undefined)
  socket.on('data', (chunk: string) => {
    buffer += chunk
    for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
      const line = buffer.slice(0, end)
      buffer = buffer.slice(end + 2)
      if (data !== null) {
        if (line === '.') finish(data.join('\n'))
        else data.push(line.startsWith('.') ? line.slice(1) : line)
        if (line === '.') data = null
        continue
      }
      const verb = line.slice(0, 4).toUpperCase()
      if (verb === 'DATA') {
        data = []
        reply('354 end data with <CR><LF>.<CR><LF>')
      } else if (verb === 'QUIT') reply('221 bye', () => socket.end())
      else reply('250 ok')
    }
  })
  reply('220 dedup-sink ESMTP')
}

/** A minimal SMTP receiver deduplicating by `Message-ID`. */
export async function dedupSmtpReceiver(ledger: Ledger, control: Control) {
  const server = createTcpServer((socket) => smtpSession(socket, ledger, control))
  const closer = tracked(server)
  return { port: await listen(server), close: closer.close }
}
