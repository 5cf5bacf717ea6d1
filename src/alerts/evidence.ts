/**
 * The evidence an alert carries: the failing calls of the newest failed results, their request
 * ids, and a one-line reproduction (the `curl` CloudMon puts in its alerts, with the token as
 * `$TOKEN` and every other header value as a variable — never a secret).
 *
 * @module
 */
import type { StoredResult } from '../store/index.js'

/** The stored definition of a check, as far as a reproduction needs it. */
export interface ReproducibleCheck {
  name: string
  kind: string
  definition: unknown
}

const MAX_CALLS = 5

function quote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`
}

function variableOf(header: string): string {
  return /^x-auth-token$/i.test(header) ? 'TOKEN' : header.toUpperCase().replace(/[^A-Z0-9]+/g, '_')
}

/**
 * A shell line that repeats what the check did, or null when its kind has no URL to call.
 *
 * @example
 * reproduction({ name: 'api', kind: 'http', definition: { url: 'https://api/x', method: 'GET', headers: { 'X-Auth-Token': '…' } } })
 * // `curl -sS -o /dev/null -w '%{http_code} %{time_total}s\n' -X GET -H "X-Auth-Token: $TOKEN" 'https://api/x'`
 */
export function reproduction(check: ReproducibleCheck): string | null {
  const definition = (check.definition ?? {}) as { url?: unknown; method?: unknown; headers?: unknown }
  if (typeof definition.url !== 'string') return null
  const method = typeof definition.method === 'string' ? definition.method : 'GET'
  const headers = typeof definition.headers === 'object' && definition.headers !== null ? Object.keys(definition.headers) : []
  const flags = headers.map((name) => `-H "${name}: $${variableOf(name)}"`)
  return ["curl -sS -o /dev/null -w '%{http_code} %{time_total}s\\n'", `-X ${method}`, ...flags, quote(definition.url)].join(' ')
}

/**
 * One line per failing call of `result`: operation, status, request id.
 *
 * @example
 * failingCalls(result) // ['compute.servers.create → 500 (request id req-1f2e…)']
 */
export function failingCalls(result: StoredResult): string[] {
  const failed = result.calls.filter((call) => call.status === null || call.status >= 400)
  const calls = failed.length > 0 ? failed : result.calls.slice(-1)
  return calls.slice(-MAX_CALLS).map((call) => `${call.operation} → ${call.status ?? 'no answer'}${call.requestId ? ` (request id ${call.requestId})` : ''}`)
}

/**
 * The evidence annotations of the newest failed results of the checks behind an alert.
 *
 * @example
 * evidenceAnnotations([{ check, result }]) // { evidence: 'api: http_5xx …', request_ids: 'req-…', reproduction: 'curl …' }
 */
export function evidenceAnnotations(failures: readonly { check: ReproducibleCheck; result: StoredResult }[]): Record<string, string> {
  if (failures.length === 0) return {}
  const lines = failures.map(({ check, result }) => `${check.name}: ${result.failure?.code ?? 'failed'} ${result.failure?.message ?? ''}`.trim() + (failingCalls(result).length > 0 ? ` [${failingCalls(result).join('; ')}]` : ''))
  const requestIds = failures.flatMap(({ result }) => result.calls.map((call) => call.requestId).filter((id): id is string => id !== null))
  const repro = failures.map(({ check }) => reproduction(check)).find((line) => line !== null)
  return {
    evidence: lines.join('\n'),
    ...(requestIds.length > 0 ? { request_ids: [...new Set(requestIds)].slice(-10).join(' ') } : {}),
    ...(repro ? { reproduction: repro } : {}),
  }
}
