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

/** A component with every feed resolved to a check name and a location. */
export interface EffectiveComponent {
  name: string
  displayName: string
  description: string | null
  labels: Record<string, string>
  feeds: { check: string; location: string }[]
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
      feeds: component.feeds.map((feed) => ({ check: feed.check, location: feed.location ?? locationOf(checks.get(feed.check)) })),
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
