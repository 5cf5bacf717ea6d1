/**
 * The one error the clouds.yaml loader throws, positioned like every config error in Glasshouse.
 *
 * @module
 */

/**
 * Where a problem is: a file with 1-based line and column (both 0 when the problem has no place
 * in the file, like a missing cloud), or `environment` with `path` naming the `OS_*` variable.
 */
export interface CloudConfigIssue {
  file: string
  line: number
  col: number
  /** Where in the document, like `clouds.demo.regions[1]`; empty for the file itself. */
  path: string
  message: string
}

/**
 * Thrown for every clouds.yaml problem that stops loading: an unknown cloud or region, a bad
 * shape, an unsupported auth type. The message is `file:line:col: path: message`, and never
 * contains a secret value (messages name keys and cloud or region names only).
 *
 * @example
 * try { await loadCloud({ cloud: 'demo' }) } catch (error) {
 *   if (error instanceof CloudConfigError) process.exitCode = 3
 * }
 */
export class CloudConfigError extends Error {
  /** Stable code for the error mapping (CLI exit 3: cloud config missing or wrong). */
  readonly code = 'CLOUD_CONFIG'
  readonly issue: CloudConfigIssue

  constructor(issue: CloudConfigIssue) {
    super(formatCloudIssue(issue))
    this.name = 'CloudConfigError'
    this.issue = issue
  }
}

/**
 * Renders an issue as `file:line:col: path: message` (line and column left out when unknown).
 *
 * @example
 * formatCloudIssue({ file: 'clouds.yaml', line: 3, col: 5, path: 'clouds.demo.auth_type', message: 'unsupported' })
 * // 'clouds.yaml:3:5: clouds.demo.auth_type: unsupported'
 */
export function formatCloudIssue(issue: CloudConfigIssue): string {
  const where = issue.line > 0 ? `${issue.file}:${issue.line}:${issue.col}` : issue.file
  return issue.path === '' ? `${where}: ${issue.message}` : `${where}: ${issue.path}: ${issue.message}`
}

/**
 * Renders a document path as `clouds.demo.regions[1].values`; keys that are not identifiers are quoted.
 *
 * @example
 * formatCloudPath(['clouds', 'my cloud', 'regions', 0]) // 'clouds["my cloud"].regions[0]'
 */
export function formatCloudPath(path: readonly (string | number)[]): string {
  let text = ''
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`
    else if (/^[A-Za-z_][\w-]*$/.test(part)) text += text === '' ? part : `.${part}`
    else text += `[${JSON.stringify(part)}]`
  }
  return text
}
