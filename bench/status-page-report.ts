/**
 * The numbers of the status-page benchmark, its targets (issue 7) and its table.
 *
 * @module
 */
import type { ListenSysctls } from './status-page-kernel.js'
import type { RateNumbers } from './status-page-load.js'
import type { WrkNumbers } from './status-page-wrk.js'

/** What the kernel saw of a server's listen socket during one wrk run. */
export interface ListenNumbers {
  /** The longest accept queue sampled (connections established, not yet accepted). */
  acceptQueuePeak: number
  /** Machine-wide `ListenOverflows` and `ListenDrops` during the run (0: no handshake was refused). */
  overflows: number
  drops: number
}

/** One server × one path: wrk at 1,000 connections, and the fixed 5,000 req/s run. */
export interface PathNumbers {
  wrk: WrkNumbers
  rate: RateNumbers
  listen: ListenNumbers
}

/** A Node server's resident set over its loads, in MB. */
export interface RssNumbers {
  /** After warm-up, before the first load. */
  startMb: number
  /** The highest sampled (every 500 ms under load) or read at the end. */
  peakMb: number
  /** After the last load and its pause. */
  endMb: number
  /** After a forced full GC at the end (`BENCH_PAGE_GC=1`), else null. */
  afterGcMb: number | null
}

/** Everything one run measured. */
export interface StatusPageReport {
  components: number
  /** Whether results arrived during the run as in service (`BENCH_PAGE_IN_SERVICE=1`). */
  inService: boolean
  seconds: number
  /** 1-minute load average of the machine before and after (it is shared). */
  loadAverage: { before: number; after: number }
  /** Size of each gzip answer, and whether Glasshouse itself sent it compressed. */
  bytes: Record<string, { gzip: number; servedGzip: boolean }>
  glasshouse: Record<string, PathNumbers>
  nginx: Record<string, PathNumbers>
  bare: Record<string, PathNumbers>
  /** Resident sets of Glasshouse and of the bare `node:http` baseline under the same loads. */
  rss: { glasshouse: RssNumbers; bare: RssNumbers }
  /** The listen sysctls as configured (read, never changed). */
  sysctls: ListenSysctls
  /** Node flags both Node servers ran with. */
  nodeFlags: string[]
}

/** One target and whether it held. */
export interface Verdict {
  target: string
  measured: string
  pass: boolean
}

/**
 * Issue 7's targets: a/c ≥ 0.7, no errors or timeouts, RSS growth < 100 MB, p99 < 20 ms at
 * 5,000 req/s — each per path where it applies.
 *
 * @example
 * verdicts(report).every((v) => v.pass)
 */
export function verdicts(report: StatusPageReport): Verdict[] {
  const list: Verdict[] = []
  for (const [path, ours] of Object.entries(report.glasshouse)) {
    const ratio = ours.wrk.requestsPerSecond / report.bare[path]!.wrk.requestsPerSecond
    list.push({ target: `${path} a/c ≥ 0.7`, measured: ratio.toFixed(2), pass: ratio >= 0.7 })
    const failures = ours.wrk.errors + ours.wrk.timeouts + ours.rate.errors
    list.push({ target: `${path} 0 errors and timeouts`, measured: `${ours.wrk.errors} errors, ${ours.wrk.timeouts} timeouts, ${ours.rate.errors} at fixed rate`, pass: failures === 0 })
    list.push({ target: `${path} p99 < 20 ms at 5,000 req/s`, measured: ms(ours.rate.p99Ms), pass: ours.rate.p99Ms !== null && ours.rate.p99Ms < 20 })
  }
  const growth = rssGrowth(report.rss.glasshouse)
  const { startMb, peakMb } = report.rss.glasshouse
  const measured = `${growth.toFixed(1)} MB (${startMb.toFixed(0)} → peak ${peakMb.toFixed(0)} MB; bare node:http ${rssGrowth(report.rss.bare).toFixed(1)} MB)`
  list.push({ target: 'RSS growth < 100 MB', measured, pass: growth < 100 })
  return list
}

