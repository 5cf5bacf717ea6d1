/**
 * What the kernel says about a server under load, for the status-page benchmark: the length of
 * its listen socket's accept queue (connections established but not yet accepted — the cause of
 * wrk's timeouts when it grows), the machine-wide listen overflow and drop counters, and the
 * sysctls that bound the queues. Read, never changed: the targets are judged as configured.
 *
 * @module
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

/** Machine-wide `TcpExt` counters of connections the listen queues could not take. */
export interface ListenCounters {
  /** Accept queue full when the handshake completed (`TcpExtListenOverflows`). */
  overflows: number
  /** Handshakes dropped at a listen socket for any reason (`TcpExtListenDrops`). */
  drops: number
}

/** The sysctls that bound a listen socket's queues. */
export interface ListenSysctls {
  somaxconn: number
  tcpMaxSynBacklog: number
  tcpSyncookies: number
}

/**
 * Reads `ListenOverflows` and `ListenDrops` out of `/proc/net/netstat` text (a header line of
 * names followed by a line of values, per group).
 *
 * @example
 * parseListenCounters('TcpExt: ListenOverflows ListenDrops\nTcpExt: 3 5\n') // { overflows: 3, drops: 5 }
 */
export function parseListenCounters(netstat: string): ListenCounters {
  const lines = netstat.split('\n').filter((line) => line.startsWith('TcpExt:'))
  if (lines.length < 2) throw new Error('no TcpExt counters in /proc/net/netstat')
  const names = lines[0]!.split(/\s+/).slice(1)
  const values = lines[1]!.split(/\s+/).slice(1).map(Number)
  const counter = (name: string) => {
    const index = names.indexOf(name)
    if (index < 0) throw new Error(`no TcpExt ${name} in /proc/net/netstat`)
    return values[index]!
  }
  return { overflows: counter('ListenOverflows'), drops: counter('ListenDrops') }
}

/**
 * The current listen counters of this machine (network namespace).
 *
 * @example
 * const before = listenCounters(); … ; listenCounters().overflows - before.overflows
 */
export function listenCounters(): ListenCounters {
  return parseListenCounters(readFileSync('/proc/net/netstat', 'utf8'))
}

/**
 * Reads the accept queue length of the listen socket on `port` out of `ss -Hltn` output: for a
 * listening socket, Recv-Q is the number of connections waiting to be accepted.
 *
 * @example
 * parseAcceptQueue('LISTEN 395    4096   127.0.0.1:18181   0.0.0.0:*\n', 18181) // 395
 */
export function parseAcceptQueue(ss: string, port: number): number {
  for (const line of ss.split('\n')) {
    const [state, recvQ, , local] = line.trim().split(/\s+/)
    if (state === 'LISTEN' && local?.endsWith(`:${port}`)) return Number(recvQ)
  }
  throw new Error(`no listening socket on port ${port} in: ${ss.trim()}`)
}

/**
 * Connections waiting in the accept queue of the listen socket on 127.0.0.1:`port` now.
 *
 * @example
 * acceptQueue(8080) // 0 when the server keeps up
 */
export function acceptQueue(port: number): number {
  return parseAcceptQueue(execFileSync('ss', ['-Hltn', `sport = :${port}`], { encoding: 'utf8' }), port)
}

/**
 * The listen sysctls of this machine.
 *
 * @example
 * listenSysctls().somaxconn // 4096
 */
export function listenSysctls(): ListenSysctls {
  const read = (name: string) => Number(readFileSync(`/proc/sys/net/${name}`, 'utf8').trim().split(/\s+/)[0])
  return { somaxconn: read('core/somaxconn'), tcpMaxSynBacklog: read('ipv4/tcp_max_syn_backlog'), tcpSyncookies: read('ipv4/tcp_syncookies') }
}
