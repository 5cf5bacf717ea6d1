/**
 * The handbook load the server runs at startup and on each config reload: resolve the folder
 * against the main config file, store what changed, log what happened. A failure is logged and
 * never stops the server (the stored handbook stays published).
 *
 * @module
 */
import { dirname, resolve } from 'node:path'
import type { Store } from '../store/index.js'
import { syncHandbook, type HandbookSyncReport } from './sync.js'

/** Where the log lines go (pino fits). */
export interface HandbookLog {
  info(object: object, message?: string): void
  warn(object: object, message?: string): void
  error(object: object, message?: string): void
}

/**
 * The handbook folder: `dir` relative to the main config file's folder (or `cwd` without one).
 *
 * @example
 * handbookFolder('./handbook', '/etc/glasshouse/glasshouse.yaml', '/') // '/etc/glasshouse/handbook'
 */
export function handbookFolder(dir: string, configFile: string | null, cwd: string = process.cwd()): string {
  return resolve(configFile === null ? cwd : dirname(resolve(cwd, configFile)), dir)
}

/**
 * Loads the handbook into the store; resolves to the report, or null when the load failed.
 *
 * @example
 * await loadHandbook({ store, log, dir: config.handbook.dir, configFile, now: clock.now() })
 */
export async function loadHandbook(input: { store: Store; log: HandbookLog; dir: string; configFile: string | null; now: number }): Promise<HandbookSyncReport | null> {
  const folder = handbookFolder(input.dir, input.configFile)
  try {
    const report = await syncHandbook(input.store.handbook, folder, input.now)
    for (const problem of report.problems) input.log.warn({ problem }, 'handbook page skipped')
    if (!report.folderFound) input.log.info({ folder }, 'no handbook folder; the stored handbook stays as it is')
    else if (report.changed.length > 0 || report.removed.length > 0) input.log.info({ folder, changed: report.changed, removed: report.removed }, 'handbook revisions stored')
    return report
  } catch (error) {
    input.log.error({ err: error, folder }, 'handbook load failed; the stored handbook stays published')
    return null
  }
}
