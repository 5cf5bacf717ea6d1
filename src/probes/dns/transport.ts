/**
 * Sends one DNS query over UDP or TCP and returns the decoded answer with its timings.
 *
 * @module
 */
import { createSocket } from 'node:dgram'
import type { Socket } from 'node:dgram'
import { randomInt } from 'node:crypto'
import { connect } from 'node:net'
import { isIP } from 'node:net'
import { decode, encode, RECURSION_DESIRED } from 'dns-packet'
import type { DecodedPacket, RecordType } from 'dns-packet'
import type { Clock } from '../../core/clock.js'
import type { Phases } from '../../core/result.js'

/** One query to send. */
export interface Query {
  name: string
  type: RecordType
  host: string
  port: number
  transport: 'udp' | 'tcp'
}

/** Where timings go while the query runs (filled in even when it fails). */
export interface QueryTiming {
  clock: Clock
  signal: AbortSignal
  phases: Phases
}

const MAX_TCP_ANSWER = 65_535

/**
 * Sends the query and resolves with the decoded response whose id matches. Rejects on socket
 * errors, on an undecodable answer, or with the signal's reason.
 *
 * @example
 * const packet = await sendQuery({ name: 'example.test', type: 'A', host: '127.0.0.1', port: 5353, transport: 'udp' }, timing)
 */
export function sendQuery(query: Query, timing: QueryTiming): Promise<DecodedPacket> {
  const id = randomInt(0, 65_536)
  const message = encode({
    type: 'query',
    id,
    flags: RECURSION_DESIRED,
    questions: [{ type: query.type, name: query.name, class: 'IN' }],
  })
  return query.transport === 'udp' ? viaUdp(query, id, message, timing) : viaTcp(query, id, message, timing)
}

function viaUdp(query: Query, id: number, message: Buffer, timing: QueryTiming): Promise<DecodedPacket> {
  const { clock, signal, phases } = timing
  return new Promise((resolve, reject) => {
    const socket = createSocket(isIP(query.host) === 6 ? 'udp6' : 'udp4')
    const finish = settle(signal, () => closeQuietly(socket), resolve, reject)
    let sentAt = clock.monotonic()
    socket.on('error', finish.fail)
    socket.on('message', (data) => {
      const packet = decodeSafely(data)
      if (packet instanceof Error) return finish.fail(packet)
      if (packet.id !== id) return
      phases.ttfb = clock.monotonic() - sentAt
      finish.done(packet)
    })
    sentAt = clock.monotonic()
    socket.send(message, query.port, query.host, (error) => {
      if (error) finish.fail(error)
    })
  })
}

function viaTcp(query: Query, id: number, message: Buffer, timing: QueryTiming): Promise<DecodedPacket> {
  const { clock, signal, phases } = timing
  return new Promise((resolve, reject) => {
    const started = clock.monotonic()
    let sentAt = started
    const socket = connect({ host: query.host, port: query.port })
    const finish = settle(signal, () => socket.destroy(), resolve, reject)
    let received = Buffer.alloc(0)
    socket.on('error', finish.fail)
    socket.on('close', () => finish.fail(new Error('the resolver closed the connection without an answer')))
    socket.once('connect', () => {
      phases.connect = clock.monotonic() - started
      const framed = Buffer.alloc(message.length + 2)
      framed.writeUInt16BE(message.length, 0)
      message.copy(framed, 2)
      sentAt = clock.monotonic()
      socket.write(framed)
    })
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk])
      if (received.length > MAX_TCP_ANSWER + 2) return finish.fail(new Error('answer larger than 65535 bytes'))
      if (received.length < 2 || received.length < received.readUInt16BE(0) + 2) return
      phases.ttfb = clock.monotonic() - sentAt
      const packet = decodeSafely(received.subarray(2, received.readUInt16BE(0) + 2))
      if (packet instanceof Error) return finish.fail(packet)
      if (packet.id !== id) return finish.fail(new Error(`answer for another query (id ${packet.id})`))
      finish.done(packet)
    })
  })
}

function closeQuietly(socket: Socket): void {
  try {
    socket.close()
  } catch {
    // already closed after an error
  }
}

function decodeSafely(data: Buffer): DecodedPacket | Error {
  try {
    return decode(data)
  } catch (error) {
    return Object.assign(new Error(`malformed DNS answer: ${error instanceof Error ? error.message : 'undecodable'}`), {
      code: 'DNS_MALFORMED',
    })
  }
}

function settle(
  signal: AbortSignal,
  close: () => void,
  resolve: (packet: DecodedPacket) => void,
  reject: (error: unknown) => void,
): { done: (packet: DecodedPacket) => void; fail: (error: unknown) => void } {
  let settled = false
  const end = (): boolean => {
    if (settled) return false
    settled = true
    signal.removeEventListener('abort', onAbort)
    close()
    return true
  }
  const onAbort = (): void => {
    if (end()) reject(signal.reason)
  }
  if (signal.aborted) queueMicrotask(onAbort)
  else signal.addEventListener('abort', onAbort, { once: true })
  return {
    done: (packet) => {
      if (end()) resolve(packet)
    },
    fail: (error) => {
      if (end()) reject(error)
    },
  }
}
