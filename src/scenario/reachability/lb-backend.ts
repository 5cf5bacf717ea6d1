/**
 * The failover test's hands on a backend VM, as a customer would do it: log in through the jump
 * host's forwarded port and stop (or start again) the HTTP server that answers the load
 * balancer on port 80 — OSHM's `python3 -m http.server 80` serving the VM's `hostname`. Stopping
 * kills whatever listens on the port (found by its socket with `ss`, so nothing else is
 * touched) and remembers its directory, so starting serves the same files again.
 *
 * @module
 */
import type { CheckFailure, CheckOutcome } from './outcome.js'
import type { SshClient, SshTarget } from './ssh-client.js'

/** Where the stopped server's directory is kept between stop and start (the VM's own /tmp). */
export const BACKEND_STATE_FILE = '/tmp/glasshouse-lb-backend.dir'
/** Where OSHM's user data serves from, when no server was stopped before. */
export const DEFAULT_BACKEND_DIRECTORY = '/srv/www'

/** What a stop or start did: the backend's name (what it answers the load balancer with). */
export interface BackendOutcome extends CheckOutcome {
  /** The content of the served `hostname` file; null when the script failed. */
  name: string | null
}

/** How to reach the backend's shell. */
export interface BackendControlOptions {
  /** `sudo` (a cloud image's default user, the default) or `root` (logged in as root). */
  privilege?: 'sudo' | 'root'
  /** The backend's port; default 80. */
  port?: number
}

/**
 * The shell script that stops (or starts) the backend; it prints the backend's name. Exits 3
 * when nothing listens to stop, 4 when a started server does not listen within 5 s.
 *
 * @example
 * backendScript('stop', 80) // 'pids=$(ss -Hltnp "sport = :80" …'
 */
export function backendScript(action: 'stop' | 'start', port: number): string {
  const listening = `ss -Hltn "sport = :${port}" | grep -q .`
  const waitFor = (condition: string, code: number, what: string) =>
    `i=0; while ${condition}; do i=$((i + 1)); if [ "$i" -ge 50 ]; then echo "${what}" >&2; exit ${code}; fi; sleep 0.1; done`
  if (action === 'stop') {
    return [
      `pids=$(ss -Hltnp "sport = :${port}" | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u)`,
      `if [ -z "$pids" ]; then echo "nothing listens on port ${port}" >&2; exit 3; fi`,
      'first=$(echo "$pids" | head -n 1)',
      'dir=$(readlink "/proc/$first/cwd")',
      `printf '%s\\n' "$dir" > ${BACKEND_STATE_FILE}`,
      'name=$(cat "$dir/hostname" 2>/dev/null || hostname)',
      'kill $pids',
      waitFor(listening, 4, `port ${port} still listens`),
      'printf "%s\\n" "$name"',
      '',
    ].join('\n')
  }
  return [
    `dir=$(cat ${BACKEND_STATE_FILE} 2>/dev/null || echo ${DEFAULT_BACKEND_DIRECTORY})`,
    'cd "$dir" || exit 4',
    `nohup setsid python3 -m http.server ${port} >/dev/null 2>&1 </dev/null &`,
    waitFor(`! ${listening}`, 4, 'the backend did not start listening'),
    'cat hostname 2>/dev/null || hostname',
    '',
  ].join('\n')
}

/**
 * Stops or starts the backend at `via` (the jump host's floating IP and the VM's forwarded
 * port). Never rejects: a failure is in the outcome (`assertion` when the script failed).
 *
 * @example
 * const stopped = await controlBackend(ssh, { host: fip, port: 223 }, 'stop')
 * stopped.name // 'gh-mon1-k3x9-vm-vm3'
 */
export async function controlBackend(ssh: SshClient, via: SshTarget, action: 'stop' | 'start', options: BackendControlOptions = {}): Promise<BackendOutcome> {
  const shell = (options.privilege ?? 'sudo') === 'sudo' ? 'sudo -n /bin/sh -s' : '/bin/sh -s'
  const outcome = await ssh.run(via, shell, { input: backendScript(action, options.port ?? 80), label: `${action} backend` })
  const name = outcome.ok ? outcome.stdout.trim().split('\n').at(-1)?.trim() || null : null
  const failure: CheckFailure | null =
    outcome.failure?.code === 'assertion' ? { code: 'assertion', message: `${action} backend: ${outcome.stderr.trim().split('\n').at(-1) || outcome.failure.message}` } : outcome.failure
  const { check, startedAt, durationMs, attempts, calls } = outcome
  return name === null && failure === null
    ? { check, ok: false, startedAt, durationMs, attempts, calls, failure: { code: 'malformed', message: `${action} backend: no name printed` }, name }
    : { check, ok: failure === null, startedAt, durationMs, attempts, calls, failure, name }
}
