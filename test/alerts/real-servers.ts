/**
 * Real receivers on loopback for the alert suites: Debian's Alertmanager (temp config and
 * storage) and aiosmtpd writing every message to a maildir.
 *
 * @module
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createConnection } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { freePort } from '../support/ports.js'

/** Debian's Alertmanager binary. */
export const ALERTMANAGER = '/usr/bin/prometheus-alertmanager'
/** Debian's python3, which has python3-aiosmtpd (a pyenv python on PATH may not). */
export const SYSTEM_PYTHON = '/usr/bin/python3'

/** Resolves when aiosmtpd imports, to null, else to what is missing. */
export async function aiosmtpdAvailable(): Promise<string | null> {
  if (!existsSync(SYSTEM_PYTHON)) return `no ${SYSTEM_PYTHON}`
  const probe = spawn(SYSTEM_PYTHON, ['-c', 'import aiosmtpd'], { stdio: 'ignore' })
  const code = await new Promise<number | null>((resolve) => probe.on('exit', resolve))
  return code === 0 ? null : 'python3 cannot import aiosmtpd'
}

async function waitForPort(port: number, child: ChildProcess, output: () => string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}): ${output()}`)
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port }, () => {
        socket.destroy()
        resolve(true)
      })
      socket.on('error', () => resolve(false))
    })
    if (open) return
    await sleep(100)
  }
  throw new Error(`nothing listens on ${port}: ${output()}`)
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}

/**
 * Starts Alertmanager with `webhookUrl` as its only receiver (group by component, location and
 * vantage; short waits so tests see its notifications quickly).
 */
export async function startAlertmanager(webhookUrl: string) {
  const dir = mkdtempSync(join(tmpdir(), 'glasshouse-am-'))
  const port = await freePort()
  const config = [
    'route:',
    '  receiver: test',
    "  group_by: ['alertname', 'component', 'location', 'vantage']",
    '  group_wait: 1s',
    '  group_interval: 1s',
    '  repeat_interval: 1h',
    'receivers:',
    '  - name: test',
    '    webhook_configs:',
    `      - url: '${webhookUrl}'`,
    '        send_resolved: true',
  ].join('\n')
  writeFileSync(join(dir, 'alertmanager.yml'), `${config}\n`)
  let output = ''
  const child = spawn(ALERTMANAGER, [`--config.file=${join(dir, 'alertmanager.yml')}`, `--storage.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address='], { stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  await waitForPort(port, child, () => output)
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await stop(child)
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Starts aiosmtpd with the Mailbox handler; `messages()` reads every delivered message. */
export async function startSmtp() {
  const dir = mkdtempSync(join(tmpdir(), 'glasshouse-smtp-'))
  const maildir = join(dir, 'maildir')
  const port = await freePort()
  let output = ''
  const child = spawn(SYSTEM_PYTHON, ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${port}`, '-c', 'aiosmtpd.handlers.Mailbox', maildir], { stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  await waitForPort(port, child, () => output)
  return {
    port,
    messages(): string[] {
      const folder = join(maildir, 'new')
      if (!existsSync(folder)) return []
      // Python names a maildir file `<s>.M<µs>P<pid>Q<n>.<host>` with µs not zero-padded, so the
      // names do not sort by arrival; the per-process delivery counter Q does.
      const arrival = (file: string) => Number(/Q(\d+)\./.exec(file)?.[1] ?? 0)
      return readdirSync(folder)
        .sort((a, b) => arrival(a) - arrival(b))
        .map((file) => readFileSync(join(folder, file), 'utf8'))
    },
    async close() {
      await stop(child)
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
