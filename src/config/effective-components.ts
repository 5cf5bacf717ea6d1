/**
 * The components the page shows, as the config implies them: those in `components:`, or — when
 * that section is empty — one component per enabled check, so a config of checks alone still
 * publishes something.
 *
 * @module
 */
import { NO_LOCATION } from '../core/series.js'
import type { Check } from './check-schema.js'
import type { ComponentConfig } from './components-schema.js'

/** Which part of a check's results a feed takes: the calls and steps matching `operations`. */
export interface FeedPart {
  /** The configured check whose results are projected. */
  of: string
  operations: string[]
}

/**
 * A feed resolved to a check name and a location. A part feed names the derived check
 * (`<check>/<component>`, see {@link derivedCheckName}) that holds the part's results.
 */
export interface EffectiveFeed {
  check: string
  location: string
  part?: FeedPart
}

/** A component with every feed resolved to a check name and a location. */
export interface EffectiveComponent {
  name: string
  displayName: string
  description: string | null
  labels: Record<string, string>
  feeds: EffectiveFeed[]
}

/**
 * The name of the check holding the part of `check` that feeds `component`. It cannot clash
 * with a configured check: those names have no `/`.
 *
 * @example
 * derivedCheckName('oshm', 'block-storage') // 'oshm/block-storage'
 */
export function derivedCheckName(check: string, component: string): string {
  return `${check}/${component}`
}

function feedOf(component: ComponentConfig, feed: ComponentConfig['feeds'][number], checks: ReadonlyMap<string, Check>): EffectiveFeed {
  const location = feed.location ?? locationOf(checks.get(feed.check))
  if (feed.operations === undefined) return { check: feed.check, location }
  return { check: derivedCheckName(feed.check, component.name), location, part: { of: feed.check, operations: feed.operations } }
}

function locationOf(check: Check | undefined): string {
  return check?.labels.location ?? NO_LOCATION
}

function withoutLocation(labels: Record<string, string>): Record<string, string> {
  const { location: _location, ...rest } = labels
  return rest
}

/**
 * Resolves the components of a config.
 *
 * @example
 * effectiveComponents({ checks: [apiCheck], components: [] })
 * // [{ name: 'api', displayName: 'api', description: null, labels: {}, feeds: [{ check: 'api', location: 'global' }] }]
 */
export function effectiveComponents(config: { checks: readonly Check[]; components: readonly ComponentConfig[] }): EffectiveComponent[] {
  const checks = new Map(config.checks.map((check) => [check.name, check]))
  if (config.components.length > 0) {
    return config.components.map((component) => ({
      name: component.name,
      displayName: component.displayName ?? component.name,
      description: component.description ?? null,
      labels: component.labels,
      feeds: component.feeds.map((feed) => feedOf(component, feed, checks)),
    }))
  }
  return config.checks
    .filter((check) => check.enabled)
    .map((check) => ({
      name: check.name,
      displayName: check.displayName ?? check.name,
      description: check.description ?? null,
      labels: withoutLocation(check.labels),
      feeds: [{ check: check.name, location: locationOf(check) }],
    }))
}
