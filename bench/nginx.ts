/**
 * Debian's nginx as a loopback target for benchmarks: a separate process with its own temporary
 * prefix, answering `200 ok` on every path, so the checks measure a real server and not our own.
 *
 * @module
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createConnection, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

/** Where Debian's package `nginx-light` installs the binary. */
export const NGINX_BINARY = '/usr/sbin/nginx'

/** A running nginx on 127.0.0.1. */
export interface RunningNginx {
  port: number
  /** `http://127.0.0.1:<port>` */
  url: string
  pid: number
  /** Stops nginx (graceful, then forced) and removes its temporary prefix. */
  stop(): Promise<void>
}

/**
 * The nginx.conf of a benchmark target: one worker, no access log, every path answers `200 ok`,
 * every file (pid, logs, temp paths) inside `prefix`.
 *
 * @example
 * nginxConfig('/tmp/gh-nginx-x', 18080).includes('listen 127.0.0.1:18080') // true
 */
export function nginxConfig(prefix: string, port: number): string {
  const temp = (name: string) => join(prefix, 'temp', name)
  return `daemon off;
master_process on;
worker_processes 1;
pid ${join(prefix, 'nginx.pid')};
error_log ${join(prefix, 'error.log')} warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${temp('body')};
  proxy_temp_path ${temp('proxy')};
  fastcgi_temp_path ${temp('fastcgi')};
  uwsgi_temp_path ${temp('uwsgi')};
  scgi_temp_path ${temp('scgi')};
  server {
    listen 127.0.0.1:${port};
    location / { return 200 "ok"; }
  }
}
`
}

/** A port that was free on 127.0.0.1 a moment ago. */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (address === null || typeof address === 'string') throw new Error('no port assigned')
  return address.port
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => child.once('exit', () => resolve()))
}

async function waitListening(child: ChildProcess, port: number, stderr: () => string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}: ${stderr().trim()}`)
    if (await accepts(port)) return
    await sleep(50)
  }
  throw new Error(`nginx did not listen on 127.0.0.1:${port} within 5 s: ${stderr().trim()}`)
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  child.kill('SIGQUIT')
  const done = await Promise.race([exited(child).then(() => true), sleep(5_000).then(() => false)])
  if (!done) {
    child.kill('SIGKILL')
    await exited(child)
  }
}

/**
 * Starts nginx on a free 127.0.0.1 port with a temporary prefix. Retries on another port when the
 * chosen one was taken in between.
 *
 * @example
 * const nginx = await startNginx()
 * await fetch(`${nginx.url}/anything`) // 200 "ok"
 * await nginx.stop()
 */
export async function startNginx(binary = NGINX_BINARY): Promise<RunningNginx> {
  let lastError: unknown
  for (let attempt = 0; attempt < 3; attempt++) {
    const prefix = await mkdtemp(join(tmpdir(), 'gh-bench-nginx-'))
    try {
      return await startIn(binary, prefix)
    } catch (error) {
      lastError = error
      await rm(prefix, { recursive: true, force: true })
    }
  }
  throw lastError
}

async function startIn(binary: string, prefix: string): Promise<RunningNginx> {
  await mkdir(join(prefix, 'temp'), { recursive: true })
  const port = await freePort()
  const conf = join(prefix, 'nginx.conf')
  await writeFile(conf, nginxConfig(prefix, port))
  const child = spawn(binary, ['-p', prefix, '-c', conf, '-e', join(prefix, 'error.log')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    if (stderr.length < 4_000) stderr += chunk.toString()
  })
  const spawned = new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve)
    child.once('error', reject)
  })
  await spawned
  try {
    await waitListening(child, port, () => stderr)
  } catch (error) {
    await stopChild(child)
    throw error
  }
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    async stop() {
      await stopChild(child)
      await rm(prefix, { recursive: true, force: true })
    },
  }
}
