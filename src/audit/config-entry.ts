/**
 * The `config.reload` audit entry: what a config load changed, as names only — the top-level
 * sections that changed and the checks and components added, removed or changed. Values are never
 * recorded. To find what changed, each entry keeps a fingerprint: a short hash per section, check
 * and component, computed after secret-named fields (`*token*`, `password`, …), substituted
 * secrets and URL passwords were replaced by `***`, so no hash is computed over a secret (a change
 * of a secret value alone therefore does not show).
 *
 * @module
 */
import { createHash } from 'node:crypto'
import { DEFAULT_REDACT, type Config } from '../config/index.js'
import { isSecretName, REDACTED, redactText, redactUrl } from '../core/redact.js'
import type { AuditChainReads, Store } from '../store/index.js'
import type { NewAuditEntry } from './session-entries.js'

/** Short hashes of a config's parts, keyed by section, check and component name. */
export interface ConfigFingerprint {
  sections: Record<string, string>
  checks: Record<string, string>
  components: Record<string, string>
}

/** Names added, removed and changed between two fingerprints of one kind. */
export interface NamedChanges {
  added: string[]
  removed: string[]
  changed: string[]
}

/** What a load changed; `previous: false` when there was no earlier record to compare with. */
export interface ConfigChangeSummary {
  previous: boolean
  sections: string[]
  checks: NamedChanges
  components: NamedChanges
}

/** Why the config was (re)loaded. */
export type ConfigTrigger = 'start-up' | 'reload'

function redacted(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return redactUrl(redactText(value, secrets), DEFAULT_REDACT)
  if (Array.isArray(value)) return value.map((item) => redacted(item, secrets))
  if (value === null || typeof value !== 'object') return value
  const safe: Record<string, unknown> = {}
  for (const key of Object.keys(value).sort()) {
    const item = (value as Record<string, unknown>)[key]
    if (item !== undefined) safe[key] = isSecretName(key, DEFAULT_REDACT) ? REDACTED : redacted(item, secrets)
  }
  return safe
}

function shortHash(value: unknown, secrets: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify(redacted(value, secrets)) ?? 'null').digest('hex').slice(0, 16)
}

function byName(items: readonly { name: string }[], secrets: readonly string[]): Record<string, string> {
  return Object.fromEntries(items.map((item) => [item.name, shortHash(item, secrets)]))
}

/**
 * The fingerprint of `config`; `secrets` are the values substituted into it (`${ENV}`, `${file:…}`).
 *
 * @example
 * const fingerprint = configFingerprint(loaded.config, loaded.secrets)
 */
export function configFingerprint(config: Config, secrets: readonly string[]): ConfigFingerprint {
  const sections = Object.fromEntries(Object.entries(config).map(([name, section]) => [name, shortHash(section, secrets)]))
  return { sections, checks: byName(config.checks, secrets), components: byName(config.components, secrets) }
}

function namedChanges(previous: Record<string, string>, next: Record<string, string>): NamedChanges {
  const names = (record: Record<string, string>) => Object.keys(record).sort()
  return {
    added: names(next).filter((name) => !(name in previous)),
    removed: names(previous).filter((name) => !(name in next)),
    changed: names(next).filter((name) => name in previous && previous[name] !== next[name]),
  }
}

/**
 * What changed from `previous` (null: nothing recorded yet) to `next`.
 *
 * @example
 * summarizeConfigChange(null, fingerprint).previous // false
 */
export function summarizeConfigChange(previous: ConfigFingerprint | null, next: ConfigFingerprint): ConfigChangeSummary {
  const before = previous ?? { sections: {}, checks: {}, components: {} }
  const sections = namedChanges(before.sections, next.sections)
  return {
    previous: previous !== null,
    sections: [...sections.added, ...sections.changed, ...sections.removed].sort(),
    checks: namedChanges(before.checks, next.checks),
    components: namedChanges(before.components, next.components),
  }
}

/** Whether a summary records any change. */
export function configChanged(summary: ConfigChangeSummary): boolean {
  return summary.sections.length > 0 || !summary.previous
}

/**
 * The newest recorded fingerprint (from the last `config.reload` entry), or null.
 *
 * @example
 * const previous = await lastConfigFingerprint(store.audit)
 */
export async function lastConfigFingerprint(audit: AuditChainReads): Promise<ConfigFingerprint | null> {
  let last: ConfigFingerprint | null = null
  for (let afterSeq = 0; ; ) {
    const page = await audit.page({ objectType: 'config', objectId: 'config', limit: 500, afterSeq })
    for (const entry of page) {
      const fingerprint = (entry.after as { fingerprint?: ConfigFingerprint } | null)?.fingerprint
      if (fingerprint !== undefined) last = fingerprint
    }
    if (page.length < 500) return last
    afterSeq = page.at(-1)!.seq
  }
}

/**
 * The `config.reload` entry (actor and door `config`).
 *
 * @example
 * configReloadEntry('reload', summary, fingerprint, clock.now())
 */
export function configReloadEntry(trigger: ConfigTrigger, summary: ConfigChangeSummary, fingerprint: ConfigFingerprint, at: number): NewAuditEntry {
  return { at, actor: 'config', door: 'config', action: 'config.reload', objectType: 'config', objectId: 'config', before: null, after: { trigger, changes: summary, fingerprint } }
}

/**
 * Records a config load: on a reload always (the operator asked for it, even when nothing
 * changed); at start-up only when the config differs from the last one recorded.
 * Returns the summary, or null when nothing was recorded.
 *
 * @example
 * await recordConfigLoad(store, { config, secrets, trigger: 'reload', at: clock.now() })
 */
export async function recordConfigLoad(
  store: Pick<Store, 'audit' | 'writeDeclared'>,
  load: { config: Config; secrets: readonly string[]; trigger: ConfigTrigger; at: number },
): Promise<ConfigChangeSummary | null> {
  const fingerprint = configFingerprint(load.config, load.secrets)
  const summary = summarizeConfigChange(await lastConfigFingerprint(store.audit), fingerprint)
  if (load.trigger === 'start-up' && !configChanged(summary)) return null
  await store.writeDeclared((tx) => tx.audit.append(configReloadEntry(load.trigger, summary, fingerprint, load.at)))
  return summary
}
