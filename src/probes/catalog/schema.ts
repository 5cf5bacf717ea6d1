/**
 * The config of a `kind: catalog` check. The fields are defined with every other check kind in
 * `config/check-schema.ts`; this module gives the probe its own view of them.
 *
 * @module
 */
import { z } from 'zod'
import { CATALOG_CHECK_FIELDS } from '../../config/check-schema.js'

export { CATALOG_CHECK_FIELDS }

/** The catalog fields alone, validated (for tests and the ad hoc CLI). */
export const CatalogCheckFieldsSchema = z.strictObject(CATALOG_CHECK_FIELDS)

/** What the catalog probe reads from its check. */
export type CatalogCheckFields = z.infer<typeof CatalogCheckFieldsSchema>
