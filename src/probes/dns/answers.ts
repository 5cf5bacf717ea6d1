/**
 * DNS answers as comparable text: one string per record, in the forms operators write in
 * `expectedAnswers` (`10 mail.example.com` for MX, `0 issue "ca.example"` for CAA).
 *
 * @module
 */
import type { Answer } from 'dns-packet'

/** DNS response codes by number (RFC 1035, 2136). */
export const RCODE_NAMES: readonly string[] = [
  'NOERROR',
  'FORMERR',
  'SERVFAIL',
  'NXDOMAIN',
  'NOTIMP',
  'REFUSED',
  'YXDOMAIN',
  'YXRRSET',
  'NXRRSET',
  'NOTAUTH',
  'NOTZONE',
]

/**
 * The name of a response code, or `RCODE<n>` for one without a name.
 *
 * @example
 * rcodeName(3) // 'NXDOMAIN'
 */
export function rcodeName(rcode: number): string {
  return RCODE_NAMES[rcode] ?? `RCODE${rcode}`
}

/**
 * Formats the answers of the asked type (a CNAME met on the way to an A answer is skipped).
 *
 * @example
 * answerTexts(packet.answers ?? [], 'MX') // ['10 mail.example.test']
 */
export function answerTexts(answers: readonly Answer[], type: string): string[] {
  return answers.filter((answer) => answer.type === type).map(formatAnswer)
}

function formatAnswer(answer: Answer): string {
  switch (answer.type) {
    case 'A':
      return answer.data
    case 'AAAA':
      return canonicalIpv6(answer.data)
    case 'CNAME':
    case 'NS':
    case 'PTR':
      return normalizeName(answer.data)
    case 'MX':
      return `${answer.data.preference ?? 0} ${normalizeName(answer.data.exchange)}`
    case 'TXT':
      return txtText(answer.data)
    case 'SRV':
      return `${answer.data.priority ?? 0} ${answer.data.weight ?? 0} ${answer.data.port} ${normalizeName(answer.data.target)}`
    case 'SOA': {
      const soa = answer.data
      return [normalizeName(soa.mname), normalizeName(soa.rname), soa.serial, soa.refresh, soa.retry, soa.expire, soa.minimum].join(' ')
    }
    case 'CAA':
      return `${answer.data.flags ?? 0} ${answer.data.tag} "${answer.data.value}"`
    default:
      return answer.type
  }
}

function txtText(data: string | Buffer | Array<string | Buffer>): string {
  const parts = Array.isArray(data) ? data : [data]
  return parts.map((part) => (typeof part === 'string' ? part : part.toString('utf8'))).join('')
}

/**
 * Lower-cases a name and drops the root dot, so `Mail.Example.test.` equals `mail.example.test`.
 *
 * @example
 * normalizeName('Mail.Example.test.') // 'mail.example.test'
 */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '')
}

/**
 * Normalises one answer as written in config for comparison with {@link answerTexts}.
 *
 * @example
 * normalizeExpected('10 Mail.Example.test.', 'MX') // '10 mail.example.test'
 */
export function normalizeExpected(text: string, type: string): string {
  const trimmed = text.trim()
  if (type === 'TXT' || type === 'CAA') return trimmed
  if (type === 'AAAA') return canonicalIpv6(trimmed)
  return trimmed.split(/\s+/).map((part) => normalizeName(part)).join(' ')
}

function canonicalIpv6(address: string): string {
  const text = `http://[${address}]/`
  return URL.canParse(text) ? new URL(text).hostname.slice(1, -1) : address.toLowerCase()
}
