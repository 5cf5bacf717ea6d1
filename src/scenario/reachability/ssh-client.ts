/**
 * SSH as a customer does it: Debian's OpenSSH client with the run's private key in a 0600 file
 * that exists only while the client is open, host keys accepted on first use into a known_hosts
 * file of this run, no agent, no user config, no password prompts.
 *
 * @module
 */
import { chmodSync, rmSync } from 'node:fs'
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { outcomeOf, tryUnderPolicy } from './outcome.js'
import type { CheckOutcome, CheckRuntime, RetryPolicy } from './outcome.js'
import { runtimeWith } from './ping.js'
import { runProgram } from './run-program.js'
import { classifySsh } from './ssh-failure.js'
import { invalidPort, invalidTarget, invalidUser } from './targets.js'

/** The `ssh` binary: the customer's own tool. */
export const SSH_PROGRAM = '/usr/bin/ssh'

/** OSHM's jump-host login: `ConnectTimeout=8`, retried every 10 s for up to 120 s. */
export const JUMP_HOST_SSH_RETRY: RetryPolicy = { attempts: 13, delayMs: 10_000, budgetMs: 120_000 }
/** OSHM's VM login through the forwarded port: retried for up to 90 s. */
export const VM_SSH_RETRY: RetryPolicy = { attempts: 10, delayMs: 10_000, budgetMs: 90_000 }

/** Who logs in with which key. */
export interface SshClientOptions {
  /** The private key (OpenSSH or PEM format). A secret: written only to the client's 0600 file. */
  privateKey: string
  /** Default login name (`image_original_user`, `debian`, `ubuntu`, …). */
  user: string
  /** `ConnectTimeout` in seconds; default OSHM's 8. */
  connectTimeoutSeconds?: number
}

/** Where to log in. */
export interface SshTarget {
  host: string
  /** Default 22; a jump host's forwarded port for a VM. */
  port?: number
  /** Default the client's user. */
  user?: string
}

/** One command to run. */
export interface SshRunOptions {
  /** Written to the remote command's standard input (a script for `sh -s`). */
  input?: string
  /** What the command does, for the check name and messages (`marker`, `ls`); default `exec`. */
  label?: string
  /** Kill ssh after this long; default the connect timeout plus 30 s. */
  timeoutMs?: number
  /** Retries of ssh's own failures (connect, auth, timeout); a command's non-zero exit is final. Default one try. */
  retry?: RetryPolicy
}

/** An ssh check: the remote command's exit code and output. */
export interface SshOutcome extends CheckOutcome {
  /** The last try's exit code; 255 is ssh's own failure, null when it was killed. */
  exitCode: number | null
  stdout: string
  stderr: string
}

const DIRECTORY_PREFIX = 'glasshouse-ssh-'
const openDirectories = new Set<string>()
process.once('exit', () => {
  for (const directory of openDirectories) rmSync(directory, { recursive: true, force: true })
})
let staleRemoved = false

