/**
 * Configuration problems: positioned issues, the error that carries all of them, and their text.
 *
 * @module
 */

/**
 * One problem in the configuration, positioned at the YAML node responsible. `line` and `col` are
 * 1-based; both are 0 when the problem has no place in a file (an environment variable, a flag,
 * a file that cannot be read).
 */
export interface ConfigIssue {
  file: string
  line: number
  col: number
  /** Where in the document, like `checks[2].url`; empty for the document itself. */
  path: string
  message: string
}

/**
 * Thrown when the configuration is invalid; carries every issue found, not only the first.
 * Its message is {@link formatIssues} of them. Never contains a substituted secret.
 *
 * @example
 * try { await loadConfig({}) } catch (error) {
 *   if (error instanceof ConfigError) { console.error(error.message); process.exitCode = 2 }
 * }
 */
export class ConfigError extends Error {
  /** Stable code for the error mapping (CLI exit 2, API 400). */
  readonly code = 'CONFIG_INVALID'
  readonly issues: readonly ConfigIssue[]

  constructor(issues: readonly ConfigIssue[]) {
    super(formatIssues(issues))
    this.name = 'ConfigError'
    this.issues = issues
  }
}

/**
 * Renders issues one a line as `file:line:col: path: message` (the form editors and CI annotate).
 *
 * @example
 * formatIssues([{ file: 'glasshouse.yaml', line: 4, col: 10, path: 'checks[0].url', message: 'Invalid URL' }])
 * // 'glasshouse.yaml:4:10: checks[0].url: Invalid URL'
 */
export function formatIssues(issues: readonly ConfigIssue[]): string {
  return issues
    .map((issue) => {
      const where = issue.line > 0 ? `${issue.file}:${issue.line}:${issue.col}` : issue.file
      return issue.path === '' ? `${where}: ${issue.message}` : `${where}: ${issue.path}: ${issue.message}`
    })
    .join('\n')
}

/**
 * Renders a document path as `checks[2].url`; keys that are not identifiers are quoted.
 *
 * @example
 * formatPath(['checks', 2, 'headers', 'X-Trace']) // 'checks[2].headers["X-Trace"]'
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = ''
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`
    else if (typeof part === 'string' && /^[A-Za-z_$][\w$]*$/.test(part)) text += text === '' ? part : `.${part}`
    else text += `[${JSON.stringify(String(part))}]`
  }
  return text
}
