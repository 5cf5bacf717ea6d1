/**
 * Loading clouds.yaml the way openstacksdk's `OpenStackConfig` does: the first clouds file and
 * the first secure file found, merged; the `envvars` cloud; the default cloud; then one cloud
 * resolved with {@link resolveCloud}.
 *
 * @module
 */
import { homedir } from 'node:os'
import { envCloud, envName } from './envvars.js'
import { CloudConfigError, formatCloudPath } from './errors.js'
import type { CloudConfigIssue } from './errors.js'
import { isDict, mergeClouds } from './merge.js'
import type { Dict } from './merge.js'
import { findFirstFile, positionOf } from './read-file.js'
import type { ParsedFile } from './read-file.js'
import { resolveCloud } from './resolve.js'
import { configSearchPath } from './search-path.js'
import type { CloudList, CloudsOptions, CloudsWarning, ResolvedCloud } from './types.js'

interface LoadedState {
  list: CloudList
  clouds: Dict
  envName: string
  cloudsFile: ParsedFile | null
  secureFile: ParsedFile | null
}

/**
 * Lists the clouds that can be selected, the files they came from and the default one.
 * Throws {@link CloudConfigError} when a file is malformed (e.g. `clouds:` is not a mapping).
 *
 * @example
 * const { clouds, defaultCloud } = await listClouds({ env: { OS_CLIENT_CONFIG_FILE: '/etc/oslocal/clouds.yaml' } })
 */
export async function listClouds(options: CloudsOptions = {}): Promise<CloudList> {
  return (await loadState(options)).list
}

/**
 * Loads and resolves one cloud: `options.cloud`, else `OS_CLOUD`, else the `envvars` cloud,
 * else the only cloud of the file. Throws {@link CloudConfigError} (code `CLOUD_CONFIG`) naming
 * the file, line and column, or the valid clouds or regions; never a secret value.
 *
 * @example
 * const cloud = await loadCloud({ cloud: 'demo', region: 'RegionOne' })
 * cloud.auth.authUrl // 'http://127.0.0.1:5000/v3'
 */
export async function loadCloud(options: CloudsOptions = {}): Promise<ResolvedCloud> {
  const state = await loadState(options)
  const env = options.env ?? process.env
  const name = options.cloud || state.list.defaultCloud
  const where = state.cloudsFile?.file ?? 'clouds.yaml'
  const valid = state.list.clouds.length > 0 ? `; clouds: ${state.list.clouds.join(', ')}` : ''
  if (!name) {
    const message =
      state.list.clouds.length === 0
        ? 'no clouds.yaml found and no OS_* variables set (searched the current directory, ~/.config/openstack, /etc/xdg/openstack, /etc/openstack)'
        : `several clouds and none chosen: set OS_CLOUD or name one${valid}`
    throw new CloudConfigError({ file: where, line: 0, col: 0, path: '', message })
  }
  if (!(name in state.clouds)) {
    throw new CloudConfigError({ file: where, line: 0, col: 0, path: '', message: `cloud "${name}" not found${valid}` })
  }
  const fromEnv = name === state.envName
  const fail = (path: (string | number)[], message: string): never => {
    throw new CloudConfigError(fromEnv ? envIssue(path, message) : fileIssue(state, ['clouds', name, ...path], message))
  }
  const resolved = resolveCloud(state.clouds[name], {
    name,
    region: options.region || env.OS_REGION_NAME || '',
    home: options.home ?? (env.HOME !== undefined ? env.HOME : homedir()),
    source: fromEnv ? { file: null, secureFile: null } : { file: state.list.file, secureFile: state.list.secureFile },
    fail,
  })
  return { ...resolved, warnings: state.list.warnings }
}

async function loadState(options: CloudsOptions): Promise<LoadedState> {
  const env = options.env ?? process.env
  const search = configSearchPath(env, options.home, options.cwd ?? process.cwd())
  const warnings: CloudsWarning[] = []
  const warn = (warning: CloudsWarning) => {
    warnings.push(warning)
    options.onWarning?.(warning)
  }
  const cloudsFile = await findFirstFile(search.clouds, warn)
  const secureFile = await findFirstFile(search.secure, warn)
  const state: LoadedState = { list: { clouds: [], file: cloudsFile?.file ?? null, secureFile: secureFile?.file ?? null, defaultCloud: null, warnings }, clouds: {}, envName: env.OS_CLOUD_NAME || 'envvars', cloudsFile, secureFile }
  const merged = mergeClouds(topLevel(cloudsFile, warn), topLevel(secureFile, warn))
  if (merged.clouds !== undefined && merged.clouds !== null && !isDict(merged.clouds)) {
    throw new CloudConfigError(fileIssue(state, ['clouds'], 'must be a mapping of cloud names to clouds'))
  }
  const clouds: Dict = { ...(isDict(merged.clouds) ? merged.clouds : {}) }
  if (state.envName in clouds) {
    const message = `a file cloud is named "${state.envName}", the name of the cloud built from OS_* variables; rename it or set OS_CLOUD_NAME`
    throw new CloudConfigError(fileIssue(state, ['clouds', state.envName], message))
  }
  let defaultCloud = env.OS_CLOUD || null
  const fromEnv = envCloud(env)
  if (fromEnv) {
    clouds[state.envName] = fromEnv
    defaultCloud ??= state.envName
  }
  const names = Object.keys(clouds)
  if (!defaultCloud && names.length === 1) defaultCloud = names[0] ?? null
  state.clouds = clouds
  state.list.clouds = names
  state.list.defaultCloud = defaultCloud
  return state
}

function topLevel(parsed: ParsedFile | null, warn: (warning: CloudsWarning) => void): Dict {
  if (parsed === null || !parsed.data) return {}
  if (!isDict(parsed.data)) {
    throw new CloudConfigError({ file: parsed.file, line: 1, col: 1, path: '', message: 'the file is not a mapping (expected clouds: …)' })
  }
  if (!('clouds' in parsed.data)) warn({ file: parsed.file, message: 'has no clouds: key' })
  return parsed.data
}

function envIssue(path: (string | number)[], message: string): CloudConfigIssue {
  return { file: 'environment', line: 0, col: 0, path: envName(path.length > 0 ? path : ['*']), message }
}

/** Positions a path in secure.yaml when it holds it (its values win), else in clouds.yaml. */
function fileIssue(state: LoadedState, path: (string | number)[], message: string): CloudConfigIssue {
  const files = [state.secureFile, state.cloudsFile].filter((parsed): parsed is ParsedFile => parsed !== null)
  const positions = files.map((parsed) => ({ parsed, ...positionOf(parsed, path) }))
  const best = positions.find((position) => position.exact) ?? positions[positions.length - 1]
  if (!best) return { file: 'clouds.yaml', line: 0, col: 0, path: formatCloudPath(path), message }
  return { file: best.parsed.file, line: best.line, col: best.col, path: formatCloudPath(path), message }
}
