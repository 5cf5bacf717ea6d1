/**
 * Checks a configured rule set beyond what its schema can (flag names, expressions, the noData
 * flag, the quorum) and prepares it for evaluation.
 *
 * @module
 */
import { flagsOf, parseExpression } from './expression.js'
import type { Expr } from './expression.js'
import type { NoDataFlag, RuleSetConfig, StateRuleConfig } from './types.js'

/** A problem in a rule set; `path` is relative to the rule set, `column` is inside an expression. */
export interface HealthIssue {
  path: (string | number)[]
  message: string
  /** 1-based column inside the expression text, for expression problems. */
  column?: number
}

/** A rule set ready to evaluate: its config, its noData flag and its parsed expressions. */
export interface CompiledRuleSet {
  config: RuleSetConfig
  noData: NoDataFlag
  rules: { rule: StateRuleConfig; expr: Expr }[]
}

/** The result of {@link compileRuleSet}. */
export type RuleSetCompile = { ok: true; ruleSet: CompiledRuleSet } | { ok: false; issues: HealthIssue[] }

const FLAG_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

function flagIssues(config: RuleSetConfig): HealthIssue[] {
  const issues: HealthIssue[] = []
  const seen = new Set<string>()
  config.flags.forEach((flag, index) => {
    if (!FLAG_NAME.test(flag.name)) {
      issues.push({ path: ['flags', index, 'name'], message: `flag names are letters, digits and _, not starting with a digit: "${flag.name}"` })
    } else if (seen.has(flag.name)) {
      issues.push({ path: ['flags', index, 'name'], message: `duplicate flag name "${flag.name}"` })
    }
    seen.add(flag.name)
  })
  const noData = config.flags.filter((flag) => flag.kind === 'noData').length
  if (noData !== 1) {
    const message = noData === 0
      ? 'a rule set needs one noData flag: it says when the series has no data (e.g. { name: stale, kind: noData, window: 3x })'
      : 'a rule set has exactly one noData flag'
    issues.push({ path: ['flags'], message })
  }
  if (config.quorum.min < config.quorum.k) {
    issues.push({
      path: ['quorum', 'min'],
      message: `min (${config.quorum.min}) must be at least k (${config.quorum.k}): with fewer reporting vantage points no flag could ever be raised`,
    })
  }
  return issues
}

function ruleIssues(rule: StateRuleConfig, index: number, config: RuleSetConfig): { expr: Expr | null; issues: HealthIssue[] } {
  const path = ['states', index, 'expression']
  const parsed = parseExpression(rule.expression)
  if (!parsed.ok) return { expr: null, issues: [{ path, message: `${parsed.message} (column ${parsed.column})`, column: parsed.column }] }
  const kinds = new Map(config.flags.map((flag) => [flag.name, flag.kind]))
  const issues = flagsOf(parsed.expr).flatMap(({ name, column }): HealthIssue[] => {
    const kind = kinds.get(name)
    if (kind === undefined) {
      const known = config.flags.filter((flag) => flag.kind !== 'noData').map((flag) => flag.name).join(', ') || '(none)'
      return [{ path, message: `unknown flag "${name}" (column ${column}); flags of this rule set: ${known}`, column }]
    }
    if (kind === 'noData') {
      return [{ path, message: `"${name}" is the noData flag (column ${column}): it decides no_data before any expression, so expressions cannot use it`, column }]
    }
    return []
  })
  return { expr: parsed.expr, issues }
}

/**
 * Checks a rule set and parses its expressions. Never throws; every problem is returned.
 *
 * @example
 * const compiled = compileRuleSet(config.health.rules[0])
 * if (!compiled.ok) console.error(compiled.issues)
 */
export function compileRuleSet(config: RuleSetConfig): RuleSetCompile {
  const issues = flagIssues(config)
  const rules: CompiledRuleSet['rules'] = []
  config.states.forEach((rule, index) => {
    const checked = ruleIssues(rule, index, config)
    issues.push(...checked.issues)
    if (checked.expr !== null) rules.push({ rule, expr: checked.expr })
  })
  const noData = config.flags.find((flag): flag is NoDataFlag => flag.kind === 'noData')
  if (issues.length > 0 || noData === undefined) return { ok: false, issues }
  return { ok: true, ruleSet: { config, noData, rules } }
}
