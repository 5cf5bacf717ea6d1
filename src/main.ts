/**
 * The composition root: the only place that builds the clock, logger, store, metrics, monitor and
 * HTTP server, and wires signals (SIGHUP reload, SIGTERM/SIGINT graceful stop).
 *
 * @module
 */
import type { ServerType } from '@hono/node-server'
import { systemClock, type Clock } from './core/clock.js'
import { compileHealth, declarationSites, loadConfig, formatIssues, ConfigError, effectiveComponents, type Config } from './config/index.js'
import { createHealthRunner } from './health-runner/index.js'
import { createIncidentService, declaredFromConfig, type IncidentService } from './incidents/index.js'
import { createIncidentAutomation } from './incident-automation/index.js'
import { createRecordsJob } from './records-job/index.js'
import { createRetentionJob, retentionPolicy } from './retention/index.js'
import { createLogger, type Logger } from './log/index.js'
import { createMetrics } from './metrics/index.js'
import { createMonitor, createResultWriter, type MonitoredConfig } from './monitor/index.js'
import { createHotResponses, createServerApp, listenHttp, type HotResponses } from './server/index.js'
import { createStatusReader, SERVE_STATUS_MIN_AGE_MS } from './status/index.js'
import { closeSharedAgents, runCheck } from './probes/index.js'
import { closeSimulatedClouds } from './probes/scenario/index.js'
import { openStore } from './store/index.js'
import { VERSION } from './version.js'
import { startAlerts } from './alerts/index.js'
import { loadHandbook } from './handbook/index.js'
import { createSubscriptions } from './subscriptions/index.js'
import { createSeriesJob } from './maintenance-series/index.js'
import { recordConfigLoad } from './audit/index.js'
import { createStaticCopy, staticCopyMetrics } from './static-copy/index.js'

/** How `glasshouse serve` was asked to run, after flags, environment and file were merged. */
export interface ServeOptions {
  config: Config
  /** The file the config came from, for SIGHUP reloads; null when running on defaults. */
  configFile: string | null
  /** Every file the config was read from (main file and glasshouse.d), for `file:line` of declared objects. */
  configFiles?: string[]
  /** Values substituted into the config (`${ENV}`, `${file:…}`), kept out of the store. */
  secrets?: string[]
  log?: Logger
  clock?: Clock
  /** Re-applies flag and environment overrides to a reloaded config. */
  overrides?: (config: Config) => Config
}

/** A running Glasshouse. */
export interface Running {
  url: string
  /** Reloads the config file; unchanged checks keep running. Resolves to false when invalid. */
  reload(): Promise<boolean>
  /** Stops accepting requests, waits for running probes, writes every queued result, closes. */
  stop(): Promise<void>
}

function monitored(config: Config): MonitoredConfig {
  return { checks: config.checks, components: effectiveComponents(config) }
}

/** The health rule sets of a config, and which one each component uses. */
function healthRules(config: Config) {
  const compiled = compileHealth(config.health)
  const named = new Map(config.components.map((component) => [component.name, component.health]))
  return { ruleSets: compiled.ruleSets, defaultRuleSet: compiled.defaultName, ruleSetOf: (component: string) => named.get(component) }
}

async function syncDeclared(incidents: IncidentService, config: Config, files: readonly string[], now: number) {
  return incidents.syncFromConfig(declaredFromConfig(config, await declarationSites(files)), now)
}

function splitListen(listen: string): { hostname: string; port: number } {
  const match = /^\[?([^\]]*?)\]?:(\d+)$/.exec(listen)
  if (!match) throw new Error(`invalid listen address "${listen}"`)
  return { hostname: match[1]!, port: Number(match[2]) }
}

async function listenOn(app: ReturnType<typeof createServerApp>, hot: HotResponses, listen: string): Promise<{ server: ServerType; url: string }> {
  const { server, address } = await listenHttp(app, hot, splitListen(listen))
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return { server, url: `http://${host}:${address.port}` }
}

/**
 * Starts the server, the monitor and the result writer.
 *
 * @example
 * const running = await startGlasshouse({ config, configFile: 'glasshouse.yaml' })
 * process.once('SIGTERM', () => void running.stop())
 */
