/**
 * The outbox under `kill -9`: a child process runs the real outbox worker over a SQLite data dir
 * and sends to loopback receivers of three kinds (Alertmanager webhook, Standard Webhooks, e-mail)
 * that deduplicate by `webhook-id` / `Message-ID`. The test queues messages, kills the child at
 * seeded points — on the k-th copy before or after its acknowledgement, or after a seeded delay,
 * with seeded slow answers — and restarts it, sometimes at once (leases still held), sometimes
 * later (leases run out). In the end every queued message was delivered at least once, every copy
 * of a message carried that message's id, and the dedup yields exactly one effect per message;
 * after every kill, no message is marked sent that its receiver did not acknowledge.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { AlertsSchema } from '../../src/config/index.js'
import type { AlertNotice } from '../../src/notify/index.js'
import { openStore, type Store } from '../../src/store/index.js'
import { dedupHttpReceiver, dedupSmtpReceiver, type Control, type Delivery, type Ledger } from './dedup-receivers.js'

const SEED = 20261206
const KILLS = 24
/** Messages queued before each start: something is always due, so each seeded point is reached. */
const WAVE = 9
/** Children started ahead, so their start-up (about 2 s) overlaps the previous runs. */
const AHEAD = 2
const CHILD = join(import.meta.dirname, 'outbox-crash-child.mjs')
const DELIVERY = { timeout: '2s', maxAttempts: 100, backoff: '100ms', maxBackoff: '1s' }
/** The worker leases a claim for 2 × timeout + 5 s; a restart this much later finds it due again. */
const LATE_RESTART_MS = 10_000
const RECEIVER_NAMES = ['hook', 'signed', 'mail'] as const

type KillPoint = { kind: 'before-ack' | 'after-ack'; copy: number; ackDelayMs: number; gapMs: number } | { kind: 'timer'; delayMs: number; ackDelayMs: number; gapMs: number }

/** A small seeded generator (mulberry32), so a failing run can be repeated exactly. */
function seeded(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state)
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 2 ** 32
  }
}

function killPlan(seed: number, count: number): KillPoint[] {
  const random = seeded(seed)
  return Array.from({ length: count }, (): KillPoint => {
    const pick = random()
    const ackDelayMs = Math.floor(random() * 60)
    const gapMs = random() < 0.5 ? 0 : LATE_RESTART_MS
    if (pick < 0.2) return { kind: 'timer', delayMs: Math.floor(random() * 300), ackDelayMs, gapMs }
    return { kind: pick < 0.6 ? 'before-ack' : 'after-ack', copy: 1 + Math.floor(random() * 6), ackDelayMs, gapMs }
  })
}

function notice(marker: string): AlertNotice {
  const at = Date.now()
  const alert = { status: 'firing' as const, labels: { alertname: 'CrashTest', marker }, annotations: { summary: marker }, startsAt: new Date(at).toISOString(), endsAt: '0001-01-01T00:00:00Z', generatorURL: 'http://status.example/', fingerprint: marker }
  return { groupKey: marker, status: 'firing', externalURL: 'http://status.example/', at, alerts: [alert] }
}

/** A started child, waiting for `go`. */
interface Child {
  process: ChildProcess
  ready: Promise<void>
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  go(offsetMs: number): void
}

/** Every child started, so none outlives the test. */
const started = new Set<ChildProcess>()

function startChild(env: Record<string, string>, logs: string[]): Child {
  const child = spawn(process.execPath, [CHILD], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] })
  started.add(child)
  child.stderr!.on('data', (chunk: Buffer) => logs.push(chunk.toString()))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => (chunk.toString().includes('ready') ? resolve() : undefined))
    void exited.then(({ code, signal }) => reject(new Error(`the child exited before it was ready (${code ?? signal}): ${logs.join('')}`)))
  })
  ready.catch(() => undefined) // a spare killed unused is no error; a child awaited still rejects
  return { process: child, ready, exited, go: (offsetMs) => child.stdin!.write(`go ${offsetMs}\n`) }
}

