/**
 * The tls probe: resolves the host, connects, completes a TLS handshake, and reports the
 * chain's validity and the leaf certificate's expiry.
 *
 * @module
 */
import type { TlsCheck } from '../../config/check-schema.js'
import type { Phases } from '../../core/result.js'
import { conclude } from '../conclude.js'
import type { Observation } from '../conclude.js'
import { classifyError, describeTlsError } from '../failures.js'
import { neverThrow } from '../guard.js'
import { resolveHost } from '../lookup.js'
import type { Probe, ProbeContext } from '../probe.js'
import { openTcp, startTls } from '../sockets.js'
import { expiresInMs, tlsConnectOptions } from '../tls-options.js'

/** What a finished handshake showed. */
interface Handshake {
  authorized: boolean
  authorizationError: string | null
  expiresInMs: number | null
}

/**
 * Handshakes with `host:port`. An unverifiable chain fails as `tls` with the reason (expired,
 * self-signed, missing intermediate, hostname mismatch) unless `insecureSkipVerify` is set;
 * a leaf expiring sooner than `minValidity` fails as `tls` through `[CERTIFICATE_EXPIRATION]`.
 *
 * @example
 * await tlsProbe({ check, signal, clock, log })
 */
export const tlsProbe: Probe<TlsCheck> = neverThrow(async (ctx: ProbeContext<TlsCheck>) => {
  const { check, clock, signal } = ctx
  const frame = { check, clock, startedAt: clock.now(), startedMonotonic: clock.monotonic() }
  const phases: Phases = {}
  let ip: string | null = null
  let handshake: Handshake | null = null
  let error: Observation['error'] = null
  try {
    const options = await tlsConnectOptions(check.tls, check.host)
    const resolved = await resolveHost(check.host, clock, signal)
    if (resolved.dnsMs !== undefined) phases.dns = resolved.dnsMs
    ip = resolved.address
    const { socket, connectMs } = await openTcp(resolved.address, check.port, clock, signal)
    phases.connect = connectMs
    const { socket: secure, tlsMs } = await startTls(socket, options, clock, signal)
    phases.tls = tlsMs
    handshake = {
      authorized: secure.authorized,
      authorizationError: secure.authorizationError ? String(secure.authorizationError) : null,
      expiresInMs: expiresInMs(secure.getPeerCertificate(), clock.now()),
    }
    secure.destroy()
    if (!handshake.authorized && !check.tls.insecureSkipVerify) {
      const reason = describeTlsError(handshake.authorizationError ?? 'unknown')
      error = { code: 'tls', message: `certificate not trusted: ${reason}`, fatal: true }
    }
  } catch (caught) {
    error = { ...classifyError(caught, signal, check.timeout), fatal: true }
  }
  const durationMs = clock.monotonic() - frame.startedMonotonic
  return conclude(frame, {
    calls: [{ operation: 'tls.handshake', status: null, durationMs, phases, requestId: null, attempt: ctx.attempt ?? 1 }],
    step: { name: 'handshake', durationMs },
    context: {
      connected: handshake !== null,
      ip,
      responseTimeMs: durationMs,
      certificateExpiresInMs: handshake?.expiresInMs ?? null,
    },
    error,
  })
})
