/**
 * The page load of the schedule benchmark, seen from the bench: forks the open-loop generator
 * (`schedule-load.ts`) and measures its own CPU over the steady window, since it shares the cores
 * with the process under test.
 *
 * @module
 */
import { forkEntry } from './schedule-children.js'
import type { LoadReport } from './schedule-load.js'
import { cpuShare, markCpu, type CpuMark } from './schedule-stats.js'

/** What the generator measured, plus its CPU share (% of one core) over the window. */
export type PageNumbers = LoadReport & { generatorCpuPercent: number }

/** A running page load. */
export interface PageLoad {
  /** Call at the start and at the end of the steady window. */
  startWindow(): void
  endWindow(): void
  /** Waits for the generator to finish and report. */
  report(): Promise<PageNumbers>
  kill(): Promise<void>
}

const NO_LOAD: PageNumbers = {
  sent: 0,
  ok: 0,
  errors: 0,
  errorKinds: {},
  meanBytes: 0,
  window: { sent: 0, ok: 0, errors: 0, p50Ms: Number.NaN, p99Ms: Number.NaN, sendLagP99Ms: Number.NaN },
  generatorCpuPercent: Number.NaN,
}

function tryMark(pid: number): CpuMark | null {
  try {
    return markCpu(pid)
  } catch {
    return null
  }
}

/**
 * Starts `rate` GET requests per second at `url` until `windowEnd` + 1 s; no process at rate 0.
 *
 * @example
 * const load = startPageLoad({ url: `${base}/`, rate: 200, windowStart, windowEnd, ticks: 100 })
 * load.startWindow(); …; load.endWindow(); const page = await load.report()
 */
export function startPageLoad(options: { url: string; rate: number; windowStart: number; windowEnd: number; ticks: number }): PageLoad {
  if (options.rate <= 0) {
    return { startWindow() {}, endWindow() {}, report: async () => NO_LOAD, kill: async () => {} }
  }
  const { url, rate, windowStart, windowEnd } = options
  const child = forkEntry('schedule-load.ts', { url, rate, durationMs: windowEnd - Date.now() + 1_000, windowStart, windowEnd })
  let before: CpuMark | null = null
  let share = Number.NaN
  return {
    startWindow: () => void (before = tryMark(child.pid)),
    endWindow() {
      const after = tryMark(child.pid)
      if (before !== null && after !== null) share = cpuShare(before, after, options.ticks)
    },
    async report() {
      const { report } = await child.next<{ report: LoadReport }>('done', 30_000)
      return { ...report, generatorCpuPercent: share }
    },
    kill: () => child.kill(),
  }
}
