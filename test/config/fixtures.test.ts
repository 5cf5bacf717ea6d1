/**
 * Every invalid fixture names the issue it must produce in `# expect:` lines; every valid fixture
 * loads. Fixtures are files `invalid-*.yaml` or folders named invalid-… (a glasshouse.yaml plus glasshouse.d).
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ConfigError, loadConfig } from '../../src/config/index.js'
import type { ConfigIssue } from '../../src/config/index.js'

const dir = fileURLToPath(new URL('../fixtures/config/', import.meta.url))
const env = { GLASSHOUSE_FIXTURE_DB_PASSWORD: 'fixture-password', GLASSHOUSE_FIXTURE_PORT: '2222' }

function mainFile(entry: string): string {
  return entry.endsWith('.yaml') ? entry : join(entry, 'glasshouse.yaml')
}

function expectations(file: string): { line: number; col: number; path: string; message: string }[] {
  return readFileSync(join(dir, file), 'utf8')
    .split('\n')
    .flatMap((text) => {
      const match = /^# expect: (\d+):(\d+): (.*?): (.+)$/.exec(text)
      return match === null ? [] : [{ line: Number(match[1]), col: Number(match[2]), path: match[3]!, message: match[4]! }]
    })
}

async function issuesOf(file: string): Promise<readonly ConfigIssue[]> {
  try {
    await loadConfig({ file, cwd: dir, env })
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`)
    assert.equal(error.code, 'CONFIG_INVALID')
    return error.issues
  }
  assert.fail(`${file} loaded, but it is invalid`)
}

const entries = readdirSync(dir).sort()
const invalid = entries.filter((entry) => entry.startsWith('invalid-')).map(mainFile)

describe('invalid config fixtures', () => {
  test('there is a fixture for every rule the brief names', () => {
    assert.ok(invalid.length >= 20, `only ${invalid.length} fixtures`)
  })
  for (const file of invalid) {
    test(file, async () => {
      const expected = expectations(file)
      assert.ok(expected.length > 0, `${file} has no "# expect:" line`)
      const issues = await issuesOf(file)
      for (const want of expected) {
        const hit = issues.find(
          (issue) => issue.line === want.line && issue.col === want.col && issue.path === want.path && issue.message.includes(want.message),
        )
        const got = issues.map((issue) => `${issue.line}:${issue.col}: ${issue.path}: ${issue.message}`).join('\n')
        assert.ok(hit, `${file}: expected ${want.line}:${want.col}: ${want.path}: …${want.message}…\ngot:\n${got}`)
      }
    })
  }
  test('the multi-error fixture reports every error, not only the first', async () => {
    const issues = await issuesOf('invalid-multiple-errors.yaml')
    assert.equal(issues.length, expectations('invalid-multiple-errors.yaml').length)
  })
})

describe('valid config fixtures', () => {
  for (const file of entries.filter((entry) => entry.startsWith('valid-')).map(mainFile)) {
    test(file, async () => {
      assert.ok(existsSync(join(dir, file)))
      const { config, files } = await loadConfig({ file, cwd: dir, env })
      assert.ok(config.checks.length > 0)
      assert.equal(files[0], join(dir, file))
    })
  }
})