export async function startGlasshouse(options: ServeOptions): Promise<Running> {
  const clock = options.clock ?? systemClock
  let config = options.config
  const log = options.log ?? createLogger({ level: config.log.level })
  const store = await openStore({
    dataDir: config.storage.dataDir,
    ...(config.storage.databaseUrl ? { databaseUrl: config.storage.databaseUrl } : {}),
    log,
  })
  const migrated = await store.migrate()
  if (migrated.applied.length > 0) log.info({ applied: migrated.applied }, 'migrations applied')
  const metrics = createMetrics()
  const status = createStatusReader({ store, clock, minAgeMs: SERVE_STATUS_MIN_AGE_MS })
  const writer = createResultWriter({ sink: store.results, metrics, log })
  const hot = createHotResponses()
  const subscriptions = createSubscriptions({ config, store, clock, log })
  const app = createServerApp({
    hot,
    store,
    status,
    metrics,
    title: config.server.title,
    version: VERSION,
    log,
    phaseNames: () => config.phases,
    incoming: () => config.incoming,
    operator: () => config.operator,
    maintenanceHorizon: () => config.maintenanceSeries.horizon,
    recordsTimeZone: () => config.records.timeZone,
    scs: config.scs,
    page: () => config.page,
    publicUrl: () => config.server.publicUrl,
    clock,
    subscriptions,
  })
  const staticCopy = createStaticCopy({
    app,
    status,
    config: () => config.staticCopy,
    dataDir: () => config.storage.dataDir,
    name: () => config.page.name ?? config.server.title,
    now: () => clock.now(),
    log,
    metrics: staticCopyMetrics(metrics.registers),
    secrets: () => options.secrets ?? [],
    extraJson: () => [`${config.scs.prefix}/components`],
    liveUrl: () => config.page.publicUrl ?? config.server.publicUrl,
  })
  const { server, url } = await listenOn(app, hot, config.server.listen)
  log.info({ url }, 'serving')
  const monitor = createMonitor({ store, writer, metrics, clock, log, run: (check, deps) => runCheck(check, { ...deps, ledger: store.ledger }) })
  const applied = await monitor.apply(monitored(config), options.secrets)
  log.info({ checks: applied.added.length }, 'checks scheduled')
  const incidents = createIncidentService({ store, clock, maintenance: { minimumNoticeMs: () => config.operator.minimumNotice, seriesHorizonMs: () => config.maintenanceSeries.horizon } })
  let files = options.configFiles ?? []
  await syncDeclared(incidents, config, files, clock.now())
  await recordConfigLoad(store, { config, secrets: options.secrets ?? [], trigger: 'start-up', at: clock.now() })
  await loadHandbook({ store, log, dir: config.handbook.dir, configFile: options.configFile, now: clock.now() })
  const health = createHealthRunner({ store, clock, log, ...healthRules(config) })
  health.onPublished(() => status.invalidate())
  writer.onWritten(() => {
    status.invalidate()
    health.nudge()
  })
  const automation = createIncidentAutomation({ store, clock, log, incidents, settings: config.automation, onChange: () => status.invalidate() })
  health.onPublished(() => void automation.reconcile().catch((error: unknown) => log.error({ err: error }, 'incident automation pass failed')))
  const alerts = startAlerts({ config, store, clock, log, metrics, resolve: subscriptions.resolve })
  subscriptions.start()
  health.onPublished(() => void alerts.reconcile())
  health.start()
  automation.start()
  const { timeZone, retention: keep } = config.records
  const records = createRecordsJob({ store, clock, log, timeZone, retention: { minuteMs: keep.minuteRollups, hourMs: keep.hourRollups } })
  records.start()
  const retention = createRetentionJob({ store, clock, log, policy: retentionPolicy(keep) })
  retention.start()
  const maintenanceSeries = createSeriesJob({ materialize: () => incidents.materializeAllSeries(), everyMs: config.maintenanceSeries.interval, log, onChange: () => status.changed() })
  maintenanceSeries.start()
  staticCopy.start()

  return {
    url,
    async reload() {
      if (options.configFile === null) return true
      let secrets: string[]
      try {
        const loaded = await loadConfig({ file: options.configFile })
        config = options.overrides ? options.overrides(loaded.config) : loaded.config
        secrets = loaded.secrets
        files = loaded.files
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error
        log.error({ issues: formatIssues(error.issues) }, 'config reload rejected; the running config stays')
        return false
      }
      const report = await monitor.apply(monitored(config), secrets)
      // Before the sync: the fan-out must know which config windows are silent when the sync's events reach it.
      subscriptions.reload(config)
      await syncDeclared(incidents, config, files, clock.now())
      await recordConfigLoad(store, { config, secrets, trigger: 'reload', at: clock.now() })
      await loadHandbook({ store, log, dir: config.handbook.dir, configFile: options.configFile, now: clock.now() })
      void maintenanceSeries.runNow().catch((error: unknown) => log.error({ err: error }, 'materializing maintenance series after the reload failed'))
      health.configure(healthRules(config))
      automation.configure(config.automation)
      alerts.reload(config)
      status.changed()
      log.info(report, 'config reloaded')
      return true
    },
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await staticCopy.stop()
      await monitor.stop()
      await closeSharedAgents()
      await closeSimulatedClouds()
      await writer.close()
      await health.stop()
      await automation.stop()
      await alerts.stop()
      await subscriptions.stop()
      await records.stop()
      await retention.stop()
      await maintenanceSeries.stop()
      await store.close()
      log.info({}, 'stopped')
    },
  }
}
