/**
 * Property: split files merge their lists by name — the result holds every name once, in file
 * order; a name defined twice (in one file or across files) is an error naming both places.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { ConfigError, parseConfigSources } from '../../src/config/index.js'

const names = fc.constantFrom('alpha', 'beta', 'gamma', 'delta', 'web', 'ssh', 'dns-1', 'api.v2')
const files = fc.array(fc.array(names, { maxLength: 4 }), { minLength: 1, maxLength: 4 })

function render(fileNames: readonly string[]): string {
  if (fileNames.length === 0) return '# no checks here\n'
  return `checks:\n${fileNames.map((name) => `  - name: ${name}\n    kind: tcp\n    host: 127.0.0.1\n    port: 22\n`).join('')}`
}

test('merging by name keeps every name once in order, or reports each duplicate with both places', () => {
  fc.assert(
    fc.property(files, (layout) => {
      const sources = layout.map((fileNames, index) => ({ file: index === 0 ? 'glasshouse.yaml' : `glasshouse.d/${index}.yaml`, text: render(fileNames) }))
      const all = layout.flat()
      const places = layout.flatMap((fileNames, index) => fileNames.map((name, position) => ({ name, where: `${sources[index]!.file}:${2 + position * 4}:11` })))
      const duplicates = places.filter((place, index) => places.findIndex((other) => other.name === place.name) !== index)
      try {
        const config = parseConfigSources(sources, {})
        assert.equal(duplicates.length, 0)
        assert.deepEqual(config.checks.map((check) => check.name), all)
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error
        assert.equal(error.issues.length, duplicates.length)
        for (const duplicate of duplicates) {
          const first = places.find((place) => place.name === duplicate.name)!
          const issue = error.issues.find((candidate) => `${candidate.file}:${candidate.line}:${candidate.col}` === duplicate.where)
          assert.ok(issue, `no issue at ${duplicate.where}`)
          assert.ok(issue.message.includes(first.where) && issue.message.includes(duplicate.where), issue.message)
        }
      }
    }),
    { numRuns: 200 },
  )
})
