import { after, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConfigError, formatIssues, loadConfig, parseConfigSources, resolveConfigPath } from '../../src/config/index.js'

const root = mkdtempSync(join(tmpdir(), 'glasshouse-config-'))
after(() => rmSync(root, { recursive: true, force: true }))

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(root, 'case-'))
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true })
    writeFileSync(join(dir, name), text)
  }
  return dir
}

const WEB = 'checks:\n  - name: web\n    kind: http\n    url: http://127.0.0.1:8080/\n'

function parse(text: string, env: NodeJS.ProcessEnv = {}) {
  return parseConfigSources([{ file: 'glasshouse.yaml', text, baseDir: root }], env)
}

function issuesOf(run: () => unknown): ConfigError {
  try {
    run()
  } catch (error) {
    assert.ok(error instanceof ConfigError)
    return error
  }
  assert.fail('expected a ConfigError')
}

describe('resolveConfigPath', () => {
  test('the flag wins over GLASSHOUSE_CONFIG, which wins over ./glasshouse.yaml', () => {
    const cwd = folder({ 'glasshouse.yaml': WEB })
    assert.equal(resolveConfigPath({ file: 'a.yaml', env: { GLASSHOUSE_CONFIG: 'b.yaml' }, cwd }), join(cwd, 'a.yaml'))
    assert.equal(resolveConfigPath({ env: { GLASSHOUSE_CONFIG: '/etc/b.yaml' }, cwd }), '/etc/b.yaml')
    assert.equal(resolveConfigPath({ env: {}, cwd }), join(cwd, 'glasshouse.yaml'))
  })
  test('null when nothing is named and there is no ./glasshouse.yaml', () => {
    assert.equal(resolveConfigPath({ env: {}, cwd: folder({}) }), null)
  })
  test('a named file is returned even when missing, and loading it fails clearly', async () => {
    const cwd = folder({})
    assert.equal(resolveConfigPath({ file: 'missing.yaml', env: {}, cwd }), join(cwd, 'missing.yaml'))
    await assert.rejects(loadConfig({ file: 'missing.yaml', env: {}, cwd }), (error: unknown) => {
      assert.ok(error instanceof ConfigError)
      assert.equal(formatIssues(error.issues), 'missing.yaml: cannot read the config file (ENOENT)')
      return true
    })
  })
})

describe('loadConfig', () => {
  test('an empty file is a config of defaults', async () => {
    const { config } = await loadConfig({ env: {}, cwd: folder({ 'glasshouse.yaml': '# nothing yet\n' }) })
    assert.deepEqual(config.server, { listen: '127.0.0.1:8080', title: 'Glasshouse' })
    assert.deepEqual(config.storage, { dataDir: './data' })
    assert.equal(config.log.level, 'info')
    assert.deepEqual(config.checks, [])
  })
  test('glasshouse.d/*.yaml merge in name order after the main file; later scalars win', async () => {
    const cwd = folder({
      'glasshouse.yaml': `log: { level: info }\nserver: { title: Main }\n${WEB}`,
      'glasshouse.d/20-b.yaml': 'log: { level: error }\nchecks:\n  - { name: b, kind: tcp, host: 127.0.0.1, port: 2 }\n',
      'glasshouse.d/10-a.yml': 'server: { listen: "127.0.0.1:9000" }\nchecks:\n  - { name: a, kind: tcp, host: 127.0.0.1, port: 1 }\n',
      'glasshouse.d/notes.txt': 'ignored',
    })
    const { config, files } = await loadConfig({ env: {}, cwd })
    assert.deepEqual(config.checks.map((check) => check.name), ['web', 'a', 'b'])
    assert.deepEqual(config.server, { listen: '127.0.0.1:9000', title: 'Main' })
    assert.equal(config.log.level, 'error')
    assert.deepEqual(files, ['glasshouse.yaml', 'glasshouse.d/10-a.yml', 'glasshouse.d/20-b.yaml'].map((name) => join(cwd, name)))
  })
  test('defaults fill only what a check leaves unset', () => {
    const config = parse(`defaults: { interval: 30s, retries: 2 }\n${WEB}  - { name: ssh, kind: tcp, host: 127.0.0.1, port: 22, interval: 5m }\n`)
    assert.deepEqual(config.checks.map((check) => [check.interval, check.retries, check.timeout]), [[30_000, 2, 10_000], [300_000, 2, 10_000]])
  })
  test('a bad default is reported once, at defaults:', () => {
    const error = issuesOf(() => parse(`defaults: { timeout: soon }\n${WEB}  - { name: ssh, kind: tcp, host: 127.0.0.1, port: 22 }\n`))
    assert.deepEqual(error.issues.map((issue) => issue.path), ['defaults.timeout'])
  })
})

