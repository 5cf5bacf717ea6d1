/**
 * The dns probe: one real query (UDP or TCP) to the configured resolver, with the rcode, the
 * answers of the asked type, and the round trip measured.
 *
 * @module
 */
import type { DecodedPacket } from 'dns-packet'
import type { DnsCheck } from '../../config/check-schema.js'
import type { Phases } from '../../core/result.js'
import { conclude } from '../conclude.js'
import type { Observation } from '../conclude.js'
import { classifyError } from '../failures.js'
import { neverThrow } from '../guard.js'
import { resolveHost } from '../lookup.js'
import type { Probe, ProbeContext } from '../probe.js'
import { answerTexts, normalizeExpected, rcodeName } from './answers.js'
import { parseResolver, systemResolver } from './resolver.js'
import type { ResolverAddress } from './resolver.js'
import { sendQuery } from './transport.js'

/**
 * Queries `query` for `recordType`. `[DNS_RCODE]` is the answer's rcode name, `[BODY]` the
 * answers joined with `,`; `expectedAnswers` must equal the answer set (order ignored). A
 * truncated UDP answer is asked again over TCP.
 *
 * @example
 * await dnsProbe({ check, signal, clock, log })
 */
export const dnsProbe: Probe<DnsCheck> = neverThrow(async (ctx: ProbeContext<DnsCheck>) => {
  const { check, clock, signal } = ctx
  const frame = { check, clock, startedAt: clock.now(), startedMonotonic: clock.monotonic() }
  const phases: Phases = {}
  let packet: DecodedPacket | null = null
  let error: Observation['error'] = null
  try {
    const resolver = await resolverOf(check)
    const resolved = await resolveHost(resolver.host, clock, signal)
    if (resolved.dnsMs !== undefined) phases.dns = resolved.dnsMs
    const query = { name: check.query, type: check.recordType, host: resolved.address, port: resolver.port, transport: check.transport }
    packet = await sendQuery(query, { clock, signal, phases })
    if (packet.flag_tc && query.transport === 'udp') packet = await sendQuery({ ...query, transport: 'tcp' }, { clock, signal, phases })
  } catch (caught) {
    error = { ...classifyError(caught, signal, check.timeout), fatal: true }
    if (error.code === 'connect') error = { code: 'dns', message: `resolver unreachable: ${error.message}`, fatal: true }
  }
  const durationMs = clock.monotonic() - frame.startedMonotonic
  const rcode = packet === null ? null : packet.flags === undefined ? 0 : packet.flags & 0xf
  const answers = packet === null ? [] : answerTexts(packet.answers ?? [], check.recordType)
  return conclude(frame, {
    calls: [{ operation: `dns.${check.recordType}`, status: rcode, durationMs, phases, requestId: null, attempt: ctx.attempt ?? 1 }],
    step: { name: 'query', durationMs },
    context: { dnsRcode: rcode === null ? null : rcodeName(rcode), body: packet === null ? null : answers.join(','), responseTimeMs: durationMs },
    error,
    extra: packet === null ? [] : expectedAnswerOutcome(check, answers),
  })
})

async function resolverOf(check: DnsCheck): Promise<ResolverAddress> {
  if (check.resolver !== undefined) {
    const parsed = parseResolver(check.resolver)
    if (parsed === null) throw Object.assign(new Error(`invalid resolver "${check.resolver}"`), { code: 'EINVAL' })
    return parsed
  }
  return (await systemResolver()) ?? { host: '127.0.0.1', port: 53 }
}

function expectedAnswerOutcome(check: DnsCheck, answers: string[]): NonNullable<Observation['extra']> {
  if (check.expectedAnswers === undefined) return []
  const want = new Set(check.expectedAnswers.map((text) => normalizeExpected(text, check.recordType)))
  const got = new Set(answers.map((text) => normalizeExpected(text, check.recordType)))
  const ok = want.size === got.size && [...want].every((answer) => got.has(answer))
  const actual = [...got].sort().join(',')
  return [
    {
      outcome: { condition: `answers == {${[...want].sort().join(', ')}}`, ok, actual: actual.length > 200 ? `${actual.slice(0, 199)}…` : actual },
      code: 'assertion',
      message: `expected answers ${[...want].sort().join(', ') || '(none)'}, got ${actual || '(none)'}`,
    },
  ]
}
