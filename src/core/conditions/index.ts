/**
 * Gatus-style conditions: parse once (at config load), evaluate after every probe run.
 *
 * @example
 * const parsed = parseCondition('[BODY].status == UP', 'http')
 * if (parsed.ok) evaluateCondition(parsed.condition, { body: '{"status":"UP"}' }).ok // true
 *
 * @module
 */
export { evaluateCondition } from './evaluate.js'
export { matchesGlob } from './glob.js'
export { parseCondition } from './parse.js'
export type { ConditionParse } from './parse.js'
export { PLACEHOLDERS, PLACEHOLDERS_BY_KIND } from './types.js'
export type {
  Condition,
  ConditionContext,
  ConditionKind,
  Operator,
  PathSegment,
  PlaceholderName,
  PlaceholderOperand,
} from './types.js'
