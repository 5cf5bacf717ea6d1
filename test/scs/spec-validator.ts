/**
 * Validates responses against the SCS spec file itself (`../shared/reference/openapi.yaml`,
 * loaded at test time; no schema is copied here): a small resolver finds the operation of a
 * concrete request and its response schema, Ajv (with ajv-formats; OpenAPI's `nullable` is an
 * Ajv keyword) checks the body. The spec defines no errors, so an undocumented status must be a
 * 4xx/5xx RFC 9457 problem carrying the reference server's `message`.
 *
 * @module
 */
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { parse } from 'yaml'

/** Where the spec lives: `../shared/reference/openapi.yaml` relative to the repository. */
export const SPEC_FILE = fileURLToPath(new URL('../../../shared/reference/openapi.yaml', import.meta.url))

type Json = Record<string, any>
const METHODS = ['get', 'post', 'patch', 'put', 'delete'] as const

/** One operation of the spec: `GET /incidents/{incidentId}`. */
export type OperationKey = string

/** The loaded spec with its operations and a response validator. */
export interface SpecValidator {
  operations: OperationKey[]
  /** The operation a concrete request is, or null when the spec has none. */
  operationOf(method: string, path: string): OperationKey | null
  /** Problems with a response (empty when it conforms). */
  check(operation: OperationKey, status: number, contentType: string | null, bodyText: string): string[]
}

function pointerOf(ref: string): string {
  return ref.replace(/^#/, '')
}

function resolve(spec: Json, node: Json): Json {
  let current = node
  while (typeof current.$ref === 'string') {
    current = pointerOf(current.$ref).split('/').slice(1).reduce((at: Json, key) => at[key.replaceAll('~1', '/').replaceAll('~0', '~')], spec)
  }
  return current
}

function templateRegex(template: string): RegExp {
  return new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`)
}

function problemIssues(status: number, contentType: string | null, bodyText: string): string[] {
  if (status < 400) return [`status ${status} is not in the spec`]
  if (!contentType?.startsWith('application/problem+json')) return [`an error must be application/problem+json, got ${contentType}`]
  const body = JSON.parse(bodyText) as Json
  const issues: string[] = []
  for (const field of ['type', 'title', 'message']) if (typeof body[field] !== 'string') issues.push(`problem.${field} must be a string`)
  if (body.status !== status) issues.push(`problem.status ${body.status} ≠ ${status}`)
  return issues
}

/**
 * Loads the spec; null when the file is missing.
 *
 * @example
 * const spec = loadSpecValidator()!
 * spec.check(spec.operationOf('GET', '/phases')!, 200, 'application/json', text) // []
 */
export function loadSpecValidator(): SpecValidator | null {
  if (!existsSync(SPEC_FILE)) return null
  const spec = parse(readFileSync(SPEC_FILE, 'utf8')) as Json
  const ajv = new Ajv({ strict: false, allErrors: true })
  const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv
  addFormats(ajv)
  ajv.addSchema(spec, 'scs-spec')
  const compiled = new Map<string, ValidateFunction>()
  const validatorAt = (pointer: string) => {
    let validate = compiled.get(pointer)
    if (validate === undefined) {
      validate = ajv.compile({ $ref: `scs-spec#${pointer}` })
      compiled.set(pointer, validate)
    }
    return validate
  }
  const operations = Object.entries(spec.paths as Json).flatMap(([path, item]) => METHODS.filter((method) => (item as Json)[method] !== undefined).map((method) => `${method.toUpperCase()} ${path}`))
  return {
    operations,
    operationOf(method, path) {
      const matches = operations.filter((key) => key.startsWith(`${method.toUpperCase()} `) && templateRegex(key.slice(key.indexOf(' ') + 1)).test(path))
      return matches[0] ?? null
    },
    check(operation, status, contentType, bodyText) {
      const [method, path] = operation.split(' ') as [string, string]
      const responses = (spec.paths[path][method.toLowerCase()] as Json).responses as Json
      const documented = responses[String(status)] as Json | undefined
      if (documented === undefined) return problemIssues(status, contentType, bodyText)
      const response = resolve(spec, documented)
      if (response.content === undefined) return bodyText === '' ? [] : [`status ${status} has no body in the spec, got ${bodyText.slice(0, 80)}`]
      if (!contentType?.startsWith('application/json')) return [`expected application/json, got ${contentType}`]
      const ref = typeof documented.$ref === 'string' ? `${pointerOf(documented.$ref)}/content/application~1json/schema` : `/paths/${path.replaceAll('~', '~0').replaceAll('/', '~1')}/${method.toLowerCase()}/responses/${status}/content/application~1json/schema`
      const validate = validatorAt(ref)
      if (validate(JSON.parse(bodyText))) return []
      return (validate.errors ?? []).map((error) => `${error.instancePath || '(body)'} ${error.message ?? ''}`)
    },
  }
}
