/**
 * The ordered list of schema migrations. Names are dated and numbered (`YYYY-MM-DD-NN-what`) so
 * they sort in the order they were written (Kysely runs them in name order); a new migration is a new file plus one line here.
 *
 * @module
 */
import type { Migration, MigrationProvider } from 'kysely'
import * as componentFeeds from './2026-11-22-02-component-feeds.js'
import * as foundation from './2026-11-22-01-foundation.js'
import * as evaluations from './2026-11-22-03-evaluations.js'
import * as rollups from './2026-11-22-04-rollups.js'
import * as incidents from './2026-11-22-05-incidents.js'
import * as evidencePins from './2026-11-22-06-evidence-pins.js'
import * as measurementMarks from './2026-11-22-07-measurement-marks.js'
import * as scenarioLedger from './2026-11-22-08-scenario-ledger.js'
import * as outboxAlerts from './2026-12-06-09-outbox-alerts.js'
import * as apiTokens from './2026-12-06-10-api-tokens.js'
import * as scsModel from './2026-12-06-11-scs-model.js'
import * as templatesRetraction from './2026-12-06-12-templates-retraction.js'
import * as handbook from './2026-12-07-16-handbook.js'
import * as auditChain from './2026-12-07-17-audit-chain.js'
import * as operatorSessions from './2026-12-07-14-operator-sessions.js'
import * as subscriptions from './2026-12-07-13-subscriptions.js'
import * as maintenanceSeries from './2026-12-07-15-maintenance-series.js'
import * as postmortems from './2026-12-08-18-postmortems.js'
import * as retention from './2026-12-08-20-retention.js'

const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '2026-11-22-01-foundation': foundation,
  '2026-11-22-02-component-feeds': componentFeeds,
  '2026-11-22-03-evaluations': evaluations,
  '2026-11-22-04-rollups': rollups,
  '2026-11-22-05-incidents': incidents,
  '2026-11-22-06-evidence-pins': evidencePins,
  '2026-11-22-07-measurement-marks': measurementMarks,
  '2026-11-22-08-scenario-ledger': scenarioLedger,
  '2026-12-06-09-outbox-alerts': outboxAlerts,
  '2026-12-06-10-api-tokens': apiTokens,
  '2026-12-06-11-scs-model': scsModel,
  '2026-12-06-12-templates-retraction': templatesRetraction,
  '2026-12-07-16-handbook': handbook,
  '2026-12-07-17-audit-chain': auditChain,
  '2026-12-07-14-operator-sessions': operatorSessions,
  '2026-12-07-13-subscriptions': subscriptions,
  '2026-12-07-15-maintenance-series': maintenanceSeries,
  '2026-12-08-18-postmortems': postmortems,
  '2026-12-08-20-retention': retention,
}

/**
 * Hands Kysely's Migrator the migrations compiled into the program (no directory scan, so
 * bundling and tsx behave the same).
 *
 * @example
 * new Migrator({ db, provider: migrationProvider })
 */
export const migrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...MIGRATIONS }),
}
