/**
 * What holds now, read from the store: each (component, location) in an alerting state, each
 * vantage point that went silent, each check whose newest result is `leaked` or `slow`, and the
 * scheduler storing nothing at all — one {@link Condition} per group, with its evidence.
 *
 * @module
 */
import { stateTable, type MeasuredState } from '../core/index.js'
import type { CheckRow, SeriesCurrent, Store, StoredResult } from '../store/index.js'
import { evidenceAnnotations } from './evidence.js'
import type { Condition } from './plan.js'

/** What the conditions depend on besides the store. */
export interface ConditionSettings {
  now: number
  /** Measured states that fire. */
  on: readonly MeasuredState[]
  /** Silence longer than this is the scheduler going quiet. */
  quietAfter: number
}

const SEVERITY: Readonly<Record<MeasuredState, string>> = {
  operational: 'none',
  degraded: 'warning',
  no_data: 'warning',
  partial_outage: 'critical',
  major_outage: 'critical',
}

const RESULT_ALERTS = {
  leaked: { alertname: 'ResourcesLeaked', summary: 'left cloud resources behind (they cost money and quota)' },
  slow: { alertname: 'IterationSlow', summary: 'ran slower than its budget' },
} as const

interface Snapshot {
  current: SeriesCurrent[]
  displayName: Map<string, string>
  checks: Map<string, CheckRow>
  feeds: Map<string, string[]>
  latest: Map<string, StoredResult>
}

async function snapshot(store: Store): Promise<Snapshot> {
  const [current, components, feeds, checks, latest] = await Promise.all([store.evaluations.current(), store.components.list(), store.components.feeds(), store.checks.list(), store.results.latestByCheck(1)])
  const componentName = new Map(components.map((component) => [component.id, component.name]))
  const active = new Set(componentName.values())
  const feedMap = new Map<string, string[]>()
  for (const feed of feeds) {
    const key = `${componentName.get(feed.componentId)}@${feed.location}`
    feedMap.set(key, [...(feedMap.get(key) ?? []), feed.checkId])
  }
  return {
    current: [...current.values()].filter((item) => active.has(item.series.component)),
    displayName: new Map(components.map((component) => [component.name, component.displayName])),
    checks: new Map(checks.map((check) => [check.id, check])),
    feeds: feedMap,
    latest: new Map([...latest].flatMap(([checkId, results]) => (results[0] ? [[checkId, results[0]] as const] : []))),
  }
}

function failuresOf(data: Snapshot, checkIds: readonly string[]) {
  return checkIds.flatMap((id) => {
    const check = data.checks.get(id)
    const result = data.latest.get(id)
    return check && result && !result.ok ? [{ check, result }] : []
  })
}

function seriesConditions(data: Snapshot, settings: ConditionSettings): Condition[] {
  const labelsOf = stateTable()
  return data.current
    .filter((item) => settings.on.includes(item.state))
    .map((item) => {
      const { component, location } = item.series
      const name = data.displayName.get(component) ?? component
      return {
        key: `series:${component}@${location}`,
        labels: { alertname: 'ComponentState', component, location, severity: SEVERITY[item.state] },
        annotations: {
          summary: `${name} in ${location}: ${labelsOf[item.state].label}`,
          description: item.evaluation.reason,
          state: item.state,
          since: new Date(item.since).toISOString(),
          ...evidenceAnnotations(failuresOf(data, data.feeds.get(`${component}@${location}`) ?? [])),
        },
        fingerprint: item.state,
      }
    })
}

function vantageConditions(data: Snapshot): Condition[] {
  const silentIn = new Map<string, string[]>()
  for (const item of data.current) for (const vantage of item.evaluation.vantages.silent) silentIn.set(vantage, [...(silentIn.get(vantage) ?? []), `${item.series.component}@${item.series.location}`])
  return [...silentIn].map(([vantage, series]) => ({
    key: `vantage:${vantage}`,
    labels: { alertname: 'VantagePointQuiet', vantage, severity: 'critical' },
    annotations: { summary: `vantage point ${vantage} stopped reporting`, description: `no recent results from ${vantage} for ${series.length} series: ${series.slice(0, 10).join(', ')}` },
    fingerprint: 'quiet',
  }))
}

function resultConditions(data: Snapshot): Condition[] {
  return [...data.latest].flatMap(([checkId, result]) => {
    const code = result.failure?.code
    const check = data.checks.get(checkId)
    if (check === undefined || (code !== 'leaked' && code !== 'slow')) return []
    const kind = RESULT_ALERTS[code]
    return [
      {
        key: `${code}:${check.name}`,
        labels: { alertname: kind.alertname, check: check.name, severity: 'warning' },
        annotations: { summary: `${check.displayName} ${kind.summary}`, description: result.failure?.message ?? '', ...evidenceAnnotations([{ check, result }]) },
        fingerprint: code,
      },
    ]
  })
}

function schedulerCondition(data: Snapshot, settings: ConditionSettings): Condition[] {
  if (data.checks.size === 0) return []
  const newest = Math.max(...[...data.latest.values()].map((result) => result.startedAt), ...[...data.checks.values()].map((check) => check.createdAt))
  if (settings.now - newest < settings.quietAfter) return []
  return [
    {
      key: 'scheduler',
      labels: { alertname: 'SchedulerQuiet', severity: 'critical' },
      annotations: { summary: 'the scheduler stored no result', description: `no check has stored a result since ${new Date(newest).toISOString()}` },
      fingerprint: 'quiet',
    },
  ]
}

/**
 * Reads every condition that holds now.
 *
 * @example
 * const conditions = await currentConditions(store, { now: Date.now(), on: ['major_outage'], quietAfter: 300_000 })
 */
export async function currentConditions(store: Store, settings: ConditionSettings): Promise<Condition[]> {
  const data = await snapshot(store)
  return [...seriesConditions(data, settings), ...vantageConditions(data), ...resultConditions(data), ...schedulerCondition(data, settings)]
}
