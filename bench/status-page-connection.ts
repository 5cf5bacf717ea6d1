/**
 * One keep-alive HTTP/1.1 connection that sends the same GET again and again, one at a time —
 * the least JavaScript per request a Node load generator can spend (node:http's client costs
 * several times more), so a single core can offer thousands of requests per second. Reads
 * `Content-Length` and chunked bodies; reconnects after `Connection: close`, an error or a
 * timeout.
 *
 * @module
 */
import { connect, type Socket } from 'node:net'

const HEADER_END = Buffer.from('\r\n\r\n')
const LAST_CHUNK = Buffer.from('0\r\n\r\n')

/** A GET request's bytes for `url` with `Accept-Encoding: gzip`. */
export function getRequest(url: URL): Buffer {
  return Buffer.from(`GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nAccept-Encoding: gzip\r\n\r\n`)
}

interface Pending {
  done(ok: boolean): void
  timer: NodeJS.Timeout
}

/**
 * A connection to `host:port` that repeats `request`.
 *
 * @example
 * const connection = new RepeatingConnection('127.0.0.1', 8080, getRequest(new URL(url)), 5_000)
 * connection.send((ok) => console.log(ok))
 */
export class RepeatingConnection {
  #socket: Socket | null = null
  #pending: Pending | null = null
  #head: Buffer = Buffer.alloc(0)
  #status = 0
  #remaining = 0
  #chunked = false
  #tail: Buffer = Buffer.alloc(0)
  #close = false

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly request: Buffer,
    private readonly timeoutMs: number,
  ) {}

  /** Whether a request is in flight. */
  get busy(): boolean {
    return this.#pending !== null
  }

  /** Sends the request; `done(ok)` is called once, with ok = a whole 200 answer arrived. */
  send(done: (ok: boolean) => void): void {
    if (this.#pending !== null) throw new Error('connection busy')
    this.#pending = { done, timer: setTimeout(() => this.#fail(), this.timeoutMs) }
    this.#head = Buffer.alloc(0)
    this.#socket ??= this.#open()
    this.#socket.write(this.request)
  }

  #open(): Socket {
    const socket = connect({ host: this.host, port: this.port, noDelay: true })
    socket.on('data', (chunk: Buffer) => this.#receive(chunk))
    socket.on('error', () => {})
    socket.on('close', () => {
      if (this.#socket !== socket) return
      this.#socket = null
      this.#finish(false)
    })
    return socket
  }

  /** Collects the answer's head; once complete, reads the rest as body. */
  #receive(chunk: Buffer): void {
    if (this.#pending === null) return
    this.#head = Buffer.concat([this.#head, chunk])
    const end = this.#head.indexOf(HEADER_END)
    if (end < 0) return
    const lines = this.#head.subarray(0, end).toString('latin1').toLowerCase().split('\r\n')
    const header = (name: string) => lines.find((line) => line.startsWith(`${name}:`))?.slice(name.length + 1).trim()
    this.#status = Number(lines[0]!.split(' ')[1])
    this.#chunked = header('transfer-encoding') === 'chunked'
    this.#close = header('connection') === 'close'
    const body = this.#head.subarray(end + HEADER_END.length)
    this.#remaining = this.#chunked ? 0 : Number(header('content-length') ?? 0) - body.length
    this.#tail = Buffer.alloc(0)
    this.#socket?.removeAllListeners('data').on('data', (more: Buffer) => this.#body(more))
    this.#body(body)
  }

  #body(chunk: Buffer): void {
    if (this.#pending === null) return
    if (this.#chunked) this.#tail = Buffer.concat([this.#tail, chunk]).subarray(-LAST_CHUNK.length)
    else this.#remaining -= chunk.length
    if (this.#chunked ? this.#tail.equals(LAST_CHUNK) : this.#remaining <= 0) this.#finish(this.#status === 200)
  }

  #fail(): void {
    this.#socket?.destroy()
    this.#socket = null
    this.#finish(false)
  }

  #finish(ok: boolean): void {
    const pending = this.#pending
    if (pending === null) return
    this.#pending = null
    clearTimeout(pending.timer)
    this.#socket?.removeAllListeners('data').on('data', (chunk: Buffer) => this.#receive(chunk))
    if (this.#close || !ok) {
      this.#socket?.destroy()
      this.#socket = null
      this.#close = false
    }
    pending.done(ok)
  }
}
