/**
 * The workload of the history-at-scale benchmark: N HTTP checks measured once a minute for D
 * days, as results that look like real ones — per-check latencies (tens to hundreds of ms, with a
 * slow tail), about 30 % of the checks failing sometimes (outage episodes of minutes to an hour,
 * plus sporadic failures: 503s, timeouts, refused connections) — generated deterministically
 * from a seed, in time order, in batches of 1,000 (the result writer's batch size).
 *
 * @module
 */
import type { FailureCode, ProbeResult } from '../src/core/index.js'
import { HttpCheckSchema, storedDefinition } from '../src/config/index.js'
import type { ComponentInput, Store } from '../src/store/index.js'
import { seededRandom } from '../test/support/seeded-random.js'

const MINUTE_MS = 60_000
/** One day in ms (history ranges are whole UTC days). */
export const DAY_MS = 86_400_000
const LOCATIONS = ['R1', 'R2', 'R3', 'R4'] as const
/** Results per `insertBatch`, as the result writer sends them. */
export const HISTORY_BATCH = 1_000

/** The size of the history: full scale is 200 checks × 90 days. */
export interface HistoryPlan {
  checks: number
  days: number
  /** Epoch ms: the first result's minute, and the UTC midnight the history ends at. */
  start: number
  end: number
  results: number
  scale: number
}

/**
 * The plan for `scale` (0–1): checks shrink first (to no fewer than 10), then days, so a small
 * scale keeps whole days and several series.
 *
 * @example
 * historyPlan(1, Date.UTC(2026, 10, 22, 9)).results // 25_920_000
 * historyPlan(0.01).checks // 10 (18 days)
 */
export function historyPlan(scale: number, now = Date.now()): HistoryPlan {
  if (!(scale > 0 && scale <= 1)) throw new Error(`BENCH_SCALE must be in (0, 1]; got ${scale}`)
  const checks = Math.max(10, Math.round(200 * scale))
  const days = Math.min(90, Math.max(1, Math.round((90 * 200 * scale) / checks)))
  const end = Math.floor(now / DAY_MS) * DAY_MS
  return { checks, days, start: end - days * DAY_MS, end, results: checks * days * 1_440, scale }
}


/** How one check behaves over the history. */
interface Profile {
  offsetMs: number
  baseMs: number
  /** Outage episodes as [first minute, end minute), ascending. */
  episodes: [number, number][]
  sporadic: number
}

function profiles(plan: HistoryPlan, random: () => number): Profile[] {
  const minutes = plan.days * 1_440
  return Array.from({ length: plan.checks }, () => {
    const failing = random() < 0.3
    const episodes: [number, number][] = []
    for (let count = failing ? 1 + Math.floor(random() * 6) : 0; count > 0; count--) {
      const first = Math.floor(random() * minutes)
      episodes.push([first, Math.min(minutes, first + 2 + Math.floor(random() * 88))])
    }
    episodes.sort((a, b) => a[0] - b[0])
    return { offsetMs: Math.floor(random() * MINUTE_MS), baseMs: 20 * Math.exp(random() * 2.7), episodes, sporadic: failing ? 0.002 : 0 }
  })
}

/** The component name of check `index`: one component per check, each in one location. */
export function componentName(index: number): string {
  return `svc-${String(index).padStart(3, '0')}`
}

/**
 * Creates the plan's checks (60 s interval, stored as `glasshouse serve` stores them) and one
 * component per check, fed from one location (R1–R4), so each component is one series.
 * Returns the check ids in index order and the component names.
 *
 * @example
 * const { checkIds } = await createHistoryChecks(store, plan)
 */
