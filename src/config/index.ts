/**
 * Configuration: the schema of `glasshouse.yaml`, its loader (split files, substitutions,
 * `file:line:col` issues), the `GLASSHOUSE_*` environment, the JSON Schema and check diffs.
 *
 * @module
 */
export * from './check-schema.js'
export { checkHash, diffChecks } from './diff.js'
export type { CheckDiff } from './diff.js'
export { applyOverrides, parseEnv } from './env.js'
export type { GlasshouseEnv, OverrideFlags } from './env.js'
export { ConfigError, formatIssues, formatPath } from './issues.js'
export type { ConfigIssue } from './issues.js'
export { configJsonSchema } from './json-schema.js'
export { DROP_IN_DIR, loadConfig, parseConfigSources, resolveConfigPath } from './load.js'
export type { ConfigLocation, ConfigSource, LoadedConfig } from './load.js'
export {
  ConfigSchema,
  DatabaseUrlSchema,
  DefaultsSchema,
  ListenSchema,
  LOG_LEVELS,
  LogLevelSchema,
  LogSchema,
  ServerSchema,
  StorageSchema,
  parseListen,
} from './schema.js'
export type { Config, ConfigInput, LogLevel } from './schema.js'
export { isSimulatedCheck, parseStoredCheck, parseStoredCheckRow, storedDefinition } from './stored-check.js'
export { derivedCheckName, effectiveComponents, type EffectiveComponent, type EffectiveFeed, type FeedPart } from './effective-components.js'
export { CheckFeedSchema, ComponentSchema, type CheckFeed, type ComponentConfig } from './components-schema.js'
export {
  declarationSites,
  DeclaredImpactSchema,
  DeclaredTargetSchema,
  DeclaredUpdateSchema,
  IncidentConfigSchema,
  InstantSchema,
  MaintenanceConfigSchema,
  PhaseNamesSchema,
  type IncidentConfig,
  type MaintenanceConfig,
} from './incidents-schema.js'
export { NoticeConfigSchema, TemplateConfigSchema, type NoticeConfig, type TemplateConfig } from './templates-schema.js'
export { compileHealth, HealthSchema, type HealthConfig } from './health-schema.js'
export { RecordsSchema, RetentionConfigSchema, RetentionSchema, type RecordsConfig } from './records-schema.js'
export { AutomationSchema, DEFAULT_OPEN_ON, type AutomationConfig, type OpeningState } from './automation-schema.js'
export { ScsSchema, type ScsConfig } from './scs-schema.js'
export { PageSchema, PageColoursSchema, type PageConfig } from './page-schema.js'
export { HandbookSchema, type HandbookConfig } from './handbook-schema.js'
export { IncomingSchema, type IncomingConfig } from './incoming-schema.js'
export { SubscriptionsSchema, type SubscriptionsConfig } from './subscriptions-schema.js'
export { AlertsSchema, ReceiverSchema, type AlertsConfig, type ReceiverConfig } from './alerts-schema.js'
