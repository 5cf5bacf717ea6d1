/**
 * Evaluates a parsed condition against what a probe observed. Never throws: a value that is
 * missing or of the wrong shape makes the condition not hold, with `actual` saying why.
 *
 * @module
 */
import { formatDuration, parseDuration } from '../duration.js'
import type { ConditionOutcome } from '../result.js'
import { isSecretName, REDACTED, redactText } from '../redact.js'
import { matchesGlob } from './glob.js'
import { resolvePath } from './path.js'
import type { Condition, ConditionContext, Operator, PlaceholderOperand, RightOperand } from './types.js'

const MAX_ACTUAL = 200
const NUMBER = /^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/i

/**
 * A resolved operand: missing (with a reason), or one or more texts (several after `[*]`), what
 * `actual` shows, and what `len()` returns.
 */
type Value = { missing: string } | { texts: string[]; list: boolean; shown: string; size: number }

const jsonCache = new WeakMap<ConditionContext, { value: unknown } | null>()

/**
 * Evaluates one condition. `actual` is the value the left side had, redacted and cut to about
 * 200 characters.
 *
 * @example
 * evaluateCondition(parsed, { status: 503 }) // { condition: '[STATUS] < 400', ok: false, actual: '503' }
 */
export function evaluateCondition(condition: Condition, context: ConditionContext): ConditionOutcome {
  const left = resolve(condition.left, context)
  const ok = holds(left, condition.operator, condition.right, context)
  const right = condition.right.type === 'placeholder' ? resolve(condition.right, context) : null
  const actual = right === null ? show(left) : `${show(left)} | ${show(right)}`
  const secrets = context.redact?.secrets ?? []
  return {
    condition: redactText(condition.text, secrets),
    ok,
    actual: truncate(redactText(actual, secrets)),
  }
}

function holds(left: Value, operator: Operator, right: RightOperand, context: ConditionContext): boolean {
  if ('missing' in left || left.texts.length === 0) return false
  if (right.type === 'pat' || right.type === 'any') {
    const matches = (text: string): boolean =>
      right.type === 'pat' ? matchesGlob(text, right.glob) : right.values.some((value) => equal(text, value, true))
    return left.texts.every((text) => (operator === '==' ? matches(text) : !matches(text)))
  }
  const other = resolve(right, context)
  if ('missing' in other) return false
  const target = other.list ? other.shown : (other.texts[0] ?? '')
  const literal = right.type === 'literal'
  return left.texts.every((text) => compare(text, operator, target, literal))
}

function compare(text: string, operator: Operator, target: string, literal: boolean): boolean {
  if (operator === '==') return equal(text, target, literal)
  if (operator === '!=') return !equal(text, target, literal)
  const a = toNumber(text, false)
  const b = toNumber(target, literal)
  if (a === null || b === null) return false
  if (operator === '<') return a < b
  if (operator === '<=') return a <= b
  if (operator === '>') return a > b
  return a >= b
}

function equal(text: string, target: string, literal: boolean): boolean {
  const a = toNumber(text, false)
  const b = toNumber(target, literal)
  return a !== null && b !== null ? a === b : text === target
}

function toNumber(text: string, allowDuration: boolean): number | null {
  const trimmed = text.trim()
  if (NUMBER.test(trimmed)) return Number(trimmed)
  return allowDuration ? parseDuration(trimmed) : null
}

function resolve(operand: RightOperand, context: ConditionContext): Value {
  if (operand.type === 'literal') return scalar(operand.text)
  if (operand.type === 'placeholder') return resolvePlaceholder(operand, context)
  if (operand.type === 'len') return length(resolvePlaceholder(operand.inner, context))
  if (operand.type === 'has') {
    const inner = resolvePlaceholder(operand.inner, context)
    return scalar(String(!('missing' in inner) && !(inner.list && inner.texts.length === 0)))
  }
  return { missing: 'not a value' }
}

function length(value: Value): Value {
  return 'missing' in value ? value : scalar(String(value.size))
}

function resolvePlaceholder(operand: PlaceholderOperand, context: ConditionContext): Value {
  switch (operand.name) {
    case 'STATUS':
      return fromNullable(context.status, 'no response')
    case 'RESPONSE_TIME':
      return fromNullable(context.responseTimeMs === undefined || context.responseTimeMs === null ? null : Math.round(context.responseTimeMs), 'not measured')
    case 'CONNECTED':
      return fromNullable(context.connected, 'not measured')
    case 'IP':
      return fromNullable(context.ip, 'no address')
    case 'DNS_RCODE':
      return fromNullable(context.dnsRcode, 'no answer')
    case 'CERTIFICATE_EXPIRATION':
      return certificate(context.certificateExpiresInMs)
    case 'HEADER':
      return header(operand.header ?? '', context)
    case 'BODY':
      return body(operand, context)
  }
}

function fromNullable(value: string | number | boolean | null | undefined, reason: string): Value {
  return value === null || value === undefined ? { missing: reason } : scalar(String(value))
}

function certificate(ms: number | null | undefined): Value {
  if (ms === null || ms === undefined) return { missing: 'no certificate' }
  const rounded = Math.round(ms)
  const text = String(rounded)
  const human = rounded < 0 ? `expired ${formatDuration(-rounded)} ago` : formatDuration(rounded)
  return { texts: [text], list: false, shown: `${text} (${human})`, size: text.length }
}

function header(name: string, context: ConditionContext): Value {
  const entry = Object.entries(context.headers ?? {}).find(([key]) => key.toLowerCase() === name)
  if (!entry || entry[1] === undefined) return { missing: `no header ${name}` }
  const text = typeof entry[1] === 'string' ? entry[1] : entry[1].join(', ')
  if (isSecretName(name, context.redact?.patterns ?? [])) return { texts: [text], list: false, shown: REDACTED, size: text.length }
  return scalar(text)
}

function body(operand: PlaceholderOperand, context: ConditionContext): Value {
  if (context.body === null || context.body === undefined) return { missing: 'no body' }
  if (operand.path.length === 0) return scalar(context.body)
  const json = parsedBody(context)
  if (json === null) return { missing: 'body is not JSON' }
  const found = resolvePath(json.value, operand.path)
  if (!found.found) return { missing: 'path not found' }
  if (!found.list) return { texts: [jsonText(found.value)], list: false, shown: jsonText(found.value), size: sizeOf(found.value) }
  const items = found.value as unknown[]
  return { texts: items.map(jsonText), list: true, shown: JSON.stringify(items), size: items.length }
}

function parsedBody(context: ConditionContext): { value: unknown } | null {
  if (jsonCache.has(context)) return jsonCache.get(context) ?? null
  let parsed: { value: unknown } | null = null
  try {
    parsed = { value: JSON.parse(context.body ?? '') as unknown }
  } catch {
    parsed = null
  }
  jsonCache.set(context, parsed)
  return parsed
}

function jsonText(value: unknown): string {
  if (typeof value === 'string') return value
  return JSON.stringify(value) ?? 'null'
}

function sizeOf(value: unknown): number {
  if (Array.isArray(value)) return value.length
  if (value !== null && typeof value === 'object') return Object.keys(value).length
  return jsonText(value).length
}

function scalar(text: string): Value {
  return { texts: [text], list: false, shown: text, size: text.length }
}

function show(value: Value): string {
  return 'missing' in value ? `(missing: ${value.missing})` : value.shown
}

function truncate(text: string): string {
  return text.length > MAX_ACTUAL ? `${text.slice(0, MAX_ACTUAL - 1)}…` : text
}
