/**
 * Classifies an OpenSSH client run into the failure codes of `core/`: exit 255 is ssh's own
 * failure (read from its stderr), any other non-zero exit is the remote command's.
 *
 * @module
 */
import type { CheckFailure } from './outcome.js'
import type { ProgramRun } from './run-program.js'

/** What the message names: `root@203.0.113.5:222` and, for command failures, the command's label. */
export interface SshFailureContext {
  destination: string
  label: string
  timeoutMs: number
}

const TRANSPORT_FAILURES: ReadonlyArray<[RegExp, CheckFailure['code'], string]> = [
  [/Permission denied|Too many authentication failures|no mutual signature/i, 'auth', 'authentication refused (the key was not accepted)'],
  [/Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED/i, 'auth', 'the host key changed since the first connection of this run'],
  [/Could not resolve hostname/i, 'dns', 'the host name does not resolve'],
  [/Connection refused/i, 'connect', 'connection refused (nothing listens on the port)'],
  [/Connection timed out|Operation timed out|timed out during banner exchange/i, 'timeout', 'connection timed out'],
  [/No route to host|Network is unreachable|Host is unreachable/i, 'connect', 'no route to the host'],
  [/Connection closed|Connection reset|kex_exchange_identification/i, 'connect', 'the connection was closed before login'],
]

/**
 * The failure of one ssh run, or null when the remote command exited 0. `transport` tells
 * whether ssh itself failed (worth a retry) rather than the command.
 *
 * @example
 * classifySsh({ exitCode: 255, stderr: 'ssh: connect to host 10.0.0.5 port 22: Connection refused', … }, ctx)
 * // { failure: { code: 'connect', message: 'ssh root@10.0.0.5:22: connection refused (nothing listens on the port)' }, transport: true }
 */
export function classifySsh(run: ProgramRun, context: SshFailureContext): { failure: CheckFailure | null; transport: boolean } {
  const prefix = `ssh ${context.destination}`
  if (run.startError) return { failure: { code: 'internal', message: `${prefix}: cannot run ssh: ${run.startError}` }, transport: false }
  if (run.aborted) return { failure: { code: 'timeout', message: `${prefix}: stopped before it finished` }, transport: false }
  if (run.timedOut) {
    return { failure: { code: 'timeout', message: `${prefix}: ${context.label} took longer than ${context.timeoutMs / 1_000} s` }, transport: true }
  }
  if (run.exitCode === 0) return { failure: null, transport: false }
  if (run.exitCode === 255) {
    const known = TRANSPORT_FAILURES.find(([pattern]) => pattern.test(run.stderr))
    const badKey = /Load key .*invalid format|invalid format/i.test(run.stderr) ? '; the private key is not in a format ssh reads' : ''
    const [code, reason] = known ? [known[1], known[2]] : (['connect', firstLine(run.stderr)] as const)
    return { failure: { code, message: `${prefix}: ${reason}${badKey}` }, transport: true }
  }
  const detail = firstLine(run.stderr) === '(no output)' ? '' : `: ${firstLine(run.stderr)}`
  return { failure: { code: 'assertion', message: `${prefix}: ${context.label} exited ${run.exitCode}${detail}` }, transport: false }
}

function firstLine(text: string): string {
  return text.split('\n').map((line) => line.trim()).find((line) => line !== '')?.slice(0, 200) ?? '(no output)'
}
