/**
 * Timed TCP connects and TLS handshakes shared by the tcp, tls and http probes. Both settle
 * exactly once and follow the abort signal.
 *
 * @module
 */
import { connect as connectTcp } from 'node:net'
import type { Socket } from 'node:net'
import { connect as connectTls } from 'node:tls'
import type { ConnectionOptions, TLSSocket } from 'node:tls'
import type { Clock } from '../core/clock.js'

/**
 * Opens a TCP connection and measures the connect phase.
 *
 * @example
 * const { socket, connectMs } = await openTcp('127.0.0.1', 443, clock, signal)
 */
export function openTcp(host: string, port: number, clock: Clock, signal: AbortSignal): Promise<{ socket: Socket; connectMs: number }> {
  return new Promise((resolve, reject) => {
    const started = clock.monotonic()
    const socket = connectTcp({ host, port })
    const finish = once(signal, () => socket.destroy(), reject)
    socket.once('error', finish.fail)
    socket.once('close', () => finish.fail(Object.assign(new Error('connection closed'), { code: 'ECONNRESET' })))
    socket.once('connect', () => {
      if (finish.done()) resolve({ socket, connectMs: clock.monotonic() - started })
    })
  })
}

/**
 * Runs a TLS handshake over a connected socket and measures it. Never rejects for an
 * untrusted certificate: the caller reads `authorized` and decides.
 *
 * @example
 * const { socket: secure, tlsMs } = await startTls(socket, { servername: 'api.example.test' }, clock, signal)
 */
export function startTls(
  socket: Socket,
  options: ConnectionOptions,
  clock: Clock,
  signal: AbortSignal,
): Promise<{ socket: TLSSocket; tlsMs: number }> {
  return new Promise((resolve, reject) => {
    const started = clock.monotonic()
    const secure = connectTls({ ...options, socket, rejectUnauthorized: false })
    const finish = once(
      signal,
      () => {
        secure.destroy()
        socket.destroy()
      },
      reject,
    )
    secure.once('error', finish.fail)
    socket.once('close', () => finish.fail(new Error('connection closed during the TLS handshake')))
    secure.once('secureConnect', () => {
      if (finish.done()) resolve({ socket: secure, tlsMs: clock.monotonic() - started })
    })
  })
}

function once(
  signal: AbortSignal,
  destroy: () => void,
  reject: (error: unknown) => void,
): { done: () => boolean; fail: (error: unknown) => void } {
  let settled = false
  const settle = (): boolean => {
    if (settled) return false
    settled = true
    signal.removeEventListener('abort', onAbort)
    return true
  }
  const fail = (error: unknown): void => {
    if (!settle()) return
    destroy()
    reject(error)
  }
  const onAbort = (): void => fail(signal.reason)
  if (signal.aborted) queueMicrotask(onAbort)
  else signal.addEventListener('abort', onAbort, { once: true })
  return { done: settle, fail }
}
