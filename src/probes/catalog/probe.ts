/**
 * The catalog probe for configured checks: loads the check's cloud from clouds.yaml and runs
 * {@link runCatalogCheck}.
 *
 * @module
 */
import { CloudConfigError, loadCloud } from '../../openstack/index.js'
import { internalResult, neverThrow } from '../guard.js'
import type { Probe, ProbeContext } from '../probe.js'
import { runCatalogCheck } from './run.js'
import type { CatalogCheckFields } from './schema.js'

/**
 * Checks every service in the catalog of `check.cloud`. A cloud that cannot be loaded
 * (missing clouds.yaml, unknown cloud or region) fails as `internal`: the monitor's
 * configuration, not the cloud, is at fault.
 *
 * @example
 * await catalogProbe({ check: { kind: 'catalog', cloud: 'demo', skip: [], urls: {} }, signal, clock, log })
 */
export const catalogProbe: Probe<CatalogCheckFields> = neverThrow(async (ctx: ProbeContext<CatalogCheckFields>) => {
  const { check, clock, signal, log } = ctx
  const startedAt = clock.now()
  const started = clock.monotonic()
  let cloud
  try {
    cloud = await loadCloud({ cloud: check.cloud, ...(check.region === undefined ? {} : { region: check.region }) })
  } catch (error) {
    if (!(error instanceof CloudConfigError)) throw error
    const result = internalResult(startedAt, clock.monotonic() - started, error)
    return { ...result, failure: { code: 'internal', message: `cloud ${check.cloud}: ${error.message}` } }
  }
  return runCatalogCheck({ cloud, skip: check.skip, urls: check.urls, signal, clock, log })
})
