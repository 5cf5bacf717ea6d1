/**
 * What the SSRF guard denies by default, and the policy that widens or narrows it.
 *
 * @module
 */
import { z } from 'zod'
import { parseCidr, type Cidr } from './cidr.js'

/** A range the guard denies unless an allow entry covers it, with the rule's name for errors. */
export interface DeniedRange {
  cidr: Cidr
  rule: string
}

const range = (text: string, rule: string): DeniedRange => ({ cidr: parseCidr(text)!, rule })

/**
 * The ranges no outgoing request may reach by default: the host itself, link-local (cloud
 * metadata at 169.254.169.254 included), private and shared address space, "this network",
 * multicast and broadcast. IPv4 addresses inside IPv6 ones are judged as IPv4 (see `embeddedIpv4`).
 */
export const DEFAULT_DENIED: readonly DeniedRange[] = [
  range('0.0.0.0/8', 'this-network (0.0.0.0/8)'),
  range('127.0.0.0/8', 'loopback (127.0.0.0/8)'),
  range('169.254.0.0/16', 'link-local (169.254.0.0/16, cloud metadata)'),
  range('10.0.0.0/8', 'private (10.0.0.0/8)'),
  range('172.16.0.0/12', 'private (172.16.0.0/12)'),
  range('192.168.0.0/16', 'private (192.168.0.0/16)'),
  range('100.64.0.0/10', 'shared CGNAT (100.64.0.0/10)'),
  range('224.0.0.0/4', 'multicast (224.0.0.0/4)'),
  range('255.255.255.255/32', 'broadcast (255.255.255.255)'),
  range('::/128', 'unspecified (::)'),
  range('::1/128', 'loopback (::1)'),
  range('fe80::/10', 'link-local (fe80::/10)'),
  range('fc00::/7', 'unique-local (fc00::/7)'),
  range('ff00::/8', 'multicast (ff00::/8)'),
]

const cidrText = z.string().refine((text) => parseCidr(text) !== null, { message: 'expected an address or CIDR range such as 10.1.0.0/16 or fd00::/8' })
const hostPattern = z
  .string()
  .regex(/^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i, 'expected a host name such as hooks.example.com or *.example.com')

/**
 * The guard's policy. Explicit denies win over explicit allows; explicit allows win over the
 * built-in {@link DEFAULT_DENIED} ranges.
 */
export const SsrfPolicySchema = z.strictObject({
  /** Also allow plain `http://` targets (default: `https` only). */
  allowHttp: z.boolean().default(false).describe('allow http:// targets (default: https only)'),
  /** Ranges allowed although a built-in rule denies them (e.g. an internal chat server). */
  allowCidrs: z.array(cidrText).default([]).describe('address ranges allowed although a built-in rule denies them'),
  /** Ranges denied in addition to the built-in ones. */
  denyCidrs: z.array(cidrText).default([]).describe('address ranges denied in addition to the built-in ones'),
  /** Host names (or `*.domain`) allowed whatever they resolve to; the connection is still pinned. */
  allowHosts: z.array(hostPattern).default([]).describe('host names (or *.domain) allowed whatever they resolve to'),
  /** Host names (or `*.domain`) always denied. */
  denyHosts: z.array(hostPattern).default([]).describe('host names (or *.domain) always denied'),
})

/** A validated policy, defaults filled in. */
export type SsrfPolicy = z.infer<typeof SsrfPolicySchema>
/** A policy as written. */
export type SsrfPolicyInput = z.input<typeof SsrfPolicySchema>

/**
 * Whether `host` matches a pattern of a host list: exactly, or as a subdomain of `*.domain`.
 *
 * @example
 * hostMatches('a.hooks.example.com', ['*.example.com']) // true
 */
export function hostMatches(host: string, patterns: readonly string[]): string | null {
  const name = host.toLowerCase().replace(/\.$/, '')
  for (const pattern of patterns) {
    const lower = pattern.toLowerCase()
    if (lower.startsWith('*.') ? name.endsWith(lower.slice(1)) : name === lower) return pattern
  }
  return null
}
