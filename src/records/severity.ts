/**
 * Severity ranges with SCS semantics, and their weights in declared availability.
 *
 * An impact's severity is 0–100. Each named level has a `value`, the upper bound of its range;
 * a range runs from the previous level's value + 1 up to its own. 0 is reserved for maintenance
 * and 100 must be the top bound (SCS status-page OpenAPI `Severity`).
 *
 * @module
 */

/** One named severity level: its range ends at `value` (inclusive). */
export interface SeverityLevel {
  name: string
  value: number
}

/** The name under which severity 0 (maintenance) is reported. */
export const MAINTENANCE_LEVEL = 'maintenance'

/** The SCS defaults: operational 1–33, limited 34–66, broken 67–100 (0 is maintenance). */
export const DEFAULT_SEVERITY_LEVELS: readonly SeverityLevel[] = [
  { name: 'operational', value: 33 },
  { name: 'limited', value: 66 },
  { name: 'broken', value: 100 },
]

/**
 * The ranges the state function maps severities through: the CSP's stored levels (SCS
 * `/severities`), completed from the built-in levels where they do not reach 100. A stored level
 * at 0 is ignored (0 is always maintenance); a built-in level whose name a stored one already
 * uses is renamed `<name> (built-in)`. Without stored levels the built-in ones apply unchanged.
 * So a severity above the CSP's top level falls in the built-in table, and the result always ends
 * at 100 with ascending values.
 *
 * @example
 * severityRanges([{ name: 'minor', value: 50 }])
 * // [{ name: 'minor', value: 50 }, { name: 'limited', value: 66 }, { name: 'broken', value: 100 }]
 */
export function severityRanges(stored: readonly SeverityLevel[]): SeverityLevel[] {
  const byValue = new Map<number, SeverityLevel>()
  for (const level of stored) {
    if (Number.isInteger(level.value) && level.value >= 1 && level.value <= 100 && !byValue.has(level.value)) byValue.set(level.value, { name: level.name, value: level.value })
  }
  const own = [...byValue.values()].sort((a, b) => a.value - b.value)
  const top = own.at(-1)?.value ?? 0
  const names = new Set(own.map((level) => level.name))
  const builtIn = DEFAULT_SEVERITY_LEVELS.filter((level) => level.value > top).map((level) => ({ name: names.has(level.name) ? `${level.name} (built-in)` : level.name, value: level.value }))
  return [...own, ...builtIn]
}

/**
 * The severity the SCS projection gives "no data" under `ranges` (as {@link severityRanges}
 * returns them): `preferred` (config `noDataSeverity`, default 34) when it lies above the lowest
 * range, else the bottom of the second range — so an SCS client never files "no data" in the
 * lowest range, which SCS calls "operational". A single range 1–100 leaves `preferred` as it is.
 *
 * @example
 * noDataSeverityWithin(severityRanges([{ name: 'operational', value: 50 }, { name: 'broken', value: 100 }]), 34) // 51
 */
export function noDataSeverityWithin(ranges: readonly SeverityLevel[], preferred: number): number {
  const lowestTop = ranges[0]?.value ?? 0
  return preferred > lowestTop || lowestTop >= 100 ? preferred : lowestTop + 1
}

/**
 * Checks a list of levels: values strictly ascending within 1–100, names unique and not
 * `maintenance`, the last value 100. Throws a `RangeError` naming the problem.
 *
 * @example
 * checkSeverityLevels([{ name: 'minor', value: 50 }]) // throws: the top level must end at 100
 */
export function checkSeverityLevels(levels: readonly SeverityLevel[]): void {
  const names = new Set<string>()
  levels.forEach((level, i) => {
    const previous = i === 0 ? 0 : levels[i - 1]!.value
    if (!Number.isInteger(level.value) || level.value <= previous || level.value > 100) {
      throw new RangeError(`severity level ${level.name}: value ${level.value} must be an integer in ${previous + 1}–100, above the level before`)
    }
    if (names.has(level.name) || level.name === MAINTENANCE_LEVEL) throw new RangeError(`severity level name ${level.name} is reserved or repeated`)
    names.add(level.name)
  })
  if (levels[levels.length - 1]?.value !== 100) throw new RangeError('the top severity level must end at 100')
}

/**
 * The name of the level a severity falls in (`maintenance` for 0).
 *
 * @example
 * severityLevelName(50) // 'limited'
 */
export function severityLevelName(severity: number, levels: readonly SeverityLevel[] = DEFAULT_SEVERITY_LEVELS): string {
  if (!Number.isInteger(severity) || severity < 0 || severity > 100) throw new RangeError(`not a severity (0–100): ${severity}`)
  if (severity === 0) return MAINTENANCE_LEVEL
  return levels.find((level) => severity <= level.value)!.name
}

/**
 * The default weights: 1 for the top level, 0 below. A weight is the share of an impact's time
 * counted as declared downtime.
 *
 * @example
 * defaultSeverityWeights() // { operational: 0, limited: 0, broken: 1 }
 */
export function defaultSeverityWeights(levels: readonly SeverityLevel[] = DEFAULT_SEVERITY_LEVELS): Record<string, number> {
  return Object.fromEntries(levels.map((level, i) => [level.name, i === levels.length - 1 ? 1 : 0]))
}
