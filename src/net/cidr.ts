/**
 * IP addresses and CIDR ranges as numbers, so that a range test is one comparison — and so that
 * an IPv4 address hidden inside an IPv6 one (`::ffff:127.0.0.1`, NAT64, IPv4-compatible) is
 * found and judged as the IPv4 address it reaches.
 *
 * @module
 */
import { isIPv4, isIPv6 } from 'node:net'

/** An address as a number, with its family's width. */
export interface IpAddress {
  family: 4 | 6
  value: bigint
}

/** A range: every address whose first `prefix` bits equal those of `base`. */
export interface Cidr {
  text: string
  family: 4 | 6
  base: bigint
  prefix: number
}

function ipv4Value(text: string): bigint {
  return text.split('.').reduce((sum, part) => (sum << 8n) | BigInt(Number(part)), 0n)
}

function ipv6Value(text: string): bigint {
  // A dotted IPv4 tail becomes its two hex groups, so that one parser handles every form.
  const body = text.replace(/(\d+\.\d+\.\d+\.\d+)$/, (dotted) => {
    const v4 = ipv4Value(dotted)
    return `${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`
  })
  const [head = '', rest] = body.split('::') as [string, string | undefined]
  const groups = (part: string) => (part === '' ? [] : part.split(':').map((group) => BigInt(parseInt(group, 16))))
  const front = groups(head)
  const back = rest === undefined ? [] : groups(rest)
  const zeros = Array<bigint>(8 - front.length - back.length).fill(0n)
  return [...front, ...zeros, ...back].reduce((sum, group) => (sum << 16n) | group, 0n)
}

/**
 * Parses an IPv4 or IPv6 address (brackets and a zone `%eth0` allowed); null when it is neither.
 *
 * @example
 * parseIp('[::1]') // { family: 6, value: 1n }
 */
export function parseIp(text: string): IpAddress | null {
  const bare = text.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '')
  if (isIPv4(bare)) return { family: 4, value: ipv4Value(bare) }
  if (isIPv6(bare)) return { family: 6, value: ipv6Value(bare.toLowerCase()) }
  return null
}

/**
 * Parses `address/prefix` (or a bare address: a range of one); null when it is not one.
 *
 * @example
 * parseCidr('10.0.0.0/8') // { text: '10.0.0.0/8', family: 4, base: 167772160n, prefix: 8 }
 */
export function parseCidr(text: string): Cidr | null {
  const [address = '', prefixText, extra] = text.trim().split('/')
  if (extra !== undefined) return null
  const ip = parseIp(address)
  if (ip === null) return null
  const width = ip.family === 4 ? 32 : 128
  const prefix = prefixText === undefined ? width : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN
  if (!(prefix >= 0 && prefix <= width)) return null
  return { text: text.trim(), family: ip.family, base: ip.value, prefix }
}

/** Whether `ip` lies in `range` (same family only). */
export function cidrContains(range: Cidr, ip: IpAddress): boolean {
  if (range.family !== ip.family) return false
  const shift = BigInt((ip.family === 4 ? 32 : 128) - range.prefix)
  return range.base >> shift === ip.value >> shift
}

const EMBEDDING_PREFIXES = ['::ffff:0:0/96', '64:ff9b::/96', '::/96'].map((text) => parseCidr(text)!)

/**
 * The IPv4 address an IPv6 address stands for — IPv4-mapped (`::ffff:a.b.c.d`), NAT64's
 * well-known prefix (`64:ff9b::a.b.c.d`) or IPv4-compatible (`::a.b.c.d`, not `::` or `::1`) —
 * or null. A connection to such an address reaches (or may reach) the IPv4 host.
 *
 * @example
 * embeddedIpv4(parseIp('::ffff:7f00:1')!) // { family: 4, value: 2130706433n } (127.0.0.1)
 */
export function embeddedIpv4(ip: IpAddress): IpAddress | null {
  if (ip.family !== 6) return null
  if (!EMBEDDING_PREFIXES.some((prefix) => cidrContains(prefix, ip))) return null
  const value = ip.value & 0xffffffffn
  if (cidrContains(EMBEDDING_PREFIXES[2]!, ip) && value <= 1n) return null
  return { family: 4, value }
}
