/**
 * Debian's nginx as a loopback target for benchmarks: a separate process with its own temporary
 * prefix, answering `200 ok` on every path, so the checks measure a real server and not our own.
 *
 * @module
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { freePort } from '../test/support/ports.js'
import { acceptsOnLoopback, stopProcess } from './processes.js'

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
 * An nginx.conf whose every file (pid, logs, temp paths) stays inside `prefix`: one worker in the
 * foreground, no access log, and `http` (server blocks, types, …) inside the `http` block.
 *
 * @example
 * prefixedNginxConfig('/tmp/p', { workerConnections: 64, http: '  server { listen 127.0.0.1:8080; }' })
 */
export function prefixedNginxConfig(prefix: string, { workerConnections, http }: { workerConnections: number; http: string }): string {
  return `daemon off;
master_process on;
worker_processes 1;
pid ${join(prefix, 'nginx.pid')};
error_log ${join(prefix, 'error.log')} warn;
events { worker_connections ${workerConnections}; }
http {
  access_log off;
${nginxTempPaths(prefix)}
${http}
}
`
}

/**
 * The nginx.conf of a benchmark target: every path answers `200 ok` (see {@link prefixedNginxConfig}).
 *
 * @example
 * nginxConfig('/tmp/gh-nginx-x', 18080).includes('listen 127.0.0.1:18080') // true
 */
export function nginxConfig(prefix: string, port: number): string {
  return prefixedNginxConfig(prefix, {
    workerConnections: 4096,
    http: `  server {
    listen 127.0.0.1:${port};
    location / { return 200 "ok"; }
  }`,
  })
}

/**
 * The `http` block's temp-path directives of an nginx whose every file stays inside `prefix`
 * (under `prefix/temp`, which the caller creates), indented for that block.
 *
 * @example
 * nginxTempPaths('/tmp/p').includes('proxy_temp_path /tmp/p/temp/proxy;') // true
 */
export function nginxTempPaths(prefix: string): string {
  const directories = { client_body: 'body', proxy: 'proxy', fastcgi: 'fastcgi', uwsgi: 'uwsgi', scgi: 'scgi' }
  return Object.entries(directories).map(([kind, directory]) => `  ${kind}_temp_path ${join(prefix, 'temp', directory)};`).join('\n')
}

async function waitListening(child: ChildProcess, port: number, stderr: () => string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}: ${stderr().trim()}`)
    if (await acceptsOnLoopback(port)) return
    await sleep(50)
  }
  throw new Error(`nginx did not listen on 127.0.0.1:${port} within 5 s: ${stderr().trim()}`)
}

/** How to start an nginx: the binary, the config for a prefix and port, the temp prefix's name. */
export interface NginxOptions {
  binary?: string
  /** The nginx.conf for the temporary `prefix` and the chosen `port`; the benchmark target by default. */
  config?: (prefix: string, port: number) => string
  /** The start of the temporary prefix's directory name. */
  tempName?: string
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
export async function startNginx({ binary = NGINX_BINARY, config = nginxConfig, tempName = 'gh-bench-nginx-' }: NginxOptions = {}): Promise<RunningNginx> {
  let lastError: unknown
  for (let attempt = 0; attempt < 3; attempt++) {
    const prefix = await mkdtemp(join(tmpdir(), tempName))
    try {
      return await startIn(binary, prefix, config)
    } catch (error) {
      lastError = error
      await rm(prefix, { recursive: true, force: true })
    }
  }
  throw lastError
}

async function startIn(binary: string, prefix: string, config: (prefix: string, port: number) => string): Promise<RunningNginx> {
  await mkdir(join(prefix, 'temp'), { recursive: true })
  const port = await freePort()
  const conf = join(prefix, 'nginx.conf')
  await writeFile(conf, config(prefix, port))
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
    await stopProcess(child, 'SIGQUIT')
    throw error
  }
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    async stop() {
      await stopProcess(child, 'SIGQUIT')
      await rm(prefix, { recursive: true, force: true })
    },
  }
}
