/**
 * Generations on disk: written in full before they are switched in by rename(2), so readers
 * going through `<root>/current` during many switches always find complete files of one
 * generation; pruning keeps the newest two.
 */
import assert from 'node:assert/strict'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, test } from 'node:test'
import { currentGeneration, pruneGenerations, switchCurrent, writeGeneration } from '../../src/static-copy/index.js'

const FILES = ['index.html', 'en/index.html', 'de/index.html', 'api/v2/summary.json']
/** Big enough that a half-written file would be visible as a short read. */
const PADDING = 'x'.repeat(64 * 1024)

function generationFiles(id: number): Map<string, Uint8Array> {
  return new Map(FILES.map((file) => [file, new TextEncoder().encode(`${id}:${file}:${PADDING}`)]))
}

describe('static copy generations', () => {
  let root: string
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'gh-static-gen-'))
  })
  afterEach(async () => {
    await rm(root, { recursive: true, force: true })
  })

  test('readers during 40 switches only ever see complete files', async () => {
    await switchCurrent(root, await writeGeneration(root, generationFiles(0), Date.UTC(2026, 0, 1)))
    let switching = true
    const seen = new Set<string>()
    const reader = async () => {
      let reads = 0
      while (switching) {
        for (const file of FILES) {
          const content = await readFile(join(root, 'current', file), 'utf8')
          const [id, name, padding] = content.split(':')
          assert.equal(name, file)
          assert.equal(padding, PADDING, `${file} of generation ${id} is complete`)
          seen.add(id!)
          reads += 1
        }
      }
      return reads
    }
    const readers = [reader(), reader(), reader()]
    for (let id = 1; id <= 40; id += 1) {
      const dir = await writeGeneration(root, generationFiles(id), Date.UTC(2026, 0, 1) + id * 1_000)
      await switchCurrent(root, dir)
      await pruneGenerations(root)
    }
    switching = false
    const reads = await Promise.all(readers)
    assert.ok(reads.every((count) => count > 0), `reads ${reads.join(', ')}`)
    assert.ok(seen.size > 1, `readers saw ${seen.size} generations`)
    assert.match((await readFile(join(root, 'current', 'index.html'), 'utf8')).slice(0, 3), /^40:/)
  })

  test('pruning keeps the newest two and the current one, and removes interrupted writes', async () => {
    const dirs: string[] = []
    for (let id = 0; id < 4; id += 1) dirs.push(await writeGeneration(root, generationFiles(id), Date.UTC(2026, 0, 1) + id * 60_000))
    await switchCurrent(root, dirs[0]!)
    const removed = await pruneGenerations(root)
    assert.equal(removed.length, 1, removed.join(', '))
    const left = (await readdir(root)).filter((entry) => entry.startsWith('gen-')).sort()
    assert.equal(left.length, 3)
    assert.equal(await currentGeneration(root), left[0])
    await switchCurrent(root, dirs[3]!)
    await pruneGenerations(root)
    assert.deepEqual((await readdir(root)).filter((entry) => entry.startsWith('gen-')).length, 2)
  })

  test('a generation is never written outside its folder', async () => {
    await assert.rejects(writeGeneration(root, new Map([['../escape.html', new Uint8Array()]]), Date.now()), /outside the generation/)
    assert.deepEqual(await readdir(root), [])
  })

  test('two generations in the same millisecond get distinct folders', async () => {
    const at = Date.UTC(2026, 0, 1)
    const first = await writeGeneration(root, generationFiles(1), at)
    const second = await writeGeneration(root, generationFiles(2), at)
    assert.notEqual(first, second)
  })
})
