/**
 * The tcp probe: resolves the host (timed), opens a TCP connection (timed), closes it.
 *
 * @module
 */
import type { TcpCheck } from '../../config/check-schema.js'
import type { Phases } from '../../core/result.js'
import { conclude } from '../conclude.js'
import type { Observation } from '../conclude.js'
import { classifyError } from '../failures.js'
import { neverThrow } from '../guard.js'
import { resolveHost } from '../lookup.js'
import type { Probe, ProbeContext } from '../probe.js'
import { openTcp } from '../sockets.js'

/**
 * Connects to `host:port`. A refused or timed-out connect is not fatal by itself: it makes
 * `[CONNECTED]` false, so a check can also assert that a port is closed.
 *
 * @example
 * await tcpProbe({ check, signal, clock, log })
 */
export const tcpProbe: Probe<TcpCheck> = neverThrow(async (ctx: ProbeContext<TcpCheck>) => {
  const { check, clock, signal } = ctx
  const frame = { check, clock, startedAt: clock.now(), startedMonotonic: clock.monotonic() }
  const phases: Phases = {}
  let ip: string | null = null
  let connected = false
  let error: Observation['error'] = null
  try {
    const resolved = await resolveHost(check.host, clock, signal)
    if (resolved.dnsMs !== undefined) phases.dns = resolved.dnsMs
    ip = resolved.address
  } catch (caught) {
    error = { ...classifyError(caught, signal, check.timeout), fatal: true }
  }
  if (ip !== null) {
    try {
      const { socket, connectMs } = await openTcp(ip, check.port, clock, signal)
      socket.destroy()
      phases.connect = connectMs
      connected = true
    } catch (caught) {
      const classified = classifyError(caught, signal, check.timeout)
      error = { ...classified, fatal: classified.code === 'internal' }
    }
  }
  const durationMs = clock.monotonic() - frame.startedMonotonic
  return conclude(frame, {
    calls: [{ operation: 'tcp.connect', status: null, durationMs, phases, requestId: null, attempt: ctx.attempt ?? 1 }],
    step: { name: 'connect', durationMs },
    context: { connected, ip, responseTimeMs: durationMs },
    error,
  })
})