describe('outbox under kill -9', () => {
  const ledger: Ledger = { deliveries: [], effects: new Map() }
  let control: Control = { onDelivery: async () => 'ack', onAcked: () => undefined }
  const steer: Control = { onDelivery: (delivery) => control.onDelivery(delivery), onAcked: (delivery) => control.onAcked(delivery) }
  let http: Awaited<ReturnType<typeof dedupHttpReceiver>>
  let smtp: Awaited<ReturnType<typeof dedupSmtpReceiver>>
  let dir: string
  let store: Store
  before(async () => {
    http = await dedupHttpReceiver(ledger, steer)
    smtp = await dedupSmtpReceiver(ledger, steer)
    dir = mkdtempSync(join(tmpdir(), 'glasshouse-outbox-crash-'))
    store = await openStore({ dataDir: dir })
    await store.migrate()
  })
  after(async () => {
    for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    await store?.close()
    await http?.close()
    await smtp?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  test(`SIGKILL at ${KILLS} seeded points: every message delivered, each copy with its id, one effect each`, { timeout: 180_000 }, async () => {
    const receivers = [
      { name: 'hook', kind: 'alertmanager-webhook', url: `${http.url}/am` },
      { name: 'signed', kind: 'webhook', url: `${http.url}/signed`, secret: `whsec_${Buffer.from('crash-test-signing-key-32-bytes!').toString('base64')}` },
      { name: 'mail', kind: 'email', host: '127.0.0.1', port: smtp.port, from: 'glasshouse@example.org', to: ['oncall@example.org'] },
    ]
    const settings = AlertsSchema.parse({ receivers, delivery: DELIVERY })
    const env = { CRASH_DATA_DIR: dir, CRASH_RECEIVERS: JSON.stringify(settings.receivers), CRASH_DELIVERY: JSON.stringify(settings.delivery) }
    const logs: string[] = []
    const queued = new Map<string, string>()
    const enqueue = async (count: number) => {
      const markers = Array.from({ length: count }, (_, index) => `crash/${queued.size + index}`)
      const ids = await store.outbox.enqueue(markers.map((marker, index) => ({ receiver: RECEIVER_NAMES[(queued.size + index) % 3]!, topic: 'alert', payload: notice(marker) })), Date.now())
      markers.forEach((marker, index) => queued.set(marker, ids[index]!))
    }
    let offset = 0
    const upcoming = Array.from({ length: AHEAD }, () => startChild(env, logs))
    const seededKills: string[] = []
    let killsWithBacklog = 0
    const acked = new Set<string>()
    for (const point of killPlan(SEED, KILLS)) {
      await enqueue(WAVE)
      const child = upcoming.shift()!
      await child.ready
      upcoming.push(startChild(env, logs))
      let copies = 0
      let killedAt: string | null = null
      const kill = (why: string) => {
        if (killedAt !== null) return
        killedAt = why
        child.process.kill('SIGKILL')
      }
      control = {
        async onDelivery() {
          copies += 1
          if (point.kind === 'before-ack' && copies === point.copy) {
            kill(`before the ack of copy ${copies}`)
            return 'drop'
          }
          await sleep(point.ackDelayMs)
          return 'ack'
        },
        onAcked(delivery) {
          acked.add(delivery.id)
          if (point.kind === 'after-ack' && copies >= point.copy) kill(`after the ack of copy ${copies}`)
        },
      }
      offset += point.gapMs
      child.go(offset)
      if (point.kind === 'timer') setTimeout(() => kill(`${point.delayMs} ms after the start`), point.delayMs)
      const fallback = setTimeout(() => kill('fallback: the seeded point was not reached in 5 s'), 5_000)
      const { signal } = await child.exited
      clearTimeout(fallback)
      assert.equal(signal, 'SIGKILL', `the child died by itself: ${logs.join('')}`)
      if (!killedAt!.startsWith('fallback')) seededKills.push(killedAt!)
      if ((await store.outbox.stats()).pending > 0) killsWithBacklog += 1
      const sent = await store.outbox.list({ status: 'sent', limit: 10_000 })
      assert.deepEqual(sent.filter((message) => !acked.has(message.id)).map((message) => message.id), [], 'nothing is marked sent before its receiver acknowledged it')
    }

    control = { onDelivery: async () => 'ack', onAcked: (delivery) => void acked.add(delivery.id) }
    const last = upcoming.shift()!
    for (const spare of upcoming) spare.process.kill('SIGKILL')
    await last.ready
    last.go(offset + LATE_RESTART_MS)
    const deadline = Date.now() + 60_000
    while ((await store.outbox.stats()).pending > 0 || ledger.effects.size < queued.size) {
      assert.ok(Date.now() < deadline, `not delivered within 60 s: ${JSON.stringify(await store.outbox.stats())}, ${ledger.effects.size}/${queued.size} effects`)
      await sleep(100)
    }
    last.process.kill('SIGTERM')
    assert.equal((await last.exited).code, 0, 'the last worker stops cleanly on SIGTERM')

    assert.ok(seededKills.length >= 20, `only ${seededKills.length} kills at seeded points`)
    assert.ok(killsWithBacklog >= 20, `only ${killsWithBacklog} kills while the outbox held messages`)
    const copiesOf = new Map<string, Delivery[]>()
    for (const delivery of ledger.deliveries) copiesOf.set(delivery.marker, [...(copiesOf.get(delivery.marker) ?? []), delivery])
    for (const [marker, id] of queued) {
      const copies = copiesOf.get(marker) ?? []
      assert.ok(copies.length >= 1, `${marker} was never delivered`)
      assert.deepEqual([...new Set(copies.map((copy) => copy.id))], [id], `every copy of ${marker} carries its outbox id`)
    }
    assert.deepEqual([...copiesOf.keys()].filter((marker) => !queued.has(marker)), [], 'nothing was delivered that was not queued')
    assert.equal(ledger.effects.size, queued.size, 'the dedup yields exactly one effect per message')
    const duplicates = ledger.deliveries.length - ledger.effects.size
    assert.ok(duplicates > 0, 'no message was redelivered: the kills proved nothing')
    const stats = await store.outbox.stats()
    assert.deepEqual([stats.pending, stats.dead], [0, 0])
    const byChannel = (channel: Delivery['channel']) => ledger.deliveries.filter((delivery) => delivery.channel === channel).length
    process.stdout.write(
      `# outbox crash: ${queued.size} messages, ${seededKills.length} kills at seeded points (${killsWithBacklog} with a backlog), ${ledger.deliveries.length} copies (${byChannel('http')} http, ${byChannel('smtp')} smtp), ${duplicates} redeliveries dropped by the dedup\n`,
    )
  })
})
