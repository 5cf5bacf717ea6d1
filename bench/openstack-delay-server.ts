/**
 * The delay server of the OpenStack timing benchmark, as source for a separate Node process (so
 * its work never shares an event loop with the client measured): Keystone answers at once,
 * every other request is held 20 ms and reports the hold it measured in `Server-Timing`.
 *
 * @module
 */
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'

const SOURCE = `
const http = require('node:http')
const HOLD_MS = Number(process.argv[1] || 20)
const catalog = JSON.stringify({ token: { expires_at: new Date(Date.now() + 86400000).toISOString(), user: { id: 'u' }, project: { id: 'p' }, catalog: [] } })
const body = JSON.stringify({ flavors: [{ id: 'f1', name: 'SCS-1V-2' }] })
const server = http.createServer((req, res) => {
  const started = performance.now()
  req.resume()
  req.on('end', () => {
    if (req.url.endsWith('/auth/tokens')) {
      res.writeHead(201, { 'content-type': 'application/json', 'x-subject-token': 'bench-token' })
      return res.end(catalog)
    }
    setTimeout(() => {
      const hold = performance.now() - started
      res.writeHead(200, { 'content-type': 'application/json', 'server-timing': 'hold;dur=' + hold.toFixed(3), 'x-openstack-request-id': 'req-bench' })
      res.end(body)
    }, HOLD_MS)
  })
})
server.keepAliveTimeout = 60000
server.listen(0, '127.0.0.1', () => console.log(server.address().port))
`

/** A running delay server. */
export interface DelayServer {
  url: string
  stop(): void
}

/**
 * Starts the delay server in a child process and waits for its port.
 *
 * @example
 * const server = await startDelayServer(20)
 */
export async function startDelayServer(holdMs: number): Promise<DelayServer> {
  const child: ChildProcess = spawn(process.execPath, ['-e', SOURCE, String(holdMs)], { stdio: ['ignore', 'pipe', 'inherit'] })
  const lines = createInterface({ input: child.stdout! })
  const port = await new Promise<number>((resolve, reject) => {
    lines.once('line', (line) => resolve(Number(line)))
    child.once('exit', (code) => reject(new Error(`delay server exited with ${code}`)))
  })
  return { url: `http://127.0.0.1:${port}`, stop: () => void child.kill('SIGTERM') }
}

/**
 * The hold a response reports in `Server-Timing: hold;dur=…`, in milliseconds.
 *
 * @example
 * holdOf({ 'server-timing': 'hold;dur=20.4' }) // 20.4
 */
export function holdOf(headers: Record<string, string | string[] | undefined>): number {
  const value = headers['server-timing']
  const text = Array.isArray(value) ? value.join(',') : (value ?? '')
  const match = /hold;dur=([\d.]+)/.exec(text)
  if (!match) throw new Error('no Server-Timing hold in the answer')
  return Number(match[1])
}
