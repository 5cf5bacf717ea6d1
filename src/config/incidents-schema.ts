/**
 * The declared status model in config: `maintenance:` windows, `incidents:` (rare, but a known
 * long-running problem can be declared), and `phases:` display names. Objects declared here are
 * `managed: config`: the API cannot change them, and a reload reconciles them.
 *
 * @module
 */
import { readFile } from 'node:fs/promises'
import { isAbsolute, relative } from 'node:path'
import { z } from 'zod'
import { INCIDENT_PHASES, NO_LOCATION } from '../core/index.js'
import { locate, parseYamlTree, positionOf, toPlain, type RawIssue, type Tree } from './tree.js'
import { RecurrenceConfigSchema } from './maintenance-series-schema.js'

const name = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'names are 1–63 of a-z 0-9 . _ -, starting with a letter or digit')
const location = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'a location is a region or AZ name: 1–63 of A-Z a-z 0-9 . _ -')
const publicText = (max: number) => z.string().trim().min(1).max(max)

/** An instant written in RFC 3339 with a zone (`2026-12-01T22:00:00Z`, `…+01:00`), as epoch ms. */
export const InstantSchema = z.iso
  .datetime({ offset: true, error: 'expected an instant with a zone, such as 2026-12-01T22:00:00Z' })
  .transform((value) => Date.parse(value))

/** A component (and some of its locations; default all) a declaration concerns. */
export const DeclaredTargetSchema = z.strictObject({
  component: name.describe('a component of `components:` (or a check, when there is none)'),
  locations: z.array(location).min(1).optional().describe('default: every location of the component'),
})

/** One maintenance window (`start`, `end`), or a recurring series of them (`recurrence:`). */
export const MaintenanceConfigSchema = z
  .strictObject({
    name,
    title: publicText(200),
    description: publicText(10_000).optional(),
    components: z.array(DeclaredTargetSchema).min(1),
    start: InstantSchema.optional(),
    end: InstantSchema.optional(),
    recurrence: RecurrenceConfigSchema.optional().describe('a recurring series instead of one window: cron or weekdays, time zone, duration'),
    notify: z.boolean().default(true).describe('tell subscribers: announcement, reminder, start, completion, cancellation (default true; false: silent)'),
  })
  .superRefine((window, context) => {
    if (window.recurrence !== undefined) {
      for (const key of ['start', 'end'] as const) {
        if (window[key] !== undefined) context.addIssue({ code: 'custom', path: [key], message: `a recurring series has no ${key}; its recurrence says when` })
      }
      return
    }
    for (const key of ['start', 'end'] as const) {
      if (window[key] === undefined) context.addIssue({ code: 'custom', path: [], message: `a window needs ${key} (or a recurrence)` })
    }
    if (window.start !== undefined && window.end !== undefined && window.end <= window.start) context.addIssue({ code: 'custom', path: ['end'], message: 'end must be after start' })
  })

/** One impact of a declared incident. */
export const DeclaredImpactSchema = DeclaredTargetSchema.extend({
  type: publicText(100).default('Unknown').describe('the SCS impact type, e.g. "Performance Degradation"'),
  severity: z.number().int().min(0).max(100).describe('0 maintenance, 1–33 operational, 34–66 limited, 67–100 broken'),
})

/** One update of a declared incident; `phase` defaults to the previous update's. */
export const DeclaredUpdateSchema = z.strictObject({
  at: InstantSchema,
  phase: z.enum(INCIDENT_PHASES).optional(),
  text: publicText(10_000),
})

function checkUpdateOrder(incident: { began: number; updates: readonly { at: number; phase?: string | undefined }[] }, context: z.core.$RefinementCtx): void {
  let resolved = false
  incident.updates.forEach((update, index) => {
    const previous = index === 0 ? incident.began : incident.updates[index - 1]!.at
    if (update.at < previous) {
      const message = index === 0 ? 'must not be before the incident began' : 'must not be before the previous update'
      context.addIssue({ code: 'custom', path: ['updates', index, 'at'], message })
    }
    if (resolved && update.phase !== undefined && update.phase !== 'resolved') {
      context.addIssue({ code: 'custom', path: ['updates', index, 'phase'], message: 'a resolved incident stays resolved; declare a new incident instead' })
    }
    resolved ||= update.phase === 'resolved'
  })
}

/** One declared incident: its phase is that of its last update; `resolved` ends it. */
export const IncidentConfigSchema = z
  .strictObject({
    name,
    title: publicText(200),
    description: publicText(10_000).optional(),
    began: InstantSchema,
    impacts: z.array(DeclaredImpactSchema).default([]),
    updates: z.array(DeclaredUpdateSchema).min(1, 'an incident needs at least one update'),
  })
  .superRefine(checkUpdateOrder)

/** `phases:` — display names of the fixed incident phases. */
export const PhaseNamesSchema = z.strictObject(
  Object.fromEntries(INCIDENT_PHASES.map((phase) => [phase, publicText(60).optional()])) as Record<(typeof INCIDENT_PHASES)[number], z.ZodOptional<z.ZodString>>,
)

