/**
 * Reading the handbook folder: every `<slug>.md` (lower-case letters, digits, hyphens) with its
 * front matter, the SHA-256 of its text, and — asked only for pages that changed — the last git
 * commit touching it. Files that cannot be pages are reported, never fatal.
 *
 * @module
 */
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { splitFrontMatter, type FrontMatter } from './front-matter.js'

/** One page as the folder has it. */
export interface SourcePage {
  slug: string
  file: string
  text: string
  front: FrontMatter
  body: string
  contentHash: string
}

/** What reading the folder found: pages, files skipped (with a positioned reason), and whether the folder exists. */
export interface SourceFolder {
  exists: boolean
  pages: SourcePage[]
  problems: string[]
  /** Slugs of page files skipped for their front matter (their stored revision stays current). */
  unreadable: string[]
}

const PAGE_FILE = /^([a-z0-9][a-z0-9-]{0,99})\.md$/

/**
 * Reads every page in `dir` (not recursive).
 *
 * @example
 * const { pages, problems } = await readHandbookFolder('/etc/glasshouse/handbook')
 */
export async function readHandbookFolder(dir: string): Promise<SourceFolder> {
  let names: string[]
  try {
    names = (await readdir(dir, { withFileTypes: true })).filter((entry) => entry.isFile() && entry.name.endsWith('.md')).map((entry) => entry.name).sort()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { exists: false, pages: [], problems: [], unreadable: [] }
    throw error
  }
  const pages: SourcePage[] = []
  const problems: string[] = []
  const unreadable: string[] = []
  for (const name of names) {
    const file = join(dir, name)
    const slug = PAGE_FILE.exec(name)?.[1]
    if (slug === undefined) {
      problems.push(`${file}: skipped: a page's file name is its address: lower-case letters, digits and hyphens, then .md`)
      continue
    }
    const text = await readFile(file, 'utf8')
    const split = splitFrontMatter(text)
    if (!split.ok) {
      problems.push(`${file}:${split.line}:${split.col}: ${split.path}: ${split.message}`)
      unreadable.push(slug)
      continue
    }
    pages.push({ slug, file, text, front: split.front, body: split.body, contentHash: createHash('sha256').update(text).digest('hex') })
  }
  return { exists: true, pages, problems, unreadable }
}

/**
 * The last commit touching `file` (`git log -1 --format=%H -- <file>`, no shell), or null when
 * git is missing, the folder is no checkout, or the file was never committed.
 *
 * @example
 * await lastCommitOf('/srv/config/handbook/on-call.md') // '3f2c…' or null
 */
export function lastCommitOf(file: string): Promise<string | null> {
  return new Promise((resolve) => {
    execFile('git', ['log', '-1', '--format=%H', '--', basename(file)], { cwd: join(file, '..'), timeout: 10_000 }, (error, stdout) => {
      const commit = stdout?.trim() ?? ''
      resolve(error === null && /^[0-9a-f]{40,64}$/.test(commit) ? commit : null)
    })
  })
}