export async function createHistoryChecks(store: Store, plan: HistoryPlan): Promise<{ checkIds: string[]; components: string[] }> {
  const names = Array.from({ length: plan.checks }, (_, index) => `hist-${String(index).padStart(3, '0')}`)
  const rows = await store.checks.sync(
    names.map((name, index) => ({
      name,
      kind: 'http',
      displayName: name,
      definition: storedDefinition(HttpCheckSchema.parse({ name, kind: 'http', url: `http://127.0.0.1:9/c/${index}`, interval: '60s', timeout: '10s' })),
    })),
    plan.start,
  )
  const ids = new Map(rows.map((row) => [row.name, row.id]))
  const checkIds = names.map((name) => ids.get(name)!)
  const components: ComponentInput[] = checkIds.map((checkId, index) => ({
    name: componentName(index),
    displayName: `Service ${index}`,
    feeds: [{ checkId, location: LOCATIONS[index % LOCATIONS.length]! }],
  }))
  await store.components.sync(components, plan.start)
  return { checkIds, components: components.map((component) => component.name) }
}

function failureOf(random: () => number): { code: FailureCode; status: number | null; durationMs: number; message: string } {
  const pick = random()
  if (pick < 0.6) return { code: 'http_5xx', status: 503, durationMs: 3 + random() * 40, message: 'HTTP 503' }
  if (pick < 0.85) return { code: 'timeout', status: null, durationMs: 10_000, message: 'no answer within 10s' }
  return { code: 'connect', status: null, durationMs: 0.3 + random(), message: 'connect ECONNREFUSED' }
}

function passed(startedAt: number, baseMs: number, random: () => number): ProbeResult {
  const durationMs = baseMs * (0.8 + 0.4 * random()) * (random() < 0.01 ? 5 : 1)
  return {
    ok: true,
    startedAt,
    durationMs,
    steps: [{ name: 'request', status: 'passed', reason: null, durationMs }],
    calls: [
      {
        operation: 'GET /',
        status: 200,
        durationMs,
        phases: { dns: 0.2, connect: durationMs * 0.2, ttfb: durationMs * 0.7, transfer: durationMs * 0.1 },
        requestId: null,
        attempt: 1,
      },
    ],
    conditions: [{ condition: '[STATUS] == 200', ok: true, actual: '200' }],
    failure: null,
  }
}

function failed(startedAt: number, random: () => number): ProbeResult {
  const failure = failureOf(random)
  return {
    ok: false,
    startedAt,
    durationMs: failure.durationMs,
    steps: [{ name: 'request', status: 'failed', reason: failure.message, durationMs: failure.durationMs }],
    calls: [{ operation: 'GET /', status: failure.status, durationMs: failure.durationMs, phases: { dns: 0.2 }, requestId: null, attempt: 1 }],
    conditions: failure.status === null ? [] : [{ condition: '[STATUS] == 200', ok: false, actual: String(failure.status) }],
    failure: { code: failure.code, message: failure.message },
  }
}

/**
 * The history as batches of {@link HISTORY_BATCH} results in time order (every check's result of
 * one minute, then the next minute), seeded so two runs write the same data.
 *
 * @example
 * for (const batch of historyBatches(plan, checkIds, 42)) await store.results.insertBatch(batch)
 */
export function* historyBatches(plan: HistoryPlan, checkIds: readonly string[], seed = 42): Generator<{ checkId: string; result: ProbeResult }[]> {
  const random = seededRandom(seed)
  const checks = profiles(plan, random)
  const next = checks.map(() => 0)
  let batch: { checkId: string; result: ProbeResult }[] = []
  for (let minute = 0; minute < plan.days * 1_440; minute++) {
    for (let index = 0; index < checks.length; index++) {
      const profile = checks[index]!
      while (next[index]! < profile.episodes.length && profile.episodes[next[index]!]![1] <= minute) next[index]!++
      const episode = profile.episodes[next[index]!]
      const down = (episode !== undefined && episode[0] <= minute) || random() < profile.sporadic
      const startedAt = plan.start + minute * MINUTE_MS + profile.offsetMs
      batch.push({ checkId: checkIds[index]!, result: down ? failed(startedAt, random) : passed(startedAt, profile.baseMs, random) })
      if (batch.length === HISTORY_BATCH) {
        yield batch
        batch = []
      }
    }
  }
  if (batch.length > 0) yield batch
}
