/**
 * The shapes the clouds.yaml loader hands to the rest of the OpenStack client.
 *
 * @module
 */

/** The Keystone v3 auth methods Glasshouse speaks (`v3password` → `password`, `v3token` → `token`). */
export type AuthType = 'password' | 'token' | 'v3applicationcredential'

/** Which catalog interface endpoints are chosen from. */
export type EndpointInterface = 'public' | 'internal' | 'admin'

/**
 * The `auth:` block of a cloud, keys camelCased (`auth_url` → `authUrl`). Only `authUrl` is
 * required; which of the others matter depends on {@link AuthType}. Values are as written (after
 * secure.yaml, region values and `OS_*` variables were applied).
 */
export interface CloudAuth {
  authUrl: string
  username?: string
  userId?: string
  password?: string
  projectName?: string
  projectId?: string
  projectDomainName?: string
  projectDomainId?: string
  userDomainName?: string
  userDomainId?: string
  domainName?: string
  domainId?: string
  token?: string
  applicationCredentialId?: string
  applicationCredentialName?: string
  applicationCredentialSecret?: string
  systemScope?: string
}

/** Where a cloud came from: both null for the `envvars` cloud; `secureFile` null without a secure.yaml. */
export interface CloudSource {
  file: string | null
  secureFile: string | null
}

/**
 * One cloud from clouds.yaml (or the `envvars` cloud), resolved the way openstacksdk resolves it:
 * secure.yaml merged, region chosen and its values applied, keys normalised, auth type checked.
 *
 * @example
 * const cloud = await loadCloud({ cloud: 'demo' })
 * cloud.auth.authUrl // 'http://127.0.0.1:5000/v3'
 * logger.info(redact(text, cloud.secrets))
 */
export interface ResolvedCloud {
  /** The cloud name as selected (`envvars` or `OS_CLOUD_NAME` for the environment cloud). */
  name: string
  /** The chosen region name; null when the cloud names none. */
  region: string | null
  authType: AuthType
  auth: CloudAuth
  /** Default `public`. */
  interface: EndpointInterface
  /** TLS verification; default true, `insecure: true` turns it off. */
  verify: boolean
  cacert?: string
  cert?: string
  key?: string
  /** `api_timeout` (seconds in the file) in milliseconds. */
  apiTimeoutMs?: number
  /** `<service>_endpoint_override` by service type as written, `-` normalised to `_` (e.g. `block_storage`). */
  endpointOverrides: Record<string, string>
  /** `<service>_api_version` by service type as written, `-` normalised to `_` (e.g. `compute` → `2.79`). */
  apiVersions: Record<string, string>
  /** Every other key of the cloud (not `auth`, `regions`, `profile`), `-` normalised to `_`. */
  extra: Record<string, unknown>
  source: CloudSource
  /** Every secret value in the cloud (password, token, application-credential secret), to redact. */
  secrets: string[]
  /** Candidate files skipped on the way (unreadable, unparsable); never contains a secret. */
  warnings: CloudsWarning[]
}

/** A problem that did not stop loading (an unreadable or unparsable candidate file). */
export interface CloudsWarning {
  file: string
  message: string
}

/** Where and how to look: every field defaults to the process's own. */
export interface CloudsOptions {
  /** The cloud to load; default `OS_CLOUD`, then `envvars`, then the only cloud in the file. */
  cloud?: string
  /** The region; default `OS_REGION_NAME`, then `region_name`, then the first of `regions`. */
  region?: string
  /** Default: `process.env`. */
  env?: NodeJS.ProcessEnv
  /** Default: `process.cwd()`. */
  cwd?: string
  /** Default: `os.homedir()` (the way Python's `~` expands: `HOME` first). */
  home?: string
  /** Receives each warning as it happens (they are also on {@link CloudList.warnings}). */
  onWarning?: (warning: CloudsWarning) => void
}

/** The clouds that can be selected, and where they were found. */
export interface CloudList {
  /** File clouds in file order, then the environment cloud if any `OS_*` variable defines one. */
  clouds: string[]
  /** The clouds file used, or null when none was found. */
  file: string | null
  secureFile: string | null
  /** The cloud {@link loadCloud} picks without a name, or null when that would be an error. */
  defaultCloud: string | null
  warnings: CloudsWarning[]
}