/** Key directories of monitor processes that died without closing their client (`kill -9`). */
async function removeStaleKeyDirectories(): Promise<void> {
  if (staleRemoved) return
  staleRemoved = true
  for (const entry of await readdir(tmpdir())) {
    const owner = new RegExp(`^${DIRECTORY_PREFIX}(\\d+)-`).exec(entry)?.[1]
    if (owner && !processAlive(Number(owner))) await rm(join(tmpdir(), entry), { recursive: true, force: true })
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * An open SSH client: one per run. Close it to delete the key file and the run's known_hosts
 * (also deleted at process exit; key directories of processes killed outright are deleted by
 * the next client opened on the host).
 *
 * @example
 * const ssh = await openSshClient({ privateKey, user: 'debian' })
 * try {
 *   const ls = await ssh.run({ host: fip }, 'ls', { label: 'ls', retry: JUMP_HOST_SSH_RETRY })
 * } finally {
 *   await ssh.close()
 * }
 */
export async function openSshClient(options: SshClientOptions, runtime: Partial<CheckRuntime> = {}): Promise<SshClient> {
  const badUser = invalidUser(options.user)
  if (badUser) throw new TypeError(`ssh client: ${badUser}`)
  await removeStaleKeyDirectories()
  const directory = await mkdtemp(join(tmpdir(), `${DIRECTORY_PREFIX}${process.pid}-`))
  openDirectories.add(directory)
  chmodSync(directory, 0o700)
  const keyFile = join(directory, 'id')
  const key = options.privateKey.endsWith('\n') ? options.privateKey : `${options.privateKey}\n`
  await writeFile(keyFile, key, { mode: 0o600 })
  chmodSync(keyFile, 0o600)
  return new SshClient(directory, keyFile, options, runtimeWith(runtime))
}

/** Runs commands over SSH; see {@link openSshClient}. */
export class SshClient {
  #closed = false

  /** @internal use {@link openSshClient} */
  constructor(
    private readonly directory: string,
    private readonly keyFile: string,
    private readonly options: SshClientOptions,
    /** The clock, sleep and stop signal every check made with this client uses. */
    readonly runtime: CheckRuntime,
  ) {}

  /** The known_hosts file of this run (host keys accepted on first use). */
  get knownHostsFile(): string {
    return join(this.directory, 'known_hosts')
  }

  /**
   * Runs `command` on `target` (through the remote user's shell) and classifies the outcome:
   * ssh's failures as `auth`, `connect`, `timeout`, `dns`; a non-zero exit of the command as
   * `assertion`. Never rejects.
   */
  async run(target: SshTarget, command: string, options: SshRunOptions = {}): Promise<SshOutcome> {
    const port = target.port ?? 22
    const user = target.user ?? this.options.user
    const destination = `${user}@${target.host}:${port}`
    const label = options.label ?? 'exec'
    const connectSeconds = this.options.connectTimeoutSeconds ?? 8
    const timeoutMs = options.timeoutMs ?? (connectSeconds + 30) * 1_000
    const bad = this.#closed ? 'the ssh client is closed' : (invalidTarget(target.host) ?? invalidPort(port) ?? invalidUser(user))
    const folded = await tryUnderPolicy(`ssh ${destination} ${label}`, options.retry ?? { attempts: 1, delayMs: 0 }, this.runtime, async (attempt) => {
      const started = this.runtime.clock.monotonic()
      const run = bad
        ? { exitCode: null, stdout: '', stderr: '', timedOut: false, aborted: false, startError: bad }
        : await runProgram(SSH_PROGRAM, this.#args(target.host, port, user, connectSeconds, command), {
            timeoutMs,
            input: options.input,
            signal: this.runtime.signal,
          })
      const durationMs = this.runtime.clock.monotonic() - started
      const { failure, transport } = classifySsh(run, { destination, label, timeoutMs })
      const call = { operation: 'ssh.exec', status: run.exitCode, durationMs, phases: {}, requestId: null, attempt }
      return { failure: failure && { ...failure, message: this.#scrub(failure.message) }, call, final: !transport, run }
    })
    const { run } = folded.last
    return { ...outcomeOf(folded), exitCode: run.exitCode, stdout: this.#scrub(run.stdout), stderr: this.#scrub(run.stderr) }
  }

  /** Deletes the key file and the known_hosts file. Further runs fail as `internal`. */
  async close(): Promise<void> {
    this.#closed = true
    await rm(this.directory, { recursive: true, force: true })
    openDirectories.delete(this.directory)
  }

  #args(host: string, port: number, user: string, connectSeconds: number, command: string): string[] {
    const option = (setting: string): string[] => ['-o', setting]
    return [
      '-F', '/dev/null', '-i', this.keyFile,
      ...option('IdentitiesOnly=yes'), ...option('IdentityAgent=none'), ...option('BatchMode=yes'),
      ...option('PasswordAuthentication=no'), ...option('StrictHostKeyChecking=accept-new'),
      ...option(`UserKnownHostsFile=${this.knownHostsFile}`), ...option('GlobalKnownHostsFile=/dev/null'),
      ...option(`ConnectTimeout=${connectSeconds}`), ...option('ServerAliveInterval=5'), ...option('ServerAliveCountMax=3'),
      ...option('LogLevel=ERROR'), '-T', '-p', String(port), '-l', user, '--', host, command,
    ]
  }

  /** Defence in depth: no line of the private key ever leaves in output or messages. */
  #scrub(text: string): string {
    let clean = text
    for (const line of this.options.privateKey.split('\n')) {
      const secretPart = line.trim()
      if (secretPart.length >= 16 && !secretPart.startsWith('-----')) clean = clean.replaceAll(secretPart, '***')
    }
    return clean
  }
}

/**
 * Opens a client, runs `use`, and closes the client (deleting the key file) whatever happens.
 *
 * @example
 * const outcome = await withSshClient({ privateKey, user: 'debian' }, (ssh) => ssh.run({ host: fip }, 'ls'))
 */
export async function withSshClient<T>(options: SshClientOptions, use: (client: SshClient) => Promise<T>, runtime: Partial<CheckRuntime> = {}): Promise<T> {
  const client = await openSshClient(options, runtime)
  try {
    return await use(client)
  } finally {
    await client.close()
  }
}
