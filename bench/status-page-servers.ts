/**
 * The three servers of the status-page benchmark as pinned processes: Glasshouse and the bare
 * `node:http` server (children running `status-page-server.ts`), and Debian's nginx serving the
 * same pre-compressed copies with `gzip_static on`. Each runs under `taskset -c <core>` with the
 * open-file limit raised to the hard limit.
 *
 * @module
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { NGINX_BINARY, nginxTempPaths } from './nginx.js'
import { acceptsOnLoopback, stopProcess } from './processes.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

/** A server under test. */
export interface PinnedServer {
  url: string
  /** The pid of the process that serves (nginx: the master; its worker inherits the pinning). */
  pid: number
  stop(): Promise<void>
}

function pinned(core: number, command: string[]): ChildProcess {
  const quoted = command.map((part) => `'${part.replaceAll("'", "'\\''")}'`).join(' ')
  return spawn('bash', ['-c', `ulimit -n "$(ulimit -Hn)" && exec taskset -c ${core} ${quoted}`], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
}

/**
 * Starts `status-page-server.ts` with `settings` (and `nodeFlags`, e.g. `--expose-gc`) on `core`
 * and waits for its port.
 *
 * @example
 * const glasshouse = await startNodeServer({ kind: 'glasshouse', dataDir }, 0)
 */
export async function startNodeServer(settings: object, core: number, nodeFlags: string[] = []): Promise<PinnedServer> {
  const entry = fileURLToPath(new URL('status-page-server.ts', import.meta.url))
  const child = pinned(core, [process.execPath, ...nodeFlags, '--import', 'tsx', entry, JSON.stringify(settings)])
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => void (stderr = (stderr + chunk.toString()).slice(-4_000)))
  const stop = () => stopProcess(child, 'SIGTERM')
  const port = await new Promise<number>((resolve, reject) => {
    let stdout = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      const line = /^\{"port":(\d+)\}$/m.exec(stdout)
      if (line !== null) resolve(Number(line[1]))
    })
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr.trim()}`)))
    setTimeout(() => reject(new Error(`server did not listen within 60 s: ${stderr.trim()}`)), 60_000).unref()
  }).catch(async (error: unknown) => {
    await stop()
    throw error
  })
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, stop }
}

/**
 * nginx.conf serving `root` with `gzip_static on`: one worker, no access log, `/scs/components`
 * typed as JSON, every file inside `prefix`.
 *
 * @example
 * gzipStaticConfig('/tmp/p', '/tmp/p/root', 18080).includes('gzip_static on;') // true
 */
export function gzipStaticConfig(prefix: string, root: string, port: number): string {
  return `daemon off;
master_process on;
worker_processes 1;
worker_rlimit_nofile 16384;
pid ${join(prefix, 'nginx.pid')};
error_log ${join(prefix, 'error.log')} warn;
events { worker_connections 8192; }
http {
  access_log off;
  include /etc/nginx/mime.types;
${nginxTempPaths(prefix)}
  server {
    listen 127.0.0.1:${port} backlog=4096;
    root ${root};
    gzip_static on;
    gzip_vary on;
    location / { index index.html; }
    location = /scs/components { default_type application/json; }
  }
}
`
}

/**
 * Starts nginx on `core` serving `root` (which holds each file and its `.gz` copy).
 *
 * @example
 * const nginx = await startGzipNginx(prefix, root, port, 0)
 */
export async function startGzipNginx(prefix: string, root: string, port: number, core: number): Promise<PinnedServer> {
  await mkdir(join(prefix, 'temp'), { recursive: true })
  const conf = join(prefix, 'nginx.conf')
  await writeFile(conf, gzipStaticConfig(prefix, root, port))
  const child = pinned(core, [NGINX_BINARY, '-p', prefix, '-c', conf, '-e', join(prefix, 'error.log')])
  const stop = () => stopProcess(child, 'SIGQUIT')
  for (let attempt = 0; !(await acceptsOnLoopback(port)); attempt++) {
    if (child.exitCode !== null || attempt > 100) {
      await stop()
      throw new Error(`nginx did not start: ${readFileSync(join(prefix, 'error.log'), 'utf8').slice(-2_000)}`)
    }
    await sleep(50)
  }
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, stop }
}

/**
 * Resident set size of `pid` in bytes, from `/proc/<pid>/status`.
 *
 * @example
 * rssBytes(process.pid) > 0 // true
 */
export function rssBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  if (match === null) throw new Error(`no VmRSS for pid ${pid}`)
  return Number(match[1]) * 1024
}