/** Peak minus after warm-up: what the loads added. */
function rssGrowth(rss: RssNumbers): number {
  return rss.peakMb - rss.startMb
}

function rssLine(name: string, rss: RssNumbers): string {
  const afterGc = rss.afterGcMb === null ? '' : `, after a forced GC ${rss.afterGcMb.toFixed(0)} MB`
  return `${name} RSS: ${rss.startMb.toFixed(0)} MB after warm-up, peak ${rss.peakMb.toFixed(0)} MB (+${rssGrowth(rss).toFixed(0)}), end ${rss.endMb.toFixed(0)} MB${afterGc}`
}

/** A duration in ms with one decimal; `n/a` when nothing was answered (NaN, or null from JSON). */
function ms(value: number | null): string {
  return value === null || Number.isNaN(value) ? 'n/a' : `${value.toFixed(1)} ms`
}

/** Throughput of `ours` over `baseline`, two significant digits (0.0044 stays visible). */
function ratio(ours: PathNumbers, baseline: PathNumbers): string {
  const value = ours.wrk.requestsPerSecond / baseline.wrk.requestsPerSecond
  return value >= 0.1 ? value.toFixed(2) : value.toPrecision(2)
}

function row(name: string, numbers: PathNumbers): string {
  const { wrk, rate, listen } = numbers
  const kernel = `accept queue peak ${listen.acceptQueuePeak}, listen overflows ${listen.overflows}/drops ${listen.drops}`
  return `  ${name.padEnd(11)} ${wrk.requestsPerSecond.toFixed(0).padStart(8)} req/s  p99 ${ms(wrk.p99Ms).padStart(10)}  errors ${wrk.errors} timeouts ${wrk.timeouts}  (${kernel})  | 5k/s: p50 ${ms(rate.p50Ms)} p99 ${ms(rate.p99Ms)} errors ${rate.errors} (send lag p99 ${ms(rate.sendLagP99Ms)})`
}

/**
 * The table `npm run bench` prints.
 *
 * @example
 * console.log(formatStatusPage(report))
 */
export function formatStatusPage(report: StatusPageReport): string {
  const lines = [
    `${report.components} components, a year of history${report.inService ? ', results arriving as in service (each check once a minute)' : ', no new results during the run'}; wrk -t1 -c1000 -d${report.seconds}s on core 1, servers on core 0; fixed rate 5,000 req/s over 100 connections (Node generator, no wrk2); load average ${report.loadAverage.before.toFixed(2)} → ${report.loadAverage.after.toFixed(2)}`,
    `Node servers run with: ${report.nodeFlags.length === 0 ? "Node's defaults" : report.nodeFlags.join(' ')}`,
    `sysctls as configured: net.core.somaxconn ${report.sysctls.somaxconn}, net.ipv4.tcp_max_syn_backlog ${report.sysctls.tcpMaxSynBacklog}, net.ipv4.tcp_syncookies ${report.sysctls.tcpSyncookies}`,
  ]
  for (const path of Object.keys(report.glasshouse)) {
    const a = report.glasshouse[path]!
    const b = report.nginx[path]!
    const c = report.bare[path]!
    const size = report.bytes[path]!
    lines.push(`${path} (${size.gzip} bytes gzip${size.servedGzip ? '' : '; Glasshouse sent it uncompressed'})`)
    lines.push(row('glasshouse', a), row('nginx', b), row('node:http', c))
    lines.push(`  a/b ${ratio(a, b)}  a/c ${ratio(a, c)}`)
  }
  lines.push(rssLine('Glasshouse', report.rss.glasshouse), rssLine('bare node:http', report.rss.bare))
  for (const verdict of verdicts(report)) lines.push(`${verdict.pass ? 'PASS' : 'FAIL'}  ${verdict.target}: ${verdict.measured}`)
  return lines.join('\n')
}