/** A validated maintenance window from config. */
export type MaintenanceConfig = z.infer<typeof MaintenanceConfigSchema>
/** A validated declared incident from config. */
export type IncidentConfig = z.infer<typeof IncidentConfigSchema>

/** The components a config defines and their locations (those of the feeds, or of the checks without `components:`). */
function componentLocations(root: Tree): Map<string, Set<string>> {
  const plain = (root.kind === 'map' ? toPlain(root) : {}) as { checks?: unknown; components?: unknown }
  const checks = Array.isArray(plain.checks) ? (plain.checks as { name?: unknown; labels?: { location?: unknown } }[]) : []
  const locationOf = (checkName: unknown) => {
    const label = checks.find((check) => check?.name === checkName)?.labels?.location
    return typeof label === 'string' ? label : NO_LOCATION
  }
  const components = Array.isArray(plain.components) ? (plain.components as { name?: unknown; feeds?: unknown }[]) : []
  const entries =
    components.length > 0
      ? components.map((component) => [component?.name, (Array.isArray(component?.feeds) ? component.feeds : []).map((feed: { check?: unknown; location?: unknown }) => (typeof feed?.location === 'string' ? feed.location : locationOf(feed?.check)))] as const)
      : checks.map((check) => [check?.name, [locationOf(check?.name)]] as const)
  return new Map(entries.filter((entry): entry is readonly [string, string[]] => typeof entry[0] === 'string').map(([key, locations]) => [key, new Set(locations)]))
}

function targetIssues(root: Tree, known: Map<string, Set<string>>, base: readonly (string | number)[]): RawIssue[] {
  const node = locate(root, base)
  if (!node.exact || node.node.kind !== 'seq') return []
  return node.node.items.flatMap((item, index): RawIssue[] => {
    const component = item.kind === 'map' ? item.entries.get('component') : undefined
    if (component?.kind !== 'scalar' || typeof component.value !== 'string') return []
    const locations = known.get(component.value)
    if (locations === undefined) {
      const message = `no component named "${component.value}"; configured: ${[...known.keys()].join(', ') || '(none)'}`
      return [{ at: positionOf(component), path: [...base, index, 'component'], message }]
    }
    const listed = item.kind === 'map' ? item.entries.get('locations') : undefined
    if (listed?.kind !== 'seq') return []
    return listed.items.flatMap((entry, position): RawIssue[] =>
      entry.kind === 'scalar' && typeof entry.value === 'string' && !locations.has(entry.value)
        ? [{ at: positionOf(entry), path: [...base, index, 'locations', position], message: `component "${component.value}" has no location "${entry.value}"; its locations: ${[...locations].join(', ')}` }]
        : [],
    )
  })
}

/**
 * The config rule: every component (and location) a maintenance window or a declared incident
 * names exists. Registered in `rules.ts`.
 */
export function declaredTargetsExist(root: Tree): RawIssue[] {
  if (root.kind !== 'map') return []
  const known = componentLocations(root)
  const itemsOf = (section: string) => {
    const node = root.entries.get(section)
    return node?.kind === 'seq' ? node.items.map((_, index) => index) : []
  }
  return [
    ...itemsOf('maintenance').flatMap((index) => targetIssues(root, known, ['maintenance', index, 'components'])),
    ...itemsOf('incidents').flatMap((index) => targetIssues(root, known, ['incidents', index, 'impacts'])),
    ...itemsOf('templates').flatMap((index) => targetIssues(root, known, ['templates', index, 'impacts'])),
  ]
}

/**
 * Where each declared object is written: `maintenance/<name>`, `incidents/<name>`,
 * `templates/<name>`, `notices/<name>` and `components/<name>` → `file:line` (paths relative to `cwd` when inside it), read again from the
 * files the config was loaded from, so that API writes to them can name the place to edit.
 *
 * @example
 * const sites = await declarationSites(loaded.files)
 * sites.get('maintenance/db-upgrade') // 'glasshouse.d/maintenance.yaml:4'
 */
export async function declarationSites(files: readonly string[], cwd: string = process.cwd()): Promise<Map<string, string>> {
  const sites = new Map<string, string>()
  for (const file of files) {
    const rel = relative(cwd, file)
    const shown = rel.startsWith('..') || isAbsolute(rel) ? file : rel
    const { tree } = parseYamlTree(shown, await readFile(file, 'utf8'), (text) => ({ value: text, secret: false }))
    if (tree?.kind !== 'map') continue
    for (const section of ['maintenance', 'incidents', 'templates', 'notices', 'components']) {
      const list = tree.entries.get(section)
      if (list?.kind !== 'seq') continue
      for (const item of list.items) {
        const itemName = item.kind === 'map' ? item.entries.get('name') : undefined
        if (itemName?.kind === 'scalar' && typeof itemName.value === 'string') sites.set(`${section}/${itemName.value}`, `${shown}:${item.at.line}`)
      }
    }
  }
  return sites
}
