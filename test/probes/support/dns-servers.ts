/**
 * DNS servers for the dns suite: Debian's dnsmasq with fixed records, and a tiny fake
 * upstream that answers every query with one fixed rcode (or with garbage).
 *
 * @module
 */
import { spawn } from 'node:child_process'
import { createSocket } from 'node:dgram'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { decode, encode } from 'dns-packet'
import { systemClock } from '../../../src/core/clock.js'
import { runCheck } from '../../../src/probes/index.js'
import { makeCheck, onSuiteEnd, quietLog } from './harness.js'

/** Where dnsmasq lives on Debian (package dnsmasq-base). */
export const DNSMASQ = '/usr/sbin/dnsmasq'

/** Null when dnsmasq is installed, else what is missing. */
export function dnsmasqMissing(): string | null {
  return existsSync(DNSMASQ) ? null : `no ${DNSMASQ}`
}

/** A loopback port free for both UDP and TCP right now. */
export async function freeDnsPort(): Promise<number> {
  for (let tries = 0; tries < 20; tries++) {
    const udp = createSocket('udp4')
    await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve))
    const { port } = udp.address()
    udp.close()
    const tcp = createServer()
    const free = await new Promise<boolean>((resolve) => {
      tcp.once('error', () => resolve(false))
      tcp.listen(port, '127.0.0.1', () => tcp.close(() => resolve(true)))
    })
    if (free) return port
  }
  throw new Error('no free port for UDP and TCP')
}

/**
 * Starts dnsmasq on 127.0.0.1:`port` with the given record options, waits until it answers
 * `ready.glass.test`, and stops it when the suite ends.
 */
export async function startDnsmasq(port: number, records: string[]): Promise<void> {
  const child = spawn(
    DNSMASQ,
    ['--no-resolv', '--no-hosts', '--keep-in-foreground', '--conf-file=/dev/null', '--listen-address=127.0.0.1', '--bind-interfaces',
      `--port=${port}`, '--pid-file=', '--host-record=ready.glass.test,10.9.9.9', ...records],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  )
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  onSuiteEnd(() => child.kill('SIGTERM'))
  const ready = makeCheck({ kind: 'dns', query: 'ready.glass.test', resolver: `127.0.0.1:${port}`, timeout: '200ms' })
  for (let tries = 0; tries < 50; tries++) {
    if (child.exitCode !== null) throw new Error(`dnsmasq exited: ${stderr}`)
    if ((await runCheck(ready, { clock: systemClock, log: quietLog })).ok) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`dnsmasq did not answer: ${stderr}`)
}

/** Starts a UDP upstream that answers every query with `rcode` (or garbage); returns its port. */
export async function startFakeUpstream(answer: { rcode: number } | 'garbage'): Promise<number> {
  const socket = createSocket('udp4')
  socket.on('message', (message, remote) => {
    if (answer === 'garbage') return void socket.send(Buffer.from([1, 2, 3]), remote.port, remote.address)
    const query = decode(message)
    const reply = encode({ type: 'response', id: query.id ?? 0, flags: answer.rcode | (1 << 7), questions: query.questions ?? [] })
    socket.send(reply, remote.port, remote.address)
  })
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve))
  onSuiteEnd(() => socket.close())
  return socket.address().port
}
