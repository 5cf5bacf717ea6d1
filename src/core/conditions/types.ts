/**
 * Types of parsed conditions and of what they are evaluated against.
 *
 * @module
 */

/** Probe kinds a condition can belong to (mirrors the check kinds). */
export type ConditionKind = 'http' | 'tcp' | 'dns' | 'tls'

/** The placeholders a condition can read. */
export const PLACEHOLDERS = [
  'STATUS',
  'RESPONSE_TIME',
  'BODY',
  'HEADER',
  'CONNECTED',
  'IP',
  'CERTIFICATE_EXPIRATION',
  'DNS_RCODE',
] as const

/** One of {@link PLACEHOLDERS}. */
export type PlaceholderName = (typeof PLACEHOLDERS)[number]

/** Which placeholders each kind offers; checked when a condition is parsed. */
export const PLACEHOLDERS_BY_KIND: Readonly<Record<ConditionKind, readonly PlaceholderName[]>> = {
  http: ['STATUS', 'RESPONSE_TIME', 'BODY', 'HEADER', 'CONNECTED', 'IP', 'CERTIFICATE_EXPIRATION'],
  tcp: ['CONNECTED', 'IP', 'RESPONSE_TIME'],
  dns: ['DNS_RCODE', 'BODY', 'RESPONSE_TIME'],
  tls: ['CONNECTED', 'IP', 'RESPONSE_TIME', 'CERTIFICATE_EXPIRATION'],
}

/** One step of a `[BODY]` path: an object key, an array index, or `[*]` (every element). */
export type PathSegment = { key: string } | { index: number } | { wildcard: true }

/** A placeholder reference such as `[BODY].items[0].name` or `[HEADER].content-type`. */
export interface PlaceholderOperand {
  type: 'placeholder'
  name: PlaceholderName
  /** For `[BODY]`: the path below it (empty for the whole body). */
  path: PathSegment[]
  /** For `[HEADER]`: the header name, lower-cased. */
  header: string | null
}

/** A value written as-is (`200`, `UP`, `48h`). */
export interface LiteralOperand {
  type: 'literal'
  text: string
}

/** `len(x)` or `has(x)` applied to a placeholder. */
export interface FunctionOperand {
  type: 'len' | 'has'
  inner: PlaceholderOperand
}

/** `pat(glob)`: matches text with `*` and `?` (right side only). */
export interface PatternOperand {
  type: 'pat'
  glob: string
}

/** `any(a, b, …)`: equals one of the values (right side only). */
export interface AnyOperand {
  type: 'any'
  values: string[]
}

/** Anything that can stand on the left of an operator. */
export type LeftOperand = PlaceholderOperand | LiteralOperand | FunctionOperand

/** Anything that can stand on the right of an operator. */
export type RightOperand = LeftOperand | PatternOperand | AnyOperand

/** The comparison operators. */
export type Operator = '==' | '!=' | '<' | '<=' | '>' | '>='

/** A parsed condition; `text` is the condition as written. */
export interface Condition {
  text: string
  left: LeftOperand
  operator: Operator
  right: RightOperand
}

/**
 * What a probe observed, for conditions to read. A field that is absent or null reads as
 * missing, and a comparison with a missing value does not hold.
 */
export interface ConditionContext {
  status?: number | null
  responseTimeMs?: number | null
  body?: string | null
  /** Response headers; names in any case. */
  headers?: Readonly<Record<string, string | readonly string[] | undefined>>
  connected?: boolean | null
  ip?: string | null
  /** Milliseconds until the leaf certificate expires (negative once expired). */
  certificateExpiresInMs?: number | null
  dnsRcode?: string | null
  /** Secret values and secret header name patterns, so `actual` never shows a secret. */
  redact?: { patterns: readonly string[]; secrets: readonly string[] }
}
