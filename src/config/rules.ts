/**
 * Rules Zod cannot express, run on the positioned tree so that they report alongside Zod's
 * issues (all problems at once) — each a function from the document to its issues.
 *
 * @module
 */
import { parseCondition } from '../core/conditions/index.js'
import { CHECK_KINDS } from './check-schema.js'
import type { CheckKind } from './check-schema.js'
import { compileHealth, HealthSchema, validateHealthConfig, type HealthConfig } from './health-schema.js'
import { declaredTargetsExist } from './incidents-schema.js'
import { locate, positionOf, toPlain } from './tree.js'
import type { RawIssue, Tree } from './tree.js'

type Rule = (root: Tree) => RawIssue[]

const NO_CONDITIONS = {
  catalog: 'a catalog check takes no conditions: every service must answer; use skip and urls to choose what is called',
  scenario: 'a scenario check takes no conditions: every step must pass',
  heartbeat: 'a heartbeat check takes no conditions: each beat says up or down itself',
} as const

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
    if (kind.value === 'catalog' || kind.value === 'scenario' || kind.value === 'heartbeat') {
      if (conditions.items.length === 0) return []
      const message = NO_CONDITIONS[kind.value]
      return [{ at: positionOf(conditions), path: ['checks', index, 'conditions'], message }]
    }
    return conditions.items.flatMap((condition, position): RawIssue[] => {
      if (condition.kind !== 'scalar' || typeof condition.value !== 'string' || condition.value === '') return []
      const parsed = parseCondition(condition.value, kind.value as Exclude<CheckKind, 'catalog' | 'scenario' | 'heartbeat'>)
      return parsed.ok ? [] : [{ at: positionOf(condition), path: ['checks', index, 'conditions', position], message: parsed.message }]
    })
  })
}

function namesOf(list: Tree | undefined): Set<unknown> {
  if (list?.kind !== 'seq') return new Set()
  return new Set(
    list.items.flatMap((item) => {
      const value = item.kind === 'map' ? item.entries.get('name') : undefined
      return value?.kind === 'scalar' ? [value.value] : []
    }),
  )
}

/** Every feed of a component names a configured check. */
const feedsNameChecks: Rule = (root) => {
  if (root.kind !== 'map') return []
  const checks = namesOf(root.entries.get('checks'))
  const components = root.entries.get('components')
  if (components?.kind !== 'seq') return []
  return components.items.flatMap((component, index) => {
    const feeds = component.kind === 'map' ? component.entries.get('feeds') : undefined
    if (feeds?.kind !== 'seq') return []
    return feeds.items.flatMap((feed, position): RawIssue[] => {
      const check = feed.kind === 'map' ? feed.entries.get('check') : undefined
      if (check?.kind !== 'scalar' || typeof check.value !== 'string' || checks.has(check.value)) return []
      const known = [...checks].join(', ') || '(none)'
      return [{ at: positionOf(check), path: ['components', index, 'feeds', position, 'check'], message: `no check named "${check.value}"; configured: ${known}` }]
    })
  })
}

function healthSection(root: Tree): HealthConfig | null {
  const node = root.kind === 'map' ? root.entries.get('health') : undefined
  const parsed = HealthSchema.safeParse(node === undefined ? {} : toPlain(node))
  return parsed.success ? parsed.data : null
}

/** Rule sets compile: expressions parse and name known flags, names are unique. */
const healthRulesCompile: Rule = (root) => {
  const section = healthSection(root)
  if (section === null) return []
  return validateHealthConfig(section).map((issue) => {
    const at = positionOf(locate(root, issue.path).node)
    const col = issue.column === undefined ? at.col : at.col + issue.column - 1
    return { at: { ...at, col }, path: issue.path, message: issue.message }
  })
}

/** Components name rule sets that exist. */
const componentsNameRuleSets: Rule = (root) => {
  const section = healthSection(root)
  const components = root.kind === 'map' ? root.entries.get('components') : undefined
  if (section === null || components?.kind !== 'seq') return []
  const known = new Set(compileHealth(section).ruleSets.keys())
  return components.items.flatMap((component, index): RawIssue[] => {
    const health = component.kind === 'map' ? component.entries.get('health') : undefined
    if (health?.kind !== 'scalar' || typeof health.value !== 'string' || known.has(health.value)) return []
    return [{ at: positionOf(health), path: ['components', index, 'health'], message: `no rule set named "${health.value}"; defined: ${[...known].join(', ')}` }]
  })
}

/** The rules, in the order their issues are reported. */
const RULES: readonly Rule[] = [conditionsParse, feedsNameChecks, healthRulesCompile, componentsNameRuleSets, declaredTargetsExist]

/** Runs every rule over the merged document. */
export function checkRules(root: Tree): RawIssue[] {
  return RULES.flatMap((rule) => rule(root))
}
