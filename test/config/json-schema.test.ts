import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Ajv } from 'ajv'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { parse } from 'yaml'
import { configJsonSchema } from '../../src/config/index.js'

const fixture = (name: string) => parse(readFileSync(fileURLToPath(new URL(`../fixtures/config/${name}`, import.meta.url)), 'utf8'))

const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false })
const validate = ajv.compile(configJsonSchema())

test('the JSON Schema is valid draft 2020-12 with a title and description', () => {
  const schema = configJsonSchema()
  assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema')
  assert.equal(typeof schema.title, 'string')
  assert.equal(typeof schema.description, 'string')
  assert.ok(ajv.validateSchema(schema), JSON.stringify(ajv.errors))
})

test('written configs validate against it (durations as strings)', () => {
  for (const name of ['valid-minimal.yaml', 'valid-split/glasshouse.yaml', 'valid-split/glasshouse.d/10-network.yaml']) {
    assert.ok(validate(fixture(name)), `${name}: ${JSON.stringify(validate.errors)}`)
  }
  assert.ok(validate({ defaults: { interval: '1h30m' }, checks: [{ name: 'web', kind: 'http', url: 'http://127.0.0.1/', timeout: '250ms' }] }))
})

test('it rejects what the loader rejects: unknown keys, bad durations, unknown kinds', () => {
  for (const name of ['invalid-unknown-top-level-key.yaml', 'invalid-unknown-check-key.yaml', 'invalid-bad-duration.yaml', 'invalid-unknown-kind.yaml', 'invalid-bad-log-level.yaml']) {
    assert.equal(validate(fixture(name)), false, name)
  }
})

test('it uses only keywords that mean the same in draft-07, so yaml-language-server (draft-07 engine) reads it right', () => {
  const common = new Set(['$schema', 'title', 'description', 'type', 'properties', 'additionalProperties', 'required', 'items', 'oneOf', 'const', 'enum', 'default', 'pattern', 'format', 'minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'propertyNames', 'minItems', 'maxItems', 'anyOf'])
  const used = new Set<string>()
  const walk = (value: unknown, inside: 'schema' | 'names' | 'data'): void => {
    if (Array.isArray(value)) return value.forEach((item) => walk(item, inside))
    if (value === null || typeof value !== 'object') return
    for (const [key, item] of Object.entries(value)) {
      if (inside === 'schema') used.add(key)
      walk(item, inside === 'names' ? 'schema' : key === 'properties' ? 'names' : key === 'default' || key === 'const' || key === 'enum' ? 'data' : inside === 'data' ? 'data' : 'schema')
    }
  }
  walk(configJsonSchema(), 'schema')
  assert.ok(used.has('additionalProperties') && used.has('oneOf'))
  assert.deepEqual([...used].filter((key) => !common.has(key)), [])
  const { $schema: _draft, ...draft07 } = configJsonSchema()
  const validate07 = new Ajv({ strict: false, validateFormats: false }).compile(draft07)
  assert.ok(validate07(fixture('valid-minimal.yaml')))
  assert.equal(validate07(fixture('invalid-unknown-check-key.yaml')), false)
})