describe('substitutions', () => {
  test('${NAME}, ${file:path} (trailing newline trimmed) and $${ escapes', () => {
    writeFileSync(join(root, 'token.txt'), 'from-a-file\n')
    const config = parse(
      'server:\n  title: "${TITLE} $${TITLE} $$x"\nchecks:\n  - name: api\n    kind: http\n    url: http://127.0.0.1/\n    headers: { A: "${file:token.txt}" }\n',
      { TITLE: 'Status' },
    )
    assert.equal(config.server.title, 'Status ${TITLE} $$x')
    assert.deepEqual(config.checks[0]!.kind === 'http' && config.checks[0]!.headers, { A: 'from-a-file' })
  })
  test('an unquoted whole-value substitution keeps its YAML type; a quoted one stays a string', () => {
    const env = { PORT: '2222', ON: 'false' }
    const unquoted = 'checks:\n  - name: a\n    kind: tcp\n    host: 127.0.0.1\n    port: ${PORT}\n    enabled: ${ON}\n'
    const config = parse(unquoted, env)
    assert.deepEqual(config.checks.map((check) => [check.kind === 'tcp' && check.port, check.enabled]), [[2222, false]])
    const error = issuesOf(() => parse(unquoted.replace('${PORT}', '"${PORT}"'), env))
    assert.deepEqual(error.issues.map((issue) => issue.path), ['checks[0].port'])
  })
  test('a substitution failure is reported once, not again by the schema', () => {
    const error = issuesOf(() => parse('server:\n  publicUrl: ${NOPE}\n'))
    assert.deepEqual(error.issues.map((issue) => issue.message), ['environment variable NOPE is not set'])
  })
})

describe('secrets never appear in errors', () => {
  const CANARY = 'canary-7f3a9c-s3cr3t'
  test('a canary planted through ${NAME} and ${file:} is in no message, path, or serialisation', () => {
    writeFileSync(join(root, 'canary.txt'), `${CANARY}\n`)
    const text = [
      'server:',
      '  publicUrl: "${CANARY}"',
      'storage:',
      '  databaseUrl: "${file:canary.txt}"',
      'checks:',
      '  - name: "${CANARY_NAME}"',
      '    kind: http',
      '    url: "http://127.0.0.1/${CANARY}"',
      '    conditions: ["[BODY].token = ${CANARY}", "[HEADER].x == ${CANARY}"]',
      '  - name: "${CANARY_NAME}"',
      '    kind: tcp',
      '    host: "${CANARY}"',
      '    port: ${CANARY}',
      '    labels: { "${CANARY}": x }',
      '    retries: "${CANARY}"',
    ].join('\n')
    const error = issuesOf(() => parse(text, { CANARY, CANARY_NAME: 'canary-name-42' }))
    assert.ok(error.issues.length >= 4, formatIssues(error.issues))
    for (const output of [error.message, formatIssues(error.issues), JSON.stringify(error), JSON.stringify(error.issues), String(error.stack)]) {
      assert.ok(!output.includes(CANARY), `canary leaked:\n${output}`)
      assert.ok(!output.includes('canary-name-42'), `canary name leaked:\n${output}`)
    }
  })
})
