/**
 * Keeps the static copy fresh: renders on every state change (a model write at once, new
 * measurements when the public state they make differs), no sooner than `minInterval` after the
 * previous render and at least every `maxInterval`; never two renders at once. Each render is
 * written as a new generation, switched in, pruned, then published. Failures are logged and
 * counted, never thrown: the live server must not suffer from its copy.
 *
 * @module
 */
import { join } from 'node:path'
import type { StatusReader, StatusSnapshot } from '../status/index.js'
import type { StaticCopyConfig } from './config-schema.js'
import { pruneGenerations, switchCurrent, writeGeneration } from './generations.js'
import type { StaticCopyMetrics } from './metrics.js'
import { runPublish, type PublishOutcome } from './publish.js'
import { renderSite, type RequestableApp } from './render.js'

/** What the service reads and where it reports. */
export interface StaticCopyDeps {
  app: RequestableApp
  status: StatusReader
  /** `staticCopy:`, read at each use (a reload may change it). */
  config: () => StaticCopyConfig
  /** `storage.dataDir`: the default root is `<dataDir>/static`. */
  dataDir: () => string
  /** The name on the root language chooser. */
  name: () => string
  now: () => number
  log: { info(obj: object, msg?: string): void; warn(obj: object, msg?: string): void; error(obj: object, msg?: string): void }
  metrics: StaticCopyMetrics
  /** Config secrets, redacted from the publish command's output. */
  secrets: () => readonly string[]
  /** More JSON answers to hold as `<path>.json` (the SCS components list at its configured prefix). */
  extraJson?: () => readonly string[]
  /** The live site's public URL, for links to live-only pages (see `RenderOptions.liveUrl` in render.ts). */
  liveUrl?: () => string | undefined
}

function liveUrlOf(deps: StaticCopyDeps): { liveUrl?: string } {
  const url = deps.liveUrl?.()
  return url === undefined ? {} : { liveUrl: url }
}

/** The result of one pass. */
export interface RenderOutcome {
  /** The new generation's directory; null when the pass failed or found nothing to do. */
  dir: string | null
  publish: PublishOutcome | null
}

/** The running service. */
export interface StaticCopy {
  /** Starts the `maxInterval` timer and renders the first generation soon. */
  start(): void
  /** Renders, switches and publishes now (after a running render), whatever changed. */
  renderNow(): Promise<RenderOutcome>
  /** Stops the timers and waits for a running render. */
  stop(): Promise<void>
}

/** The root folder of the copy. */
export function staticRoot(config: StaticCopyConfig, dataDir: string): string {
  return config.dir ?? join(dataDir, 'static')
}

/** What the public sees of a snapshot; measurement times and evaluation details left out. */
function publicFingerprint(snapshot: StatusSnapshot): string {
  const volatile = new Set(['generatedAt', 'lastMeasuredAt', 'lastDurationMs', 'evaluation'])
  return JSON.stringify(snapshot, (key, value: unknown) => (volatile.has(key) ? undefined : value))
}

/**
 * Creates the service (not started).
 *
 * @example
 * const copy = createStaticCopy({ app, status, config: () => config.staticCopy, dataDir: () => config.storage.dataDir, name: () => 'Example', now: Date.now, log, metrics: staticCopyMetrics(metrics.registers), secrets: () => [] })
 * copy.start()
 */
export function createStaticCopy(deps: StaticCopyDeps): StaticCopy {
  let running: Promise<RenderOutcome> | null = null
  let lastRenderAt = Number.NEGATIVE_INFINITY
  let lastFingerprint = ''
  let debounce: NodeJS.Timeout | undefined
  let ticker: NodeJS.Timeout | undefined
  let stopped = false

  const pass = async (force: boolean): Promise<RenderOutcome> => {
    const config = deps.config()
    const fingerprint = publicFingerprint(await deps.status.current())
    if (!force && fingerprint === lastFingerprint && deps.now() - lastRenderAt < config.maxInterval) return { dir: null, publish: null }
    const generatedAt = deps.now()
    lastRenderAt = generatedAt
    const root = staticRoot(config, deps.dataDir())
    let dir: string
    try {
      const site = await renderSite(deps.app, { generatedAt, staleAfterMs: config.staleAfter, name: deps.name(), extraJson: deps.extraJson?.() ?? [], ...liveUrlOf(deps) })
      dir = await writeGeneration(root, site.files, generatedAt)
      await switchCurrent(root, dir)
      await pruneGenerations(root)
      lastFingerprint = fingerprint
      deps.metrics.countRender('ok')
      deps.metrics.setGenerated(generatedAt)
      if (site.missing.length > 0) deps.log.warn({ missing: site.missing.slice(0, 20) }, 'static copy: some linked pages did not render')
    } catch (error) {
      deps.metrics.countRender('failed')
      deps.log.error({ err: error, root }, 'static copy: render failed; the previous generation stays current')
      return { dir: null, publish: null }
    }
    if (config.publishCommand === undefined) return { dir, publish: null }
    const publish = await runPublish({ command: config.publishCommand, dir, timeoutMs: config.publishTimeout, secrets: deps.secrets() })
    deps.metrics.countPublish(publish.ok ? 'ok' : 'failed')
    const report = { program: config.publishCommand[0], dir, durationMs: Math.round(publish.durationMs), exitCode: publish.exitCode, output: publish.output }
    if (publish.ok) deps.log.info(report, 'static copy published')
    else deps.log.error({ ...report, reason: publish.reason }, 'static copy: publish command failed')
    return { dir, publish }
  }

  const rearm = () => {
    clearTimeout(ticker)
    if (stopped || !deps.config().enabled) return
    ticker = setTimeout(() => void run(true), Math.max(0, lastRenderAt + deps.config().maxInterval - deps.now()))
    ticker.unref()
  }

  /** Runs a pass after the running one, if any: passes never overlap. */
  const run = async (force: boolean): Promise<RenderOutcome> => {
    while (running !== null) await running
    const current = pass(force).catch((error: unknown) => {
      deps.log.error({ err: error }, 'static copy: pass failed')
      return { dir: null, publish: null }
    })
    running = current
    try {
      return await current
    } finally {
      running = null
      rearm()
    }
  }

  let pendingWrite = false
  const schedule = (written: boolean) => {
    if (stopped || !deps.config().enabled) return
    if (written) pendingWrite = true
    if (debounce !== undefined) return
    const wait = Math.max(0, lastRenderAt + deps.config().minInterval - deps.now())
    debounce = setTimeout(() => {
      debounce = undefined
      const force = pendingWrite
      pendingWrite = false
      void run(force)
    }, wait)
  }

  // New data may change the public state; a model write (written) renders even if it looks the same.
  deps.status.onChange(schedule)
  return {
    start() {
      if (deps.config().enabled) schedule(true)
    },
    renderNow: () => run(true),
    async stop() {
      stopped = true
      clearTimeout(debounce)
      clearTimeout(ticker)
      await running
    },
  }
}
