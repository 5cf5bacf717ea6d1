/**
 * `${NAME}` (environment) and `${file:/path}` (file content) in string values, `$${` for a
 * literal `${`. Substituted values are secrets: they are remembered so that every message can be
 * scrubbed of them, and nodes holding them are marked never to be quoted.
 *
 * @module
 */
import { readFileSync } from 'node:fs'
import { isAbsolute, join } from 'node:path'
import type { Position, RawIssue, ScalarHook } from './tree.js'

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/
const SCRUB_MIN_LENGTH = 4

/** What substitution needs: the environment, and the folder relative `${file:…}` paths start in. */
export interface SubstitutionContext {
  env: NodeJS.ProcessEnv
  baseDir: string
}

/**
 * Creates the scalar hook for one load. It collects its own issues and the set of substituted
 * values (for {@link scrub}).
 */
export function createSubstituter(context: SubstitutionContext): { hook: ScalarHook; issues: RawIssue[]; secrets: Set<string> } {
  const issues: RawIssue[] = []
  const secrets = new Set<string>()
  const resolve = (inner: string, at: Position, path: readonly PropertyKey[]): string | null => {
    const fail = (message: string): null => {
      issues.push({ at, path, message })
      return null
    }
    if (inner.startsWith('file:')) {
      const file = inner.slice('file:'.length)
      if (file === '') return fail('${file:} needs a path')
      try {
        return readFileSync(isAbsolute(file) ? file : join(context.baseDir, file), 'utf8').replace(/\r?\n$/, '')
      } catch (error) {
        return fail(`cannot read secret file ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`)
      }
    }
    if (!ENV_NAME.test(inner)) return fail(`\${${inner}} is neither \${NAME} nor \${file:/path} (write $\${ for a literal \${)`)
    const value = context.env[inner]
    return value === undefined ? fail(`environment variable ${inner} is not set`) : value
  }
  const hook: ScalarHook = (text, at, path, plain) => {
    if (!text.includes('${')) return { value: text, secret: false }
    let out = ''
    let secret = false
    let index = 0
    while (index < text.length) {
      if (text.startsWith('$${', index)) {
        out += '${'
        index += 3
      } else if (text.startsWith('${', index)) {
        const end = text.indexOf('}', index + 2)
        if (end < 0) {
          issues.push({ at, path, message: 'unterminated ${ (write $${ for a literal ${)' })
          return { value: text, secret: false }
        }
        const value = resolve(text.slice(index + 2, end), at, path)
        if (value !== null) {
          if (value.length >= SCRUB_MIN_LENGTH) secrets.add(value)
          out += value
          secret = true
        }
        index = end + 1
      } else {
        out += text[index]
        index += 1
      }
    }
    return { value: plain && secret ? typed(out) : out, secret }
  }
  return { hook, issues, secrets }
}

/** An unquoted `${PORT}` becomes a number or boolean when its value reads as one. */
function typed(text: string): unknown {
  if (/^-?(0|[1-9]\d*)(\.\d+)?$/.test(text)) return Number(text)
  if (text === 'true' || text === 'false') return text === 'true'
  return text
}

/**
 * Replaces every substituted value in a message with `***`.
 *
 * @example
 * scrub('bad value s3cr3t', new Set(['s3cr3t'])) // 'bad value ***'
 */
export function scrub(message: string, secrets: ReadonlySet<string>): string {
  let text = message
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) text = text.split(secret).join('***')
  return text
}
