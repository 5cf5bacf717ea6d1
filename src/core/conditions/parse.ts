/**
 * Parses Gatus-style conditions (`[STATUS] == 200`, `len([BODY].items) > 0`) into data.
 * Never throws: every problem becomes a message naming what was wrong.
 *
 * @module
 */
import { parsePath } from './path.js'
import { PLACEHOLDERS, PLACEHOLDERS_BY_KIND } from './types.js'
import type {
  Condition,
  ConditionKind,
  LeftOperand,
  Operator,
  PlaceholderName,
  PlaceholderOperand,
  RightOperand,
} from './types.js'

/** The result of {@link parseCondition}. */
export type ConditionParse = { ok: true; condition: Condition } | { ok: false; message: string }

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string }

const MAX_LENGTH = 2000
const OPERATORS: readonly Operator[] = ['==', '!=', '<=', '>=', '<', '>']
const FUNCTION = /^([A-Za-z_]+)\((.*)\)$/s
const PLACEHOLDER = /^\[([A-Za-z_]+)\](.*)$/s
const HEADER_NAME = /^\.([A-Za-z0-9!#$%&'*+\-.^_`|~]+)$/

/**
 * Parses one condition for a check of the given kind, checking which placeholders that kind offers.
 *
 * @example
 * parseCondition('[STATUS] == any(200, 204)', 'http') // { ok: true, condition: … }
 * parseCondition('[STATUS] == 200', 'tcp')           // { ok: false, message: '[STATUS] is not available …' }
 */
export function parseCondition(text: string, kind: ConditionKind): ConditionParse {
  if (typeof text !== 'string' || text.trim() === '') return { ok: false, message: 'a condition may not be empty' }
  if (text.length > MAX_LENGTH) return { ok: false, message: `a condition has at most ${MAX_LENGTH} characters` }
  const split = splitAtOperator(text)
  if (!split.ok) return split
  const { before, operator, after } = split.value
  const left = parseOperand(before.trim(), 'left')
  if (!left.ok) return left
  const right = parseOperand(after.trim(), 'right')
  if (!right.ok) return right
  const condition: Condition = { text, left: left.value as LeftOperand, operator, right: right.value }
  return checkCondition(condition, kind)
}

function splitAtOperator(text: string): Parsed<{ before: string; operator: Operator; after: string }> {
  let depth = 0
  let quote: string | null = null
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!
    if (quote !== null) {
      if (char === quote) quote = null
    } else if (depth > 0 && (char === "'" || char === '"')) quote = char
    else if (char === '[' || char === '(') depth++
    else if ((char === ']' || char === ')') && depth > 0) depth--
    else if (depth === 0) {
      const operator = OPERATORS.find((candidate) => text.startsWith(candidate, i))
      if (operator) return { ok: true, value: { before: text.slice(0, i), operator, after: text.slice(i + operator.length) } }
      if (char === '=') return { ok: false, message: `"=" is not an operator; use == (in "${excerpt(text)}")` }
    }
  }
  return { ok: false, message: `no operator in "${excerpt(text)}"; expected one of ${OPERATORS.join(' ')}` }
}

function parseOperand(text: string, side: 'left' | 'right'): Parsed<RightOperand> {
  if (text === '') return { ok: false, message: `missing the ${side} side of the condition` }
  const call = FUNCTION.exec(text)
  if (call) return parseFunction(call[1]!, call[2]!.trim(), side)
  if (PLACEHOLDER.test(text)) return parsePlaceholder(text)
  if (side === 'left' && text.startsWith('[')) return { ok: false, message: `"${excerpt(text)}" is not a placeholder` }
  return { ok: true, value: { type: 'literal', text } }
}

function parseFunction(name: string, argument: string, side: 'left' | 'right'): Parsed<RightOperand> {
  if (name === 'len' || name === 'has') {
    const inner = parsePlaceholder(argument)
    return inner.ok ? { ok: true, value: { type: name, inner: inner.value } } : inner
  }
  if (name === 'pat' || name === 'any') {
    if (side === 'left') return { ok: false, message: `${name}() belongs on the right side of the operator` }
    if (argument === '') return { ok: false, message: `${name}() needs an argument` }
    if (name === 'pat') return { ok: true, value: { type: 'pat', glob: argument } }
    return { ok: true, value: { type: 'any', values: argument.split(',').map((value) => value.trim()) } }
  }
  return { ok: false, message: `unknown function ${name}(); known: len, has, pat, any` }
}

function parsePlaceholder(text: string): Parsed<PlaceholderOperand> {
  const match = PLACEHOLDER.exec(text)
  if (!match) return { ok: false, message: `expected a placeholder such as [BODY].status, got "${excerpt(text)}"` }
  const name = match[1]!
  const rest = match[2]!
  if (!(PLACEHOLDERS as readonly string[]).includes(name)) {
    const upper = name.toUpperCase()
    const hint = (PLACEHOLDERS as readonly string[]).includes(upper) ? ` (did you mean [${upper}]?)` : ''
    return { ok: false, message: `unknown placeholder [${name}]${hint}; known: ${PLACEHOLDERS.map((p) => `[${p}]`).join(', ')}` }
  }
  const placeholder = name as PlaceholderName
  if (placeholder === 'BODY') {
    const path = parsePath(rest)
    return path.ok ? { ok: true, value: { type: 'placeholder', name: placeholder, path: path.path, header: null } } : path
  }
  if (placeholder === 'HEADER') {
    const header = HEADER_NAME.exec(rest)
    if (!header) return { ok: false, message: '[HEADER] needs a header name, as in [HEADER].content-type' }
    return { ok: true, value: { type: 'placeholder', name: placeholder, path: [], header: header[1]!.toLowerCase() } }
  }
  if (rest !== '') return { ok: false, message: `[${placeholder}] takes no path (got "${excerpt(rest)}")` }
  return { ok: true, value: { type: 'placeholder', name: placeholder, path: [], header: null } }
}

function checkCondition(condition: Condition, kind: ConditionKind): ConditionParse {
  const placeholders = [condition.left, condition.right].flatMap(placeholderOf)
  if (placeholders.length === 0) {
    return { ok: false, message: `"${excerpt(condition.text)}" reads no placeholder such as [STATUS] or [BODY]` }
  }
  const allowed = PLACEHOLDERS_BY_KIND[kind]
  for (const placeholder of placeholders) {
    if (!allowed.includes(placeholder.name)) {
      return {
        ok: false,
        message: `[${placeholder.name}] is not available in ${kind} checks; available: ${allowed.map((p) => `[${p}]`).join(', ')}`,
      }
    }
  }
  const special = condition.right.type === 'pat' || condition.right.type === 'any'
  if (special && condition.operator !== '==' && condition.operator !== '!=') {
    return { ok: false, message: `${condition.right.type}() works only with == and !=` }
  }
  return { ok: true, condition }
}

function placeholderOf(operand: RightOperand): PlaceholderOperand[] {
  if (operand.type === 'placeholder') return [operand]
  if (operand.type === 'len' || operand.type === 'has') return [operand.inner]
  return []
}

function excerpt(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text
}
