/**
 * In-flight limits: how many steps of one limit class run at once. Every service is its own
 * class (default 4 calls in flight); server boots are a separate class (default 2).
 *
 * @module
 */

/** The limit class of server boots; a boot step lists it beside `compute`. */
export const SERVER_BOOT = 'server-boot'

/** Slots per class when nothing else is configured. */
export const DEFAULT_SERVICE_LIMIT = 4

/** Configured limits: the default slots per class and overrides per class. */
export interface LimitSettings {
  /** Slots of a class not named in `limits`; default {@link DEFAULT_SERVICE_LIMIT}. */
  defaultLimit?: number
  /** Slots per class (`compute: 2`, `server-boot: 1`); `server-boot` defaults to 2. */
  limits?: Readonly<Record<string, number>>
  /** Steps running at once in all; `1` replays the reference order one step at a time. Default unlimited. */
  concurrency?: number
}

/**
 * Checks the settings and returns the slots of each class and the global concurrency. Throws a
 * `RangeError` for a limit that is not a positive integer (a zero limit would never finish).
 *
 * @example
 * resolveLimits({ limits: { compute: 8 } }).limitOf('server-boot') // 2
 */
export function resolveLimits(settings: LimitSettings = {}): { limitOf(limitClass: string): number; concurrency: number } {
  const defaultLimit = settings.defaultLimit ?? DEFAULT_SERVICE_LIMIT
  const limits: Record<string, number> = { [SERVER_BOOT]: 2, ...settings.limits }
  const concurrency = settings.concurrency ?? Infinity
  for (const [name, value] of [['defaultLimit', defaultLimit], ['concurrency', concurrency], ...Object.entries(limits)] as const) {
    if (!(value === Infinity || (Number.isInteger(value) && value >= 1))) throw new RangeError(`limit ${name} must be a positive integer, got ${value}`)
  }
  return { limitOf: (limitClass) => limits[limitClass] ?? defaultLimit, concurrency }
}
