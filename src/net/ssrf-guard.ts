/**
 * The SSRF guard for outgoing requests to targets someone other than the host's administrator
 * may set (webhook subscriptions; operator alert receivers when configured): every address the
 * name resolves to is checked, and the connection is pinned to the checked address so that a
 * second DNS answer (rebinding) cannot redirect it.
 *
 * @module
 */
import { lookup } from 'node:dns/promises'
import type { LookupAddress } from 'node:dns'
import { Agent } from 'undici'
import { cidrContains, embeddedIpv4, parseCidr, parseIp, type Cidr, type IpAddress } from './cidr.js'
import { DEFAULT_DENIED, hostMatches, SsrfPolicySchema, type SsrfPolicy, type SsrfPolicyInput } from './ssrf-policy.js'

/** Why the guard refused a target; `rule` names the rule that denied it. */
export class SsrfDeniedError extends Error {
  override readonly name = 'SsrfDeniedError'
  constructor(
    message: string,
    /** The rule: `scheme`, `url`, `resolve`, `deny-host`, `deny-cidr <range>` or a built-in range's name. */
    readonly rule: string,
  ) {
    super(message)
  }
}

/** Resolves a host name to every address (A and AAAA). */
export type Resolver = (hostname: string) => Promise<readonly { address: string; family: number }[]>

/** The system resolver (getaddrinfo, so /etc/hosts counts as it would for the connection). */
export const systemResolver: Resolver = (hostname) => lookup(hostname, { all: true, verbatim: true })

/** A target that passed the guard: the URL and the one address the connection must go to. */
export interface CheckedTarget {
  url: URL
  address: string
  family: 4 | 6
}

/** The SSRF guard of one policy. */
export interface SsrfGuard {
  /** Checks `url`; resolves to the pinned target or rejects with {@link SsrfDeniedError}. */
  check(url: string | URL): Promise<CheckedTarget>
  /**
   * An undici dispatcher that connects only to `target.address` whatever DNS says later, while
   * the Host header and TLS SNI stay the URL's name. Close it after the request.
   */
  dispatcher(target: CheckedTarget): Agent
}

interface CompiledPolicy {
  policy: SsrfPolicy
  allow: Cidr[]
  deny: Cidr[]
}

function deniedBy(ip: IpAddress, compiled: CompiledPolicy): string | null {
  const candidates = [ip, embeddedIpv4(ip)].filter((entry): entry is IpAddress => entry !== null)
  for (const candidate of candidates) {
    const explicit = compiled.deny.find((cidr) => cidrContains(cidr, candidate))
    if (explicit) return `deny-cidr ${explicit.text}`
  }
  if (candidates.some((candidate) => compiled.allow.some((cidr) => cidrContains(cidr, candidate)))) return null
  for (const candidate of candidates) {
    const builtIn = DEFAULT_DENIED.find((entry) => cidrContains(entry.cidr, candidate))
    if (builtIn) return builtIn.rule
  }
  return null
}

function parseTarget(url: string | URL, policy: SsrfPolicy): URL {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new SsrfDeniedError('not a valid URL', 'url')
  }
  const schemes = policy.allowHttp ? ['https:', 'http:'] : ['https:']
  if (!schemes.includes(parsed.protocol)) {
    const hint = parsed.protocol === 'http:' ? ' (http is allowed only with allowHttp: true)' : ''
    throw new SsrfDeniedError(`${parsed.protocol.slice(0, -1)} targets are not allowed${hint}`, 'scheme')
  }
  if (parsed.username !== '' || parsed.password !== '') throw new SsrfDeniedError('credentials in the URL are not allowed', 'url')
  return parsed
}

async function addressesOf(host: string, resolve: Resolver): Promise<{ address: string; family: 4 | 6 }[]> {
  const literal = parseIp(host)
  if (literal !== null) return [{ address: host.replace(/^\[(.*)\]$/, '$1'), family: literal.family }]
  let answers: readonly { address: string; family: number }[]
  try {
    answers = await resolve(host)
  } catch (error) {
    throw new SsrfDeniedError(`${host} does not resolve (${(error as { code?: string }).code ?? 'lookup failed'})`, 'resolve')
  }
  if (answers.length === 0) throw new SsrfDeniedError(`${host} resolves to no address`, 'resolve')
  return answers.map((answer) => ({ address: answer.address, family: answer.family === 6 ? 6 : 4 }))
}

/**
 * Builds the guard of `policy` (defaults: https only, {@link DEFAULT_DENIED}); `resolve` replaces
 * DNS in tests.
 *
 * @example
 * const guard = createSsrfGuard({ allowCidrs: ['10.20.0.0/16'] })
 * const target = await guard.check('https://hooks.example.com/x') // throws SsrfDeniedError when denied
 * const agent = guard.dispatcher(target)
 * await request(target.url, { method: 'POST', dispatcher: agent, body })
 * await agent.close()
 */
export function createSsrfGuard(policy: SsrfPolicyInput = {}, resolve: Resolver = systemResolver): SsrfGuard {
  const parsedPolicy = SsrfPolicySchema.parse(policy)
  const compiled: CompiledPolicy = {
    policy: parsedPolicy,
    allow: parsedPolicy.allowCidrs.map((text) => parseCidr(text)!),
    deny: parsedPolicy.denyCidrs.map((text) => parseCidr(text)!),
  }
  return {
    async check(url) {
      const parsed = parseTarget(url, compiled.policy)
      const host = parsed.hostname
      const deniedHost = hostMatches(host, compiled.policy.denyHosts)
      if (deniedHost !== null) throw new SsrfDeniedError(`${host} is denied by the host list entry ${deniedHost}`, 'deny-host')
      const trusted = hostMatches(host, compiled.policy.allowHosts) !== null
      const addresses = await addressesOf(host, resolve)
      for (const entry of addresses) {
        const rule = trusted ? null : deniedBy(parseIp(entry.address)!, compiled)
        if (rule !== null) {
          const via = parseIp(host) === null ? ` (${host} resolves to it)` : ''
          throw new SsrfDeniedError(`${entry.address}${via} is denied by the SSRF guard: ${rule}`, rule)
        }
      }
      const [first] = addresses
      return { url: parsed, address: first!.address, family: first!.family }
    },
    dispatcher(target) {
      return new Agent({
        connect: {
          lookup(_hostname: string, options: { all?: boolean }, callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void) {
            if (options.all) callback(null, [{ address: target.address, family: target.family }])
            else callback(null, target.address, target.family)
          },
        },
      })
    },
  }
}
