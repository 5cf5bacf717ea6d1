/**
 * The base of absolute links on the public pages: the configured `publicUrl`, else what the
 * request says — `X-Forwarded-Proto` and `X-Forwarded-Host` only when the direct peer is a
 * configured trusted proxy, else the `Host` header over plain http.
 *
 * @module
 */
import { BlockList, isIP } from 'node:net'

/** Decides whether a peer address is a trusted proxy. */
export type ProxyTrust = (address: string | undefined) => boolean

/**
 * Builds the trust check of a list of addresses and CIDR ranges (as `page.trustedProxies`).
 *
 * @example
 * trustedProxies(['10.0.0.0/8'])('10.1.2.3') // true
 */
export function trustedProxies(entries: readonly string[]): ProxyTrust {
  const list = new BlockList()
  for (const entry of entries) {
    const [address = '', bits] = entry.split('/')
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4'
    if (bits === undefined) list.addAddress(address, type)
    else list.addSubnet(address, Number(bits), type)
  }
  return (address) => {
    if (address === undefined) return false
    const plain = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '')
    const type = isIP(plain)
    return type !== 0 && list.check(plain, type === 6 ? 'ipv6' : 'ipv4')
  }
}

/** What a request offers for its own URL. */
export interface RequestOrigin {
  peer: string | undefined
  host: string | undefined
  forwardedProto: string | undefined
  forwardedHost: string | undefined
}

const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/

/**
 * The base URL (no trailing slash) for absolute links of one request.
 *
 * @example
 * baseUrl({ publicUrl: 'https://status.example.com/' }, origin) // 'https://status.example.com'
 */
export function baseUrl(settings: { publicUrl: string | undefined; trust: ProxyTrust }, origin: RequestOrigin): string {
  if (settings.publicUrl !== undefined) return settings.publicUrl.replace(/\/+$/, '')
  const trusted = settings.trust(origin.peer)
  const proto = trusted ? origin.forwardedProto?.split(',')[0]?.trim() : undefined
  const forwardedHost = trusted ? origin.forwardedHost?.split(',')[0]?.trim() : undefined
  const host = [forwardedHost, origin.host, 'localhost'].find((candidate) => candidate !== undefined && HOST.test(candidate))!
  return `${proto === 'https' ? 'https' : 'http'}://${host}`
}
