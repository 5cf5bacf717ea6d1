/**
 * Child entry of the schedule benchmark: an open-loop load generator. It sends `GET <url>` at a
 * fixed rate whatever the answers do (a slow server gets more requests in flight, not fewer),
 * for a bounded time, to loopback only. Latency counts from the planned send instant, so time
 * spent queued behind a slow server is measured rather than hidden.
 *
 * Protocol (IPC): argv[2] is `{ url, rate, durationMs, windowStart, windowEnd }` (window in epoch
 * ms); sends `{ type: 'done', report }` with a {@link LoadReport} and exits.
 *
 * @module
 */
import { Agent, get } from 'node:http'
import { percentile } from './schedule-stats.js'

/** What a browser sends that changes the answer: it accepts compressed pages. */
const BROWSER_HEADERS = { 'accept-encoding': 'gzip, deflate, br' }

/** What the load generator measured. */
export interface LoadReport {
  sent: number
  ok: number
  errors: number
  /** Error kinds (HTTP status, error code, `unanswered` after a 10 s drain) and how often. */
  errorKinds: Record<string, number>
  /** Mean size of an answered body, bytes. */
  meanBytes: number
  /** Requests planned inside the steady window, and their latency in ms. */
  window: { sent: number; ok: number; errors: number; p50Ms: number; p99Ms: number; sendLagP99Ms: number }
}

interface Settings {
  url: string
  rate: number
  durationMs: number
  windowStart: number
  windowEnd: number
}

interface Outcome {
  plannedAt: number
  lagMs: number
  latencyMs: number
  bytes: number
  error: string | null
}

const settings = JSON.parse(process.argv[2] ?? '{}') as Settings
if (!/^127\.\d+\.\d+\.\d+$/.test(new URL(settings.url).hostname)) throw new Error('the load generator only targets 127.0.0.0/8')

const agent = new Agent({ keepAlive: true, maxSockets: 256 })
const periodMs = 1000 / settings.rate
const total = Math.floor((settings.durationMs / 1000) * settings.rate)
const outcomes: Outcome[] = []
let answered = 0
const startEpoch = Date.now()
const startMono = performance.now()

function send(index: number): void {
  const planned = startMono + index * periodMs
  const sentAt = performance.now()
  const outcome: Outcome = { plannedAt: startEpoch + index * periodMs, lagMs: sentAt - planned, latencyMs: Number.NaN, bytes: 0, error: null }
  outcomes.push(outcome)
  const finish = (error: string | null) => {
    if (!Number.isNaN(outcome.latencyMs)) return
    outcome.latencyMs = performance.now() - planned
    outcome.error = error
    answered++
  }
  const request = get(settings.url, { agent, timeout: 5_000, headers: BROWSER_HEADERS }, (response) => {
    response.on('data', (chunk: Buffer) => void (outcome.bytes += chunk.length))
    response.once('end', () => finish(response.statusCode === 200 ? null : `http_${response.statusCode}`))
    response.once('error', (error: NodeJS.ErrnoException) => finish(error.code ?? 'response_error'))
  })
  request.once('timeout', () => request.destroy(Object.assign(new Error('timeout'), { code: 'timeout' })))
  request.once('error', (error: NodeJS.ErrnoException) => finish(error.code ?? 'request_error'))
}

function summarize(): LoadReport {
  for (const outcome of outcomes) if (Number.isNaN(outcome.latencyMs)) outcome.error = 'unanswered'
  const errorKinds: Record<string, number> = {}
  for (const outcome of outcomes) if (outcome.error) errorKinds[outcome.error] = (errorKinds[outcome.error] ?? 0) + 1
  const inWindow = outcomes.filter((o) => o.plannedAt >= settings.windowStart && o.plannedAt < settings.windowEnd)
  const windowOk = inWindow.filter((o) => o.error === null)
  const errors = outcomes.filter((o) => o.error !== null).length
  const answeredOk = outcomes.filter((o) => o.error === null)
  return {
    sent: outcomes.length,
    ok: outcomes.length - errors,
    errors,
    errorKinds,
    meanBytes: answeredOk.reduce((sum, o) => sum + o.bytes, 0) / Math.max(1, answeredOk.length),
    window: {
      sent: inWindow.length,
      ok: windowOk.length,
      errors: inWindow.length - windowOk.length,
      p50Ms: percentile(windowOk.map((o) => o.latencyMs), 0.5),
      p99Ms: percentile(windowOk.map((o) => o.latencyMs), 0.99),
      sendLagP99Ms: percentile(inWindow.map((o) => o.lagMs), 0.99),
    },
  }
}

async function drain(): Promise<void> {
  for (let waited = 0; answered < total && waited < 10_000; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

let next = 0
function tick(): void {
  const due = Math.min(total, Math.floor((performance.now() - startMono) / periodMs) + 1)
  while (next < due) send(next++)
  if (next < total) setTimeout(tick, Math.max(0, startMono + next * periodMs - performance.now()))
  else void drain().then(() => process.send?.({ type: 'done', report: summarize() }, () => process.exit(0)))
}
tick()
