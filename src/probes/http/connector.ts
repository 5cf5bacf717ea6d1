/**
 * The connector undici uses for every new connection of an http check: our own timed lookup,
 * TCP connect and TLS handshake, so the dns, connect and tls phases are measured separately
 * and belong to exactly one connection.
 *
 * @module
 */
import type { Socket } from 'node:net'
import type { ConnectionOptions } from 'node:tls'
import type { buildConnector } from 'undici'
import type { Clock } from '../../core/clock.js'
import { TlsVerificationError } from '../failures.js'
import { resolveHost } from '../lookup.js'
import { openTcp, startTls } from '../sockets.js'
import { tlsIdentity } from '../tls-options.js'

/** What we measured and learned while opening one connection. */
export interface ConnectionInfo {
  dns?: number
  connect?: number
  tls?: number
  ip: string | null
  /** Epoch milliseconds the leaf certificate expires, for https. */
  certificateValidTo: number | null
  /** Set by the first request sent on the connection, which is the one its phases belong to. */
  claimed: boolean
}

/** How connections are opened. */
export interface ConnectorSettings {
  clock: Clock
  /** The run's deadline; a shared (keep-alive) connector gets a fresh timeout per connection. */
  signal: AbortSignal | null
  timeoutMs: number
  tls: ConnectionOptions
  serverName: string | undefined
  insecureSkipVerify: boolean
}

/** A connector plus what it measured. */
export interface TimedConnector {
  connect: buildConnector.connector
  /** The connection this connector opened (or tried to open) last. */
  latest(): ConnectionInfo | null
}

const connections = new WeakMap<object, ConnectionInfo>()

/**
 * What was measured for a socket this module opened, or undefined for any other socket.
 *
 * @example
 * connectionInfo(socket)?.tls // 4.2
 */
export function connectionInfo(socket: object): ConnectionInfo | undefined {
  return connections.get(socket)
}

/**
 * Builds a connector for an undici Agent.
 *
 * @example
 * const connector = timedConnector({ clock, signal, timeoutMs: 10000, tls: {}, serverName: undefined, insecureSkipVerify: false })
 * const agent = new Agent({ connect: connector.connect })
 */
export function timedConnector(settings: ConnectorSettings): TimedConnector {
  let latest: ConnectionInfo | null = null
  return {
    connect(options, callback) {
      const info: ConnectionInfo = { ip: null, certificateValidTo: null, claimed: false }
      latest = info
      open(options, info, settings).then(
        (socket) => callback(null, socket),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null),
      )
    },
    latest: () => latest,
  }
}

async function open(options: buildConnector.Options, info: ConnectionInfo, settings: ConnectorSettings): Promise<Socket> {
  const { clock } = settings
  const signal = settings.signal ?? AbortSignal.timeout(settings.timeoutMs)
  const resolved = await resolveHost(options.hostname, clock, signal)
  if (resolved.dnsMs !== undefined) info.dns = resolved.dnsMs
  info.ip = resolved.address
  const https = options.protocol === 'https:'
  const port = Number(options.port) || (https ? 443 : 80)
  const { socket, connectMs } = await openTcp(resolved.address, port, clock, signal)
  info.connect = connectMs
  if (!https) {
    connections.set(socket, info)
    return socket
  }
  const identity = tlsIdentity(settings.serverName ?? options.hostname)
  const { socket: secure, tlsMs } = await startTls(socket, { ...settings.tls, ...identity, ALPNProtocols: ['http/1.1'] }, clock, signal)
  info.tls = tlsMs
  const validTo = Date.parse(secure.getPeerCertificate().valid_to ?? '')
  info.certificateValidTo = Number.isNaN(validTo) ? null : validTo
  if (!secure.authorized && !settings.insecureSkipVerify) {
    secure.destroy()
    throw new TlsVerificationError(String(secure.authorizationError ?? 'unknown'))
  }
  connections.set(secure, info)
  return secure
}
