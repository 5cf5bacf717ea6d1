/**
 * The config of a `kind: catalog` check (CloudMon's epmon, OSHM's `-X`): which cloud, and the
 * per-cloud URL and skip lists. The common check fields (name, interval, timeout, …) come from
 * `config/check-schema.ts`, which spreads {@link CATALOG_CHECK_FIELDS} next to them.
 *
 * @module
 */
import { z } from 'zod'

/**
 * The catalog-specific fields of a check.
 *
 * @example
 * const CatalogCheckSchema = z.strictObject({ ...common, ...CATALOG_CHECK_FIELDS })
 */
export const CATALOG_CHECK_FIELDS = {
  kind: z.literal('catalog'),
  /** A cloud of clouds.yaml (like `openstack --os-cloud`). */
  cloud: z.string().min(1),
  /** The region; default the cloud's (`region_name`, `OS_REGION_NAME`, the first of `regions`). */
  region: z.string().min(1).optional(),
  /** Service types (or aliases) not to check; listed services show as skipped steps. */
  skip: z.array(z.string().min(1)).default([]),
  /**
   * Service type (or alias) → path(s) relative to its endpoint to GET instead of the built-in
   * list call; an empty list checks only the version document.
   */
  urls: z.record(z.string().min(1), z.union([z.string(), z.array(z.string())])).default({}),
}

/** The catalog fields alone, validated (for tests and the ad hoc CLI). */
export const CatalogCheckFieldsSchema = z.strictObject(CATALOG_CHECK_FIELDS)

/** What the catalog probe reads from its check. */
export type CatalogCheckFields = z.infer<typeof CatalogCheckFieldsSchema>
