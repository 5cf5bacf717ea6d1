/**
 * Generations of the static copy on disk, switched atomically: each render is written in full to
 * `<root>/gen-<time>.partial`, renamed to `<root>/gen-<time>`, and then the symlink
 * `<root>/current` is replaced by rename(2) — a reader resolves either the old generation or the
 * new one, never a half-written directory. The newest generations are kept (default 2: the
 * current and the one before, for readers still inside it); older ones are removed.
 *
 * @module
 */
import { mkdir, readdir, readlink, rename, rm, symlink, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { randomUUID } from 'node:crypto'

/** The name of the symlink to the current generation. */
export const CURRENT_LINK = 'current'
const GENERATION = /^gen-\d{8}T\d{9}Z(-\d+)?$/

function generationName(at: number, attempt: number): string {
  const stamp = new Date(at).toISOString().replace(/[-:.]/g, '')
  return attempt === 0 ? `gen-${stamp}` : `gen-${stamp}-${attempt}`
}

async function freeGenerationName(root: string, at: number): Promise<string> {
  const taken = new Set(await readdir(root))
  for (let attempt = 0; ; attempt += 1) {
    const name = generationName(at, attempt)
    if (!taken.has(name) && !taken.has(`${name}.partial`)) return name
  }
}

/**
 * Writes `files` (relative `/`-separated path → bytes) as a new generation under `root` and
 * returns its absolute directory. The generation is complete when this resolves; it is not yet
 * current.
 *
 * @example
 * const dir = await writeGeneration('/var/lib/glasshouse/static', site.files, site.generatedAt)
 */
export async function writeGeneration(root: string, files: ReadonlyMap<string, Uint8Array>, at: number): Promise<string> {
  await mkdir(root, { recursive: true })
  const name = await freeGenerationName(root, at)
  const partial = join(root, `${name}.partial`)
  try {
    for (const [file, body] of files) {
      if (file.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')) throw new Error(`refusing to write outside the generation: ${file}`)
      const path = join(partial, ...file.split('/'))
      await mkdir(dirname(path), { recursive: true })
      await writeFile(path, body)
    }
    await rename(partial, join(root, name))
  } catch (error) {
    await rm(partial, { recursive: true, force: true })
    throw error
  }
  return join(root, name)
}

/**
 * Makes `generation` (a directory directly under `root`) the current one: a new symlink beside
 * `<root>/current`, renamed over it.
 *
 * @example
 * await switchCurrent(root, dir) // <root>/current → gen-20261207T011500000Z
 */
export async function switchCurrent(root: string, generation: string): Promise<void> {
  const temporary = join(root, `.${CURRENT_LINK}-${randomUUID()}`)
  await symlink(basename(generation), temporary)
  try {
    await rename(temporary, join(root, CURRENT_LINK))
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
}

/** The generation `<root>/current` points at (its name), or null when there is none. */
export async function currentGeneration(root: string): Promise<string | null> {
  try {
    return basename(await readlink(join(root, CURRENT_LINK)))
  } catch {
    return null
  }
}

/**
 * Removes all but the newest `keep` generations (never the current one) and leftovers of
 * interrupted writes; returns the names removed.
 *
 * @example
 * await pruneGenerations(root, 2) // ['gen-20261207T011000000Z']
 */
export async function pruneGenerations(root: string, keep = 2): Promise<string[]> {
  const current = await currentGeneration(root)
  const entries = await readdir(root)
  const generations = entries.filter((entry) => GENERATION.test(entry)).sort()
  const kept = new Set(generations.slice(-keep))
  if (current !== null) kept.add(current)
  const leftovers = entries.filter((entry) => entry.endsWith('.partial') || entry.startsWith(`.${CURRENT_LINK}-`))
  const removed = [...generations.filter((entry) => !kept.has(entry)), ...leftovers]
  for (const entry of removed) await rm(join(root, entry), { recursive: true, force: true })
  return removed
}
