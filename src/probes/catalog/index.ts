/**
 * The catalog probe kind (CloudMon's epmon, OSHM's `-X`).
 *
 * @module
 */
export { catalogProbe } from './probe.js'
export { runCatalogCheck } from './run.js'
export type { CatalogCheckOptions } from './run.js'
export { CATALOG_CHECK_FIELDS, CatalogCheckFieldsSchema } from './schema.js'
export type { CatalogCheckFields } from './schema.js'
export { CATALOG_LIST_CALLS } from './table.js'
export type { ListCall } from './table.js'
