/**
 * Everything the service does with maintenance, in one part: single windows (schedule, edit,
 * cancel), recurring series, and the minimum-notice policy — a write whose window starts sooner
 * than the policy allows still happens, and its result carries `warnings`.
 *
 * @module
 */
import type { ServiceContext } from './context.js'
import type { NewMaintenance, Writer } from './inputs.js'
import { maintenanceEditService, type MaintenanceEditService, type MaintenanceWriteResult } from './maintenance-edit.js'
import { DEFAULT_MINIMUM_NOTICE_MS, noticeWarnings } from './maintenance-notice.js'
import { maintenanceSeriesService, type MaintenanceSeriesService } from './maintenance-series.js'
import { maintenanceStatus, maintenanceWriteService, type MaintenanceView, type MaintenanceWriteService } from './maintenance-writes.js'
import { DEFAULT_SERIES_HORIZON_MS } from './series-materialize.js'

/** The maintenance policy, read at each write (so a config reload applies at once). */
export interface MaintenancePolicy {
  /** Shorter notice than this warns; default 36 h (config `operator.minimumNotice`). */
  minimumNoticeMs?: () => number
  /** How far ahead series are materialized; default 30 days (config `maintenanceSeries.horizon`). */
  seriesHorizonMs?: () => number
}

/** Windows, their edit, series, and the notice warnings. */
export interface MaintenanceService extends Omit<MaintenanceWriteService, 'createMaintenance'>, MaintenanceEditService, MaintenanceSeriesService {
  /** Creates a window (`managed: api`); `warnings` says when it leaves less notice than the policy asks. */
  createMaintenance(input: NewMaintenance, writer: Writer): Promise<MaintenanceWriteResult>
  /** One window with its status now, archived ones too; null when unknown. */
  maintenanceWindow(id: string): Promise<MaintenanceView | null>
}

/**
 * Builds the maintenance part over `context`.
 *
 * @example
 * const maintenance = maintenanceService(context, { minimumNoticeMs: () => config.operator.minimumNotice })
 */
export function maintenanceService(context: ServiceContext, policy: MaintenancePolicy = {}): MaintenanceService {
  const minimumNoticeMs = policy.minimumNoticeMs ?? (() => DEFAULT_MINIMUM_NOTICE_MS)
  const horizonMs = policy.seriesHorizonMs ?? (() => DEFAULT_SERIES_HORIZON_MS)
  const windows = maintenanceWriteService(context)
  return {
    ...windows,
    async createMaintenance(input, writer) {
      const created = await windows.createMaintenance(input, writer)
      return { ...created, warnings: noticeWarnings(created.start, created.createdAt, minimumNoticeMs()) }
    },
    async maintenanceWindow(id) {
      const row = await context.store.maintenance.get(id)
      return row === null ? null : { ...row, status: maintenanceStatus(row, context.clock.now()) }
    },
    ...maintenanceEditService(context, minimumNoticeMs),
    ...maintenanceSeriesService(context, { horizonMs, minimumNoticeMs }),
  }
}
