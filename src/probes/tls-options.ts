/**
 * Reads the TLS options shared by the http and tls probes into `tls.connect` options.
 *
 * @module
 */
import { readFile } from 'node:fs/promises'
import { isIP } from 'node:net'
import { rootCertificates } from 'node:tls'
import type { ConnectionOptions, PeerCertificate } from 'node:tls'
import type { HttpCheck } from '../config/check-schema.js'

/** The check's `tls:` block. */
export type TlsSettings = HttpCheck['tls']

/**
 * Loads extra CAs (added to Node's roots) and client certificate files and returns options for `tls.connect`. Verification
 * is always done by the caller (from `authorized`), so the result can say what was wrong
 * even when `insecureSkipVerify` accepts it.
 *
 * @example
 * const options = await tlsConnectOptions(check.tls, 'api.example.com')
 */
export async function tlsConnectOptions(settings: TlsSettings, host: string): Promise<ConnectionOptions> {
  return { ...(await loadTlsMaterial(settings)), ...tlsIdentity(settings.serverName ?? host) }
}

/**
 * Reads the CA and client certificate files of a `tls:` block.
 *
 * @example
 * await loadTlsMaterial({ insecureSkipVerify: false, caFile: '/etc/ssl/private-ca.pem' })
 */
export async function loadTlsMaterial(settings: TlsSettings): Promise<ConnectionOptions> {
  const [ca, cert, key] = await Promise.all([
    settings.caFile === undefined ? undefined : readFile(settings.caFile),
    settings.certFile === undefined ? undefined : readFile(settings.certFile),
    settings.keyFile === undefined ? undefined : readFile(settings.keyFile),
  ])
  return {
    ...(ca ? { ca: [...rootCertificates, ca.toString('utf8')] } : {}),
    ...(cert ? { cert } : {}),
    ...(key ? { key } : {}),
  }
}

/**
 * The name a certificate must match and, unless it is an address, the SNI to send.
 *
 * @example
 * tlsIdentity('api.example.test') // { servername: 'api.example.test', host: 'api.example.test' }
 */
export function tlsIdentity(name: string): ConnectionOptions {
  const bare = name.startsWith('[') && name.endsWith(']') ? name.slice(1, -1) : name
  return { ...(isIP(bare) === 0 ? { servername: bare } : {}), host: bare }
}

/**
 * Milliseconds until the certificate expires (negative once it has), or null if unknown.
 *
 * @example
 * expiresInMs(socket.getPeerCertificate(), Date.now()) // 2592000000
 */
export function expiresInMs(certificate: PeerCertificate | null | undefined, now: number): number | null {
  if (!certificate?.valid_to) return null
  const expires = Date.parse(certificate.valid_to)
  return Number.isNaN(expires) ? null : expires - now
}
