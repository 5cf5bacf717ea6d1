/**
 * Rules Zod cannot express, run on the positioned tree so that they report alongside Zod's
 * issues (all problems at once) — each a function from the document to its issues.
 *
 * @module
 */
import { parseCondition } from '../core/conditions/index.js'
import { CHECK_KINDS } from './check-schema.js'
import type { CheckKind } from './check-schema.js'
import { positionOf } from './tree.js'
import type { RawIssue, Tree } from './tree.js'

type Rule = (root: Tree) => RawIssue[]

/** Every condition of a check must parse for the check's kind. */
const conditionsParse: Rule = (root) => {
  const checks = root.kind === 'map' ? root.entries.get('checks') : undefined
  if (checks?.kind !== 'seq') return []
  return checks.items.flatMap((check, index) => {
    if (check.kind !== 'map') return []
    const kind = check.entries.get('kind')
    const conditions = check.entries.get('conditions')
    if (kind?.kind !== 'scalar' || !(CHECK_KINDS as readonly unknown[]).includes(kind.value)) return []
    if (conditions?.kind !== 'seq') return []
    return conditions.items.flatMap((condition, position): RawIssue[] => {
      if (condition.kind !== 'scalar' || typeof condition.value !== 'string' || condition.value === '') return []
      const parsed = parseCondition(condition.value, kind.value as CheckKind)
      return parsed.ok ? [] : [{ at: positionOf(condition), path: ['checks', index, 'conditions', position], message: parsed.message }]
    })
  })
}

/** The rules, in the order their issues are reported. */
const RULES: readonly Rule[] = [conditionsParse]

/** Runs every rule over the merged document. */
export function checkRules(root: Tree): RawIssue[] {
  return RULES.flatMap((rule) => rule(root))
}
