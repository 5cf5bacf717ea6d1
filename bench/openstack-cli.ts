/**
 * The side-by-side half of the OpenStack timing benchmark: the same calls through our client
 * and through `openstack --timing` on the local cloud. The CLI's overhead per call is its
 * process wall time minus the REST times it prints; ours is the wall time of a call minus its
 * recorded duration.
 *
 * @module
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { loadCloud, OpenStackClient } from '../src/openstack/index.js'
import type { OpenStackSession } from '../src/openstack/index.js'

const CLOUDS_FILE = '/etc/oslocal/clouds.yaml'

/** One call's numbers, medians over the repetitions, milliseconds. */
export interface SideBySideRow {
  call: string
  oursWallMs: number
  oursOverheadMs: number
  cliWallMs: number
  cliOverheadMs: number
}

const CALLS: Array<{ call: string; cli: string[]; ours: (session: OpenStackSession) => Promise<unknown> }> = [
  { call: 'token', cli: ['token', 'issue'], ours: (session) => session.token() },
  { call: 'list servers', cli: ['server', 'list'], ours: (session) => session.get('compute', 'compute.servers.list', '/servers/detail') },
  { call: 'list networks', cli: ['network', 'list'], ours: (session) => session.get('network', 'network.networks.list', '/v2.0/networks') },
  { call: 'list images', cli: ['image', 'list'], ours: (session) => session.get('image', 'image.images.list', '/v2/images') },
]

/**
 * Why the side-by-side comparison cannot run here, or null when it can.
 *
 * @example
 * cliMissing() // '/etc/oslocal/clouds.yaml absent'
 */
export function cliMissing(): string | null {
  if (!existsSync(CLOUDS_FILE)) return `${CLOUDS_FILE} absent (bash ../shared/openstack-local/setup.sh all)`
  if (!existsSync('/usr/bin/openstack')) return 'the openstack CLI is not installed'
  return null
}

/**
 * Runs each call `repetitions` times both ways and returns the medians.
 *
 * @example
 * const rows = await sideBySide(3)
 */
export async function sideBySide(repetitions: number): Promise<SideBySideRow[]> {
  const cloud = await loadCloud({ cloud: 'demo', env: { OS_CLIENT_CONFIG_FILE: CLOUDS_FILE } })
  const rows: SideBySideRow[] = []
  for (const entry of CALLS) {
    const ours: Array<[number, number]> = []
    const cli: Array<[number, number]> = []
    for (let repetition = 0; repetition < repetitions; repetition++) {
      // A new client each time, so `token` really issues one, as the CLI does on every run.
      const session = new OpenStackClient({ cloud }).iteration({ signal: AbortSignal.timeout(60_000) })
      try {
        if (entry.call !== 'token') await session.token()
        const before = session.calls.length
        const started = performance.now()
        await entry.ours(session)
        const wall = performance.now() - started
        const recorded = session.calls.slice(before).reduce((sum, call) => sum + call.durationMs, 0)
        ours.push([wall, wall - recorded])
      } finally {
        await session.close()
      }
      cli.push(runCli(entry.cli))
    }
    rows.push({ call: entry.call, oursWallMs: median(ours.map(([wall]) => wall)), oursOverheadMs: median(ours.map(([, overhead]) => overhead)), cliWallMs: median(cli.map(([wall]) => wall)), cliOverheadMs: median(cli.map(([, overhead]) => overhead)) })
  }
  return rows
}

function runCli(args: string[]): [number, number] {
  const started = performance.now()
  const run = spawnSync('openstack', ['--os-cloud', 'demo', '--timing', ...args, '-f', 'value'], {
    env: { ...process.env, OS_CLIENT_CONFIG_FILE: CLOUDS_FILE },
    encoding: 'utf8',
    timeout: 120_000,
  })
  const wall = performance.now() - started
  if (run.status !== 0) throw new Error(`openstack ${args.join(' ')} failed: ${run.stderr.slice(0, 300)}`)
  const total = /"Total",([\d.]+)/.exec(run.stdout)
  if (!total) throw new Error('openstack --timing printed no Total')
  return [wall, wall - Number(total[1]) * 1000]
}

/**
 * The median of a list of numbers.
 *
 * @example
 * median([3, 1, 2]) // 2
 */
export function median(values: readonly number[]): number {
  return quantile(values, 0.5)
}

/**
 * A quantile (nearest rank) of a list of numbers.
 *
 * @example
 * quantile([1, 2, 3, 4], 0.99) // 4
 */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN
}
