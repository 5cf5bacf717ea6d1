import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { ConfigError, ConfigSchema, applyOverrides, formatIssues, parseEnv } from '../../src/config/index.js'

const fileConfig = ConfigSchema.parse({
  server: { listen: '127.0.0.1:7000' },
  storage: { dataDir: '/from/file', databaseUrl: 'postgres://file@127.0.0.1/db' },
  log: { level: 'warn' },
})

describe('parseEnv', () => {
  test('reads the GLASSHOUSE_* variables; empty ones count as unset', () => {
    assert.deepEqual(
      parseEnv({ GLASSHOUSE_LISTEN: '[::1]:9000', GLASSHOUSE_DATA_DIR: '/srv', GLASSHOUSE_CONFIG: 'g.yaml', GLASSHOUSE_LOG_LEVEL: 'debug', GLASSHOUSE_DATABASE_URL: '' }),
      { listen: '[::1]:9000', dataDir: '/srv', config: 'g.yaml', logLevel: 'debug' },
    )
  })
  test('every invalid variable is named, its value never shown', () => {
    const secret = 'postgres-password-canary'
    assert.throws(
      () => parseEnv({ GLASSHOUSE_LISTEN: 'nowhere', GLASSHOUSE_LOG_LEVEL: 'loud', GLASSHOUSE_DATABASE_URL: `mysql://u:${secret}@h/db` }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError)
        assert.deepEqual(error.issues.map((issue) => issue.path), ['GLASSHOUSE_LISTEN', 'GLASSHOUSE_DATABASE_URL', 'GLASSHOUSE_LOG_LEVEL'])
        assert.ok(formatIssues(error.issues).startsWith('environment: GLASSHOUSE_LISTEN: expected host:port'))
        assert.ok(!error.message.includes(secret))
        return true
      },
    )
  })
})

describe('applyOverrides: flag > environment > config file > default', () => {
  const env = { GLASSHOUSE_LISTEN: '127.0.0.1:8000', GLASSHOUSE_DATA_DIR: '/from/env', GLASSHOUSE_LOG_LEVEL: 'error' }
  test('the file wins over defaults when nothing overrides it', () => {
    assert.deepEqual(applyOverrides(fileConfig, { env: {} }), fileConfig)
    assert.equal(ConfigSchema.parse({}).server.listen, '127.0.0.1:8080')
  })
  test('the environment wins over the file', () => {
    const config = applyOverrides(fileConfig, { env })
    assert.deepEqual([config.server.listen, config.storage.dataDir, config.storage.databaseUrl, config.log.level], ['127.0.0.1:8000', '/from/env', 'postgres://file@127.0.0.1/db', 'error'])
  })
  test('a flag wins over the environment', () => {
    const flags = { listen: '127.0.0.1:9999', dataDir: '/from/flag', databaseUrl: 'postgresql://flag@127.0.0.1/db', logLevel: 'trace' }
    const config = applyOverrides(fileConfig, { flags, env })
    assert.deepEqual([config.server.listen, config.storage.dataDir, config.storage.databaseUrl, config.log.level], ['127.0.0.1:9999', '/from/flag', 'postgresql://flag@127.0.0.1/db', 'trace'])
    assert.equal(fileConfig.server.listen, '127.0.0.1:7000', 'the input config is not changed')
  })
  test('an invalid flag is a ConfigError naming the flag', () => {
    assert.throws(() => applyOverrides(fileConfig, { flags: { logLevel: 'chatty' }, env: {} }), /command line: --log-level: /)
  })
})
