/**
 * Helpers for the clouds.yaml tests: fixture paths and a throw-away home and working directory,
 * so no test ever reads the machine's own ~/.config/openstack.
 *
 * @module
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { after } from 'node:test'
import { fileURLToPath } from 'node:url'

/** The folder of the clouds.yaml fixtures. */
export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/clouds')

/**
 * The path of a fixture file.
 *
 * @example
 * fixture('basic.yaml')
 */
export function fixture(name: string): string {
  return join(FIXTURES, name)
}

/** A temporary tree with `home/` and `work/` (the current directory); removed after the file's tests. */
export interface Sandbox {
  root: string
  home: string
  cwd: string
  /** Writes a file under the sandbox root (folders created). */
  write: (path: string, text: string) => string
  /** An environment with only `HOME` set, plus `extra`. */
  env: (extra?: Record<string, string>) => NodeJS.ProcessEnv
}

/**
 * Makes a sandbox.
 *
 * @example
 * const box = sandbox(); box.write('work/clouds.yaml', 'clouds: {}')
 */
export function sandbox(): Sandbox {
  const root = mkdtempSync(join(tmpdir(), 'gh-clouds-'))
  after(() => rmSync(root, { recursive: true, force: true }))
  const home = join(root, 'home')
  const cwd = join(root, 'work')
  mkdirSync(home)
  mkdirSync(cwd)
  return {
    root,
    home,
    cwd,
    write(path, text) {
      const full = join(root, path)
      mkdirSync(dirname(full), { recursive: true })
      writeFileSync(full, text)
      return full
    },
    env: (extra = {}) => ({ HOME: home, ...extra }),
  }
}
