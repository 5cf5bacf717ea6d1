/**
 * A timed, abortable name lookup, so the `dns` phase is measured by us and not hidden inside
 * a library's connect.
 *
 * @module
 */
import { lookup } from 'node:dns/promises'
import { isIP } from 'node:net'
import type { Clock } from '../core/clock.js'

/** A resolved address and how long resolving took (absent when the host was an address). */
export interface Resolved {
  address: string
  family: 4 | 6
  dnsMs: number | undefined
}

/**
 * Resolves a host name (an IP literal is returned as-is, untimed). Rejects with the lookup's
 * error or the signal's reason.
 *
 * @example
 * await resolveHost('localhost', clock, signal) // { address: '127.0.0.1', family: 4, dnsMs: 0.4 }
 */
export async function resolveHost(host: string, clock: Clock, signal?: AbortSignal): Promise<Resolved> {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host
  const literal = isIP(bare)
  if (literal !== 0) return { address: bare, family: literal === 6 ? 6 : 4, dnsMs: undefined }
  signal?.throwIfAborted()
  const started = clock.monotonic()
  const found = await abortable(lookup(bare), signal)
  return { address: found.address, family: found.family === 6 ? 6 : 4, dnsMs: clock.monotonic() - started }
}

/**
 * Settles with the promise, or rejects with the signal's reason as soon as it fires.
 *
 * @example
 * await abortable(slowThing(), ctx.signal)
 */
export function abortable<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason)
    if (signal.aborted) onAbort()
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      },
    )
  })
}
