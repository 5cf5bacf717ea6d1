/**
 * clouds.yaml with openstacksdk's semantics: search path, secure.yaml, the `envvars` cloud,
 * regions, auth types, endpoint overrides. See docs/clouds-yaml.md.
 *
 * @module
 */
export { CloudConfigError, formatCloudIssue } from './errors.js'
export type { CloudConfigIssue } from './errors.js'
export { listClouds, loadCloud } from './load.js'
export { configSearchDirs, configSearchPath } from './search-path.js'
export type { SearchPath } from './search-path.js'
export type {
  AuthType,
  CloudAuth,
  CloudList,
  CloudSource,
  CloudsOptions,
  CloudsWarning,
  EndpointInterface,
  ResolvedCloud,
} from './types.js'
