/**
 * The JSON Schema of `glasshouse.yaml`, for editors (yaml-language-server) and other tools.
 *
 * @module
 */
import { z } from 'zod'
import { ConfigSchema } from './schema.js'

/**
 * The JSON Schema (draft 2020-12) of the config file as written: durations as strings, defaults
 * optional, unknown keys not allowed. `glasshouse config schema` prints it.
 *
 * @example
 * writeFileSync('glasshouse.schema.json', JSON.stringify(configJsonSchema(), null, 2))
 */
export function configJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(ConfigSchema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'throw' })
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'Glasshouse configuration',
    description: 'glasshouse.yaml (and glasshouse.d/*.yaml): server, storage, log, defaults and checks. Durations are strings such as 30s, 5m, 36h.',
    ...withoutSchemaKeyword(generated),
  }
}

function withoutSchemaKeyword(schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = schema
  return rest
}
