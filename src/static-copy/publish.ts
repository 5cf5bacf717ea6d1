/**
 * The publish command: runs the configured argv (no shell) after each render with the new
 * generation's directory — as `{dir}` in any argument and as `$GLASSHOUSE_STATIC_DIR` — under a
 * timeout, and captures its output (capped, secrets redacted) for the log. It never throws: a
 * failure is a result the caller counts and logs.
 *
 * @module
 */
import { spawn } from 'node:child_process'

/** How a publish run ended. */
export interface PublishOutcome {
  ok: boolean
  /** Exit code, or null when killed or never started. */
  exitCode: number | null
  timedOut: boolean
  durationMs: number
  /** stdout and stderr interleaved, at most `OUTPUT_LIMIT` characters, secrets replaced by `***`. */
  output: string
  /** Why it failed, in words (secrets redacted); empty when ok. */
  reason: string
}

/** What a publish run needs. */
export interface PublishRequest {
  command: readonly string[]
  dir: string
  timeoutMs: number
  /** Strings that must not reach the log (config secrets). */
  secrets: readonly string[]
}

const OUTPUT_LIMIT = 8_000
const KILL_GRACE_MS = 2_000

/**
 * Replaces every secret in `text` with `***` (secrets shorter than 4 characters are too
 * ambiguous to hunt for and are left alone).
 *
 * @example
 * redact('token=s3cr3t', ['s3cr3t']) // 'token=***'
 */
export function redact(text: string, secrets: readonly string[]): string {
  return secrets.filter((secret) => secret.length >= 4).reduce((out, secret) => out.split(secret).join('***'), text)
}

/**
 * Runs the publish command once.
 *
 * @example
 * const outcome = await runPublish({ command: ['rsync', '-a', '{dir}/', 'web:/srv/status/'], dir, timeoutMs: 60_000, secrets: [] })
 * if (!outcome.ok) log.warn({ reason: outcome.reason, output: outcome.output }, 'publish failed')
 */
export function runPublish(request: PublishRequest): Promise<PublishOutcome> {
  const started = performance.now()
  const [program = '', ...args] = request.command.map((part) => part.split('{dir}').join(request.dir))
  return new Promise((resolve) => {
    let output = ''
    let timedOut = false
    let settled = false
    const collect = (chunk: Buffer) => {
      if (output.length < OUTPUT_LIMIT) output = (output + chunk.toString('utf8')).slice(0, OUTPUT_LIMIT)
    }
    const finish = (exitCode: number | null, failure: string) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      clearTimeout(killer)
      const reason = timedOut ? `timed out after ${request.timeoutMs} ms` : failure
      resolve({ ok: reason === '', exitCode, timedOut, durationMs: performance.now() - started, output: redact(output, request.secrets), reason: redact(reason, request.secrets) })
    }
    const child = spawn(program, args, { env: { ...process.env, GLASSHOUSE_STATIC_DIR: request.dir }, stdio: ['ignore', 'pipe', 'pipe'] })
    let killer: NodeJS.Timeout | undefined
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGTERM')
      killer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS)
    }, request.timeoutMs)
    child.stdout.on('data', collect)
    child.stderr.on('data', collect)
    child.once('error', (error) => finish(null, `could not start ${program}: ${error.message}`))
    child.once('close', (code, signal) => finish(code, code === 0 ? '' : signal !== null ? `killed by ${signal}` : `exited with ${code}`))
  })
}
