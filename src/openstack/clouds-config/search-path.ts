/**
 * Where openstacksdk looks for clouds.yaml and secure.yaml, computed the way its `loader.py`
 * computes `CONFIG_SEARCH_PATH` (with platformdirs, `multipath=True`) — quirks included.
 *
 * @module
 */
import { homedir } from 'node:os'
import { isAbsolute, resolve } from 'node:path'

/** The candidate files, in the order they are tried (the override variable's file first). */
export interface SearchPath {
  /** openstacksdk's `CONFIG_SEARCH_PATH`: the directories, in order. */
  dirs: string[]
  /** `OS_CLIENT_CONFIG_FILE`, then `clouds.yaml|yml|json` in each directory. */
  clouds: string[]
  /** `OS_CLIENT_SECURE_FILE`, then `secure.yaml|yml|json` in each directory. */
  secure: string[]
}

const SUFFIXES = ['.yaml', '.yml', '.json'] as const

/**
 * The ordered candidate files for clouds.yaml and secure.yaml. Directories: the current
 * directory, `$XDG_CONFIG_HOME/openstack` (blank → `~/.config/openstack`),
 * `~/.config/openstack` (`$SNAP_REAL_HOME/.config/openstack` when that is set),
 * `$XDG_CONFIG_DIRS` each + `/openstack` joined by `:` into one entry exactly as openstacksdk
 * does (blank → `/etc/xdg/openstack`), `/etc/openstack`.
 *
 * @example
 * configSearchPath({ HOME: '/home/ada' }, undefined, '/srv').clouds[0] // '/srv/clouds.yaml'
 */
export function configSearchPath(
  env: NodeJS.ProcessEnv = process.env,
  home?: string,
  cwd: string = process.cwd(),
): SearchPath {
  const dirs = configSearchDirs(env, home, cwd)
  const files = (stem: string) => dirs.flatMap((dir) => SUFFIXES.map((suffix) => pyJoin(dir, stem + suffix)))
  const override = (name: string) => {
    const value = env[name]
    return value ? [isAbsolute(value) ? value : resolve(cwd, value)] : []
  }
  return {
    dirs,
    clouds: [...override('OS_CLIENT_CONFIG_FILE'), ...files('clouds')],
    secure: [...override('OS_CLIENT_SECURE_FILE'), ...files('secure')],
  }
}

/**
 * openstacksdk's `CONFIG_SEARCH_PATH` for this environment (see {@link configSearchPath}).
 *
 * @example
 * configSearchDirs({ HOME: '/root' }, undefined, '/work') // ['/work', '/root/.config/openstack', '/root/.config/openstack', '/etc/xdg/openstack', '/etc/openstack']
 */
export function configSearchDirs(env: NodeJS.ProcessEnv = process.env, home?: string, cwd: string = process.cwd()): string[] {
  const userHome = home ?? (env.HOME !== undefined ? env.HOME : homedir())
  const expand = (path: string) => expandUser(path, userHome)
  const xdgHome = env.XDG_CONFIG_HOME ?? ''
  const configHome = pyJoin(xdgHome.trim() === '' ? expand('~/.config') : xdgHome, 'openstack')
  const snap = env.SNAP_REAL_HOME
  const unixConfigHome = snap ? pyJoin(snap, '.config', 'openstack') : pyJoin(expand('~/.config'), 'openstack')
  const xdgDirs = env.XDG_CONFIG_DIRS ?? ''
  const siteDirs = (xdgDirs.trim() === '' ? '/etc/xdg' : xdgDirs).split(':')
  const siteConfigHome = siteDirs.map((dir) => pyJoin(expand(dir), 'openstack')).join(':')
  return [cwd, configHome, unixConfigHome, siteConfigHome, '/etc/openstack']
}

/**
 * Python's `os.path.expanduser` for `~` and `~/…` with the given home (trailing `/` dropped);
 * `~user` forms are left as written.
 *
 * @example
 * expandUser('~/certs/ca.pem', '/home/ada/') // '/home/ada/certs/ca.pem'
 */
export function expandUser(path: string, home: string): string {
  if (!path.startsWith('~')) return path
  const slash = path.indexOf('/', 1)
  const end = slash < 0 ? path.length : slash
  if (end !== 1) return path
  return home.replace(/\/+$/, '') + path.slice(end) || '/'
}

function pyJoin(first: string, ...rest: string[]): string {
  let path = first
  for (const part of rest) {
    if (part.startsWith('/')) path = part
    else if (path === '' || path.endsWith('/')) path += part
    else path += `/${part}`
  }
  return path
}
