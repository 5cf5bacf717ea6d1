/**
 * Request timings from undici's diagnostics channels. The channels are process-wide, so each
 * event is attributed through the request object: the request a run dispatches is bound to
 * that run's {@link RequestTiming} while `dispatch` runs synchronously (undici publishes
 * `undici:request:create` inside it), and later events look the request up. Concurrent runs
 * therefore never see each other's timestamps.
 *
 * @module
 */
import { subscribe } from 'node:diagnostics_channel'
import type { Clock } from '../../core/clock.js'

/** Monotonic timestamps of one request, filled in by channel events as they happen. */
export interface RequestTiming {
  clock: Clock
  /** `undici:client:sendHeaders`: the first byte of the request goes to the socket. */
  sentAt?: number
  /** The socket the request went out on (to find its connection's phases). */
  socket?: object
  /** `undici:request:headers`: the response headers arrived. */
  headersAt?: number
  /** `undici:request:trailers`: the response is complete. */
  endAt?: number
  /** `undici:request:error`: the request failed. */
  errorAt?: number
}

interface ChannelMessage {
  request?: object
  socket?: object
}

const byRequest = new WeakMap<object, RequestTiming>()
let pending: RequestTiming | null = null
let subscribed = false

/**
 * Runs a synchronous undici dispatch with `timing` bound to the request it creates.
 *
 * @example
 * const timing: RequestTiming = { clock }
 * const response = await trackRequest(timing, () => agent.request(options))
 */
export function trackRequest<T>(timing: RequestTiming, dispatch: () => T): T {
  subscribeOnce()
  pending = timing
  try {
    return dispatch()
  } finally {
    pending = null
  }
}

function subscribeOnce(): void {
  if (subscribed) return
  subscribed = true
  subscribe('undici:request:create', (message) => {
    const { request } = message as ChannelMessage
    if (pending === null || request === undefined) return
    byRequest.set(request, pending)
    pending = null
  })
  subscribe('undici:client:sendHeaders', (message) => {
    const { request, socket } = message as ChannelMessage
    const timing = request === undefined ? undefined : byRequest.get(request)
    if (!timing) return
    timing.sentAt = timing.clock.monotonic()
    timing.socket = socket
  })
  mark('undici:request:headers', 'headersAt')
  mark('undici:request:trailers', 'endAt')
  mark('undici:request:error', 'errorAt')
}

function mark(channel: string, field: 'headersAt' | 'endAt' | 'errorAt'): void {
  subscribe(channel, (message) => {
    const { request } = message as ChannelMessage
    const timing = request === undefined ? undefined : byRequest.get(request)
    if (timing && timing[field] === undefined) timing[field] = timing.clock.monotonic()
  })
}
