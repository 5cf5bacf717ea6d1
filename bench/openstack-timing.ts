/**
 * OpenStack timing benchmark. (a) Timing overhead: a delay server in another process holds each
 * request 20 ms and reports the hold; our overhead is the recorded duration minus the hold,
 * against bare `undici.request` timed with `performance.now()` in the same run. (b) Side by
 * side on the local cloud: our client against `openstack --timing`.
 *
 * Run: `node --import tsx bench/openstack-timing.ts` (or through `npm run bench`).
 *
 * @module
 */
import { pathToFileURL } from 'node:url'
import { Agent, request } from 'undici'
import { systemClock } from '../src/core/clock.js'
import { OpenStackClient } from '../src/openstack/index.js'
import type { ResolvedCloud } from '../src/openstack/index.js'
import { cliMissing, median, quantile, sideBySide } from './openstack-cli.js'
import type { SideBySideRow } from './openstack-cli.js'
import { holdOf, startDelayServer } from './openstack-delay-server.js'

const HOLD_MS = 20
const WARMUP = 30
const SAMPLES = 300

/** What the benchmark measured, milliseconds. */
export interface OpenStackTimingReport {
  overhead: { ours: Stats; oursWall: Stats; bare: Stats; ratioMedian: number; ratioP99: number }
  /** A bare undici round trip to a server that answers at once: the machine's floor under every overhead. */
  floor: Stats
  sideBySide: SideBySideRow[] | string
  table: string
}

interface Stats {
  median: number
  p99: number
}

/**
 * Runs both parts and returns the numbers and a printable table.
 *
 * @example
 * const report = await benchOpenStackTiming()
 * console.log(report.table)
 */
export async function benchOpenStackTiming(): Promise<OpenStackTimingReport> {
  const overhead = await measureOverhead()
  const floor = await measureFloor()
  const missing = cliMissing()
  const rows = missing ?? (await sideBySide(3).catch((error: unknown) => `the local cloud did not answer (${error instanceof Error ? error.message : String(error)})`))
  return { overhead, floor, sideBySide: rows, table: render(overhead, floor, rows) }
}

async function measureOverhead(): Promise<OpenStackTimingReport['overhead']> {
  const server = await startDelayServer(HOLD_MS)
  const bareAgent = new Agent({ connections: 1, keepAliveTimeout: 60_000 })
  const session = new OpenStackClient({ cloud: benchCloud(server.url), clock: systemClock }).iteration()
  try {
    const ours: number[] = []
    const oursWall: number[] = []
    const bare: number[] = []
    for (let index = 0; index < WARMUP + SAMPLES; index++) {
      const started = performance.now()
      const answer = await session.get('compute', 'compute.flavors.list', '/flavors')
      const wall = performance.now() - started
      const recorded = session.calls.at(-1)!.durationMs
      const bareStarted = performance.now()
      const response = await request(`${server.url}/compute/flavors`, { dispatcher: bareAgent })
      await response.body.arrayBuffer()
      const bareWall = performance.now() - bareStarted
      if (index < WARMUP) continue
      ours.push(recorded - holdOf(answer.headers))
      oursWall.push(wall - holdOf(answer.headers))
      bare.push(bareWall - holdOf(response.headers))
    }
    const stats = (values: number[]): Stats => ({ median: median(values), p99: quantile(values, 0.99) })
    const [o, b] = [stats(ours), stats(bare)]
    return { ours: o, oursWall: stats(oursWall), bare: b, ratioMedian: o.median / b.median, ratioP99: o.p99 / b.p99 }
  } finally {
    await session.close()
    await bareAgent.close()
    server.stop()
  }
}

async function measureFloor(): Promise<Stats> {
  const server = await startDelayServer(0)
  const agent = new Agent({ connections: 1, keepAliveTimeout: 60_000 })
  try {
    const floor: number[] = []
    for (let index = 0; index < WARMUP + SAMPLES; index++) {
      const started = performance.now()
      const response = await request(`${server.url}/compute/flavors`, { dispatcher: agent })
      await response.body.arrayBuffer()
      if (index >= WARMUP) floor.push(performance.now() - started - holdOf(response.headers))
    }
    return { median: median(floor), p99: quantile(floor, 0.99) }
  } finally {
    await agent.close()
    server.stop()
  }
}

function benchCloud(url: string): ResolvedCloud {
  return {
    name: 'bench',
    region: null,
    authType: 'password',
    auth: { authUrl: `${url}/v3`, userId: 'u', password: 'bench', projectId: 'p' },
    interface: 'public',
    verify: true,
    endpointOverrides: { compute: `${url}/compute` },
    apiVersions: {},
    extra: {},
    source: { file: null, secureFile: null },
    secrets: ['bench'],
    warnings: [],
  }
}

function render(overhead: OpenStackTimingReport['overhead'], floor: Stats, rows: SideBySideRow[] | string): string {
  const ms = (value: number) => value.toFixed(3).padStart(8)
  const lines = [
    `timing overhead over a ${HOLD_MS} ms hold, ${SAMPLES} calls (ms)   median      p99`,
    `  our recorded duration − hold              ${ms(overhead.ours.median)} ${ms(overhead.ours.p99)}   (targets ≤ 1, ≤ 3)`,
    `  our whole call (token, JSON, Zod) − hold  ${ms(overhead.oursWall.median)} ${ms(overhead.oursWall.p99)}`,
    `  bare undici.request − hold                ${ms(overhead.bare.median)} ${ms(overhead.bare.p99)}`,
    `  ratio ours / bare                         ${ms(overhead.ratioMedian)} ${ms(overhead.ratioP99)}   (target ≤ 1.2)`,
    `  machine floor: bare undici, no hold       ${ms(floor.median)} ${ms(floor.p99)}   (no client can be faster here)`,
  ]
  if (typeof rows === 'string') return [...lines, `side by side: SKIPPED — ${rows}`].join('\n')
  lines.push('', 'side by side on the local cloud, medians of 3 (ms)   ours wall  ours overhead   CLI wall  CLI overhead   overhead ratio')
  for (const row of rows) {
    lines.push(`  ${row.call.padEnd(16)} ${ms(row.oursWallMs)}  ${ms(row.oursOverheadMs)}  ${ms(row.cliWallMs)}  ${ms(row.cliOverheadMs)}  ${(row.cliOverheadMs / row.oursOverheadMs).toFixed(0).padStart(10)}×   (target ≥ 100×)`)
  }
  return lines.join('\n')
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const report = await benchOpenStackTiming()
  console.log(report.table)
}
