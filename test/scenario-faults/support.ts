/**
 * Shared pieces of the fault suites: a simulated cloud (a real cloud's profile, time-scaled)
 * served over HTTP by the test process that counts requests and can kill a child at the k-th,
 * a clouds.yaml naming it, the child that runs one iteration, and what a run left behind.
 *
 * @module
 */
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { REAL_CLOUD_PROFILE, startSimulatedCloud } from '../../src/openstack/simulator/index.js'
import type { SimulatedCloud, SimulatorHooks } from '../../src/openstack/simulator/index.js'
import type { ChildPlan } from './iteration-child.js'

/** The tables an iteration may leave something in. */
export const TABLES = ['loadbalancers', 'listeners', 'pools', 'members', 'healthmonitors', 'floatingips', 'servers', 'volumes', 'ports', 'routers', 'subnets', 'networks', 'security_groups', 'security_group_rules', 'keypairs'] as const

/** Cleanup settings for the time-scaled simulator: fast polls and retries. */
export const FAST_CLEANUP = { pollIntervalMs: 10, retryDelayMs: 20, waitTimeoutMs: 20_000 } as const


/** A simulated cloud that counts requests and knows what it held at its seed. */
export interface CountingCloud {
  sim: SimulatedCloud
  /** A clouds.yaml (in a temp dir) with this cloud as `sim`. */
  cloudsFile: string
  /** Requests served since the last {@link CountingCloud.arm}. */
  requests(): number
  /** Counts from zero; at request `killAt` (if given) `onKill` runs before the request is served. */
  arm(killAt?: number, onKill?: () => void): void
  /** Empties the cloud back to its seed. */
  reset(): void
  /** `table: name` of every row not in the seed. */
  extra(): string[]
  close(): Promise<void>
}

/**
 * Starts a simulated cloud with a real cloud's profile at `timeScale`; `hooks.request`, when
 * given, runs after the count.
 *
 * @example
 * const cloud = await countingCloud(0.01)
 * cloud.arm(40, () => child.kill('SIGKILL'))
 */
export async function countingCloud(timeScale: number, seed = 9, hooks: SimulatorHooks = {}): Promise<CountingCloud> {
  let count = 0
  let killAt = Number.POSITIVE_INFINITY
  let onKill: (() => void) | undefined
  const sim = await startSimulatedCloud({
    name: 'sim',
    profile: REAL_CLOUD_PROFILE,
    timeScale,
    seed,
    hooks: {
      ...hooks,
      request: (operation, c) => {
        count++
        if (count === killAt) onKill?.()
        return hooks.request?.(operation, c)
      },
    },
  })
  const dir = mkdtempSync(join(tmpdir(), 'glasshouse-faults-cloud-'))
  const cloudsFile = join(dir, 'clouds.yaml')
  const auth = sim.cloud.auth
  writeFileSync(
    cloudsFile,
    `clouds:\n  sim:\n    auth:\n      auth_url: ${auth.authUrl}\n      username: ${String(auth.username)}\n      password: ${String(auth.password)}\n      project_name: ${String(auth.projectName)}\n      user_domain_name: Default\n      project_domain_name: Default\n    region_name: RegionOne\n    identity_api_version: 3\n`,
    { mode: 0o600 },
  )
  const seedRows = () => new Set(TABLES.flatMap((table) => [...sim.resources(table).keys()].map((id) => `${table}:${id}`)))
  let seedIds = seedRows()
  return {
    sim,
    cloudsFile,
    requests: () => count,
    arm: (at, then) => {
      count = 0
      killAt = at ?? Number.POSITIVE_INFINITY
      onKill = then
    },
    reset: () => {
      sim.reset()
      seedIds = seedRows()
    },
    extra: () => TABLES.flatMap((table) => [...sim.resources(table).values()].filter((row) => !seedIds.has(`${table}:${row.id}`)).map((row) => `${table}: ${String(row.name ?? row.description ?? row.id)}`)),
    close: async () => {
      await sim.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** A running child iteration: its stdout lines as they come, and how it ended. */
export interface IterationChild {
  process: ChildProcess
  lines: string[]
  /** Resolves with the line that matches, or null when the child ended first. */
  waitFor(pattern: RegExp): Promise<string | null>
  /** Resolves once the child has exited: its exit code, or the signal that killed it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>
}

/**
 * Starts `node --import tsx iteration-child.ts <plan>`.
 *
 * @example
 * const child = startIterationChild({ cloudsFile, cloud: 'sim', dataDir, owner: 'k1', options, retryDelayMs: 50, simulated: true })
 * await child.exited
 */
export function startIterationChild(plan: ChildPlan): IterationChild {
  const script = new URL('./iteration-child.ts', import.meta.url).pathname
  const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(plan)], { stdio: ['ignore', 'pipe', 'pipe'] })
  const lines: string[] = []
  const waiters: Array<{ pattern: RegExp; resolve(line: string | null): void }> = []
  let partial = ''
  let stderr = ''
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n')
    partial = parts.pop()!
    for (const line of parts) {
      lines.push(line)
      for (const waiter of waiters.filter((candidate) => candidate.pattern.test(line))) {
        waiters.splice(waiters.indexOf(waiter), 1)
        waiter.resolve(line)
      }
    }
  })
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
    child.once('close', (code, signal) => {
      for (const waiter of waiters.splice(0)) waiter.resolve(null)
      resolve({ code, signal, stderr })
    })
  })
  return {
    process: child,
    lines,
    exited,
    waitFor: (pattern) => {
      const seen = lines.find((line) => pattern.test(line))
      if (seen !== undefined) return Promise.resolve(seen)
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(null)
      return new Promise((resolve) => waiters.push({ pattern, resolve }))
    },
  }
}

/** A fresh temporary data dir; `remove` deletes it. */
export function tempDataDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'glasshouse-faults-data-'))
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}
