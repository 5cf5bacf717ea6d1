/**
 * Per-service call timeouts, after the SCS openstack-health-monitor's defaults.
 *
 * @module
 */

/** Milliseconds per official service type; `default` for every other service. */
export const DEFAULT_SERVICE_TIMEOUTS_MS: Readonly<Record<string, number>> = {
  compute: 28_000,
  network: 26_000,
  'block-storage': 32_000,
  image: 32_000,
  'load-balancer': 36_000,
  identity: 22_000,
  default: 22_000,
}

/** Operations slower by nature than their service's other calls. */
export const DEFAULT_OPERATION_TIMEOUTS_MS: Readonly<Record<string, number>> = {
  'compute.servers.create': 48_000,
}

/** Timeouts to use; each field overrides the defaults key by key. */
export interface TimeoutSettings {
  /** One timeout for every call (clouds.yaml `api_timeout`); wins over the tables. */
  allMs?: number
  services?: Record<string, number>
  operations?: Record<string, number>
}

/**
 * The timeout of one call: the operation's, else the service's, else the default.
 *
 * @example
 * callTimeoutMs('compute', 'compute.servers.create', {}) // 48000
 * callTimeoutMs('network', 'network.networks.list', {}) // 26000
 */
export function callTimeoutMs(service: string, operation: string, settings: TimeoutSettings): number {
  if (settings.allMs !== undefined) return settings.allMs
  return (
    settings.operations?.[operation] ??
    DEFAULT_OPERATION_TIMEOUTS_MS[operation] ??
    settings.services?.[service] ??
    DEFAULT_SERVICE_TIMEOUTS_MS[service] ??
    settings.services?.default ??
    DEFAULT_SERVICE_TIMEOUTS_MS.default!
  )
}
