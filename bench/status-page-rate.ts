/**
 * Child entry of the status-page benchmark: a fixed-rate (open-loop) load generator, because
 * Debian has no wrk2. It plans `GET <url>` at `rate` per second over `connections` keep-alive
 * connections for `seconds`, whatever the answers do, and counts latency from the planned
 * instant (so queueing behind a slow server is measured, not hidden — wrk2's correction). The
 * first second is warm-up and not counted. argv[2] is `{ url, rate, connections, seconds }`;
 * prints one JSON line with a {@link RateNumbers}.
 *
 * @module
 */
import { getRequest, RepeatingConnection } from './status-page-connection.js'

/** What the fixed-rate run measured over the counted window. */
export interface RateNumbers {
  planned: number
  ok: number
  errors: number
  p50Ms: number
  p99Ms: number
  /** How late the generator itself sent (p99, ms): large means the generator, not the server, lagged. */
  sendLagP99Ms: number
}

interface Settings {
  url: string
  rate: number
  connections: number
  seconds: number
}

function percentile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!
}

const settings = JSON.parse(process.argv[2] ?? '{}') as Settings
if (!/^127\.\d+\.\d+\.\d+$/.test(new URL(settings.url).hostname)) throw new Error('the load generator only targets 127.0.0.0/8')

const target = new URL(settings.url)
const request = getRequest(target)
const pool = Array.from({ length: settings.connections }, () => new RepeatingConnection(target.hostname, Number(target.port), request, 5_000))
/** Planned requests waiting for a free connection, oldest first. */
const queue: number[] = []
const periodMs = 1000 / settings.rate
const total = Math.floor(settings.seconds * settings.rate)
const warmUp = settings.rate
const latencies: number[] = []
const lags: number[] = []
let finished = 0
const start = performance.now()

function dispatch(): void {
  for (const connection of pool) {
    if (queue.length === 0) return
    if (!connection.busy) send(connection, queue.shift()!)
  }
}

function send(connection: RepeatingConnection, index: number): void {
  const planned = start + index * periodMs
  connection.send((ok) => {
    finished++
    if (index >= warmUp && ok) latencies.push(performance.now() - planned)
    setImmediate(dispatch)
  })
}

function report(): void {
  const numbers: RateNumbers = {
    planned: total - warmUp,
    ok: latencies.length,
    errors: total - warmUp - latencies.length,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    sendLagP99Ms: percentile(lags, 0.99),
  }
  process.stdout.write(`${JSON.stringify(numbers)}\n`, () => process.exit(0))
}

let next = 0
function tick(): void {
  const due = Math.min(total, Math.floor((performance.now() - start) / periodMs) + 1)
  for (; next < due; next++) {
    if (next >= warmUp) lags.push(performance.now() - (start + next * periodMs))
    queue.push(next)
  }
  dispatch()
  if (next < total) setTimeout(tick, Math.max(0, start + next * periodMs - performance.now()))
  else {
    const deadline = performance.now() + 10_000
    const wait = () => (finished >= total || performance.now() > deadline ? report() : setTimeout(wait, 20))
    wait()
  }
}
tick()
