/**
 * The repositories every dialect builds the same way over its Kysely instance and its write
 * transaction; only results (bulk writes) and backups differ per dialect.
 *
 * @module
 */
import type { Kysely } from 'kysely'
import { auditRepository, declaredWrite } from './audit-repository.js'
import { checksRepository } from './checks-repository.js'
import { componentsRepository } from './components-repository.js'
import { evaluationsRepository } from './evaluations-repository.js'
import { evidencePinsRepository } from './evidence-pins-repository.js'
import { incidentsRepository } from './incidents-repository.js'
import { ledgerRepository } from './ledger-repository.js'
import { catalogRepository } from './catalog-repository.js'
import { alertsRepository } from './alerts-repository.js'
import { outboxRepository } from './outbox-repository.js'
import { maintenanceRepository } from './maintenance-repository.js'
import { marksRepository } from './marks-repository.js'
import { rollupsRepository } from './rollups-repository.js'
import { rollupBreakdownsRepository } from './rollup-breakdowns.js'
import { retentionRepository } from './retention-repository.js'
import { recordReadsRepository } from './record-reads-repository.js'
import { tokensRepository } from './tokens-repository.js'
import { retractionsRepository } from './retractions-repository.js'
import { templatesRepository } from './templates-repository.js'
import { operatorSessionsRepository } from './operator-sessions-repository.js'
import { noticesRepository } from './notices-repository.js'
import { maintenanceSeriesRepository } from './maintenance-series-repository.js'
import { handbookRepository } from './handbook-repository.js'
import { subscriptionsRepository } from './subscriptions-repository.js'
import { postmortemsRepository } from './postmortems-repository.js'
import type { Database } from './schema.js'
import type { Store } from './store.js'
import type { WriteTransaction } from './write-transaction.js'

/** The dialect-independent members of a {@link Store}. */
export type SharedRepositories = Pick<Store, 'checks' | 'components' | 'evaluations' | 'rollups' | 'rollupBreakdowns' | 'retention' | 'recordReads' | 'incidents' | 'maintenance' | 'maintenanceSeries' | 'marks' | 'audit' | 'writeDeclared' | 'evidencePins' | 'ledger' | 'catalog' | 'outbox' | 'alerts' | 'tokens' | 'retractions' | 'templates' | 'notices' | 'handbook' | 'operatorSessions' | 'subscriptions' | 'postmortems'>

/**
 * Builds the shared repositories.
 *
 * @example
 * return { dialect: 'sqlite', ...sharedRepositories(db, write), results, backup, close }
 */
export function sharedRepositories(db: Kysely<Database>, write: WriteTransaction): SharedRepositories {
  return {
    checks: checksRepository(db, write),
    components: componentsRepository(db, write),
    evaluations: evaluationsRepository(db, write),
    rollups: rollupsRepository(db, write),
    rollupBreakdowns: rollupBreakdownsRepository(db),
    retention: retentionRepository(db, write),
    recordReads: recordReadsRepository(db),
    incidents: incidentsRepository(db),
    maintenance: maintenanceRepository(db),
    maintenanceSeries: maintenanceSeriesRepository(db),
    marks: marksRepository(db),
    audit: auditRepository(db),
    writeDeclared: declaredWrite(write),
    ledger: ledgerRepository(db, write),
    catalog: catalogRepository(db),
    outbox: outboxRepository(db, write),
    alerts: alertsRepository(db, write),
    evidencePins: evidencePinsRepository(db, write),
    tokens: tokensRepository(db, write),
    retractions: retractionsRepository(db),
    templates: templatesRepository(db),
    operatorSessions: operatorSessionsRepository(db, write),
    notices: noticesRepository(db),
    handbook: handbookRepository(db, write),
    subscriptions: subscriptionsRepository(db, write),
    postmortems: postmortemsRepository(db),
  }
}
