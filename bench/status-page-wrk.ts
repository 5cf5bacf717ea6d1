/**
 * Debian's wrk, pinned to a core, and the numbers of its `--latency` report.
 *
 * @module
 */
import { spawn } from 'node:child_process'

/** What one wrk run measured. */
export interface WrkNumbers {
  requestsPerSecond: number
  p99Ms: number
  /** Socket errors (connect, read, write) plus non-2xx/3xx answers. */
  errors: number
  timeouts: number
  requests: number
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1_000, m: 60_000 }

function durationMs(text: string): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text)
  if (match === null) throw new Error(`wrk: unreadable duration ${text}`)
  return Number(match[1]) * UNIT_MS[match[2]!]!
}

/**
 * Reads wrk's report (run with `--latency`).
 *
 * @example
 * parseWrk('  99%   12.50ms\n  1000 requests in 1.00s, 1.00MB read\nRequests/sec:   1000.00\n').p99Ms // 12.5
 */
export function parseWrk(output: string): WrkNumbers {
  const rate = /Requests\/sec:\s+([\d.]+)/.exec(output)
  const p99 = /^\s+99(?:\.000)?%\s+(\S+)/m.exec(output)
  const total = /(\d+) requests in/.exec(output)
  if (rate === null || p99 === null || total === null) throw new Error(`wrk: unreadable report:\n${output}`)
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output)
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(output)
  const socketErrors = socket === null ? 0 : Number(socket[1]) + Number(socket[2]) + Number(socket[3])
  return {
    requestsPerSecond: Number(rate[1]),
    p99Ms: durationMs(p99[1]!),
    errors: socketErrors + (non2xx === null ? 0 : Number(non2xx[1])),
    timeouts: socket === null ? 0 : Number(socket[4]),
    requests: Number(total[1]),
  }
}

/**
 * Runs `taskset -c <core> wrk -t1 -c<connections> -d<seconds>s --latency -H 'Accept-Encoding:
 * gzip' <url>` with the open-file limit raised to the hard limit.
 *
 * @example
 * const numbers = await runWrk({ url: 'http://127.0.0.1:8080/', core: 1, connections: 1000, seconds: 20 })
 */
export function runWrk(options: { url: string; core: number; connections: number; seconds: number }): Promise<WrkNumbers> {
  const wrk = `exec taskset -c ${options.core} wrk -t1 -c${options.connections} -d${options.seconds}s --latency -H 'Accept-Encoding: gzip' '${options.url}'`
  const child = spawn('bash', ['-c', `ulimit -n "$(ulimit -Hn)" && ${wrk}`], { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => void (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => void (output += chunk.toString()))
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`wrk exited with ${code}: ${output.trim()}`))
      else resolve(parseWrk(output))
    })
  })
}
