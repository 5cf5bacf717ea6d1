/**
 * Where a dns check sends its query: the configured `host[:port]`, or the first nameserver of
 * /etc/resolv.conf.
 *
 * @module
 */
import { readFile } from 'node:fs/promises'
import { isIP } from 'node:net'

/** A resolver address. */
export interface ResolverAddress {
  host: string
  port: number
}

/**
 * Parses `host`, `host:port`, `[v6]:port` or a bare IPv6 address.
 *
 * @example
 * parseResolver('127.0.0.1:5353') // { host: '127.0.0.1', port: 5353 }
 * parseResolver('::1')            // { host: '::1', port: 53 }
 */
export function parseResolver(text: string): ResolverAddress | null {
  const trimmed = text.trim()
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(trimmed)
  if (bracketed) return withPort(bracketed[1]!, bracketed[2])
  if (isIP(trimmed) === 6) return { host: trimmed, port: 53 }
  const plain = /^([^:\s]+)(?::(\d{1,5}))?$/.exec(trimmed)
  return plain ? withPort(plain[1]!, plain[2]) : null
}

function withPort(host: string, port: string | undefined): ResolverAddress | null {
  const number = port === undefined ? 53 : Number(port)
  return number >= 1 && number <= 65535 ? { host, port: number } : null
}

/**
 * The first `nameserver` of a resolv.conf, or null when it has none.
 *
 * @example
 * await systemResolver() // { host: '10.0.0.53', port: 53 }
 */
export async function systemResolver(path = '/etc/resolv.conf'): Promise<ResolverAddress | null> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch {
    return null
  }
  for (const line of text.split('\n')) {
    const match = /^\s*nameserver\s+(\S+)/.exec(line)
    if (match) return { host: match[1]!.replace(/%.*$/, ''), port: 53 }
  }
  return null
}
