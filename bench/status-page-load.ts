/**
 * Runs the fixed-rate generator (`status-page-rate.ts`) pinned to a core and returns its numbers.
 *
 * @module
 */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { RateNumbers } from './status-page-rate.js'

export type { RateNumbers } from './status-page-rate.js'

/**
 * `taskset -c <core> node status-page-rate.ts` at `rate` req/s over `connections` connections.
 *
 * @example
 * const numbers = await runFixedRate({ url, rate: 5_000, connections: 100, seconds: 20, core: 1 })
 */
export function runFixedRate(options: { url: string; rate: number; connections: number; seconds: number; core: number }): Promise<RateNumbers> {
  const root = fileURLToPath(new URL('..', import.meta.url))
  const entry = fileURLToPath(new URL('status-page-rate.ts', import.meta.url))
  const settings = JSON.stringify({ url: options.url, rate: options.rate, connections: options.connections, seconds: options.seconds })
  const child = spawn('taskset', ['-c', String(options.core), process.execPath, '--import', 'tsx', entry, settings], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => void (stderr = (stderr + chunk.toString()).slice(-4_000)))
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`rate generator exited with ${code}: ${stderr.trim()}`))
      resolve(JSON.parse(stdout.trim()) as RateNumbers)
    })
  })
}
