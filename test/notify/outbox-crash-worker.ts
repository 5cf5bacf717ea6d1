/**
 * Child process of outbox-crash.test.ts: the real outbox worker over a SQLite data dir, sending to
 * the test's receivers until it is killed (or stopped by SIGTERM: then it finishes its pass, closes
 * the store and exits 0). It opens the store, prints `ready`, and starts on a line `go <offsetMs>`
 * on stdin, so the parent can start it early; its clock runs `offsetMs` ahead of the system clock
 * (a crashed process comes back some time later, and leases are judged by that clock).
 *
 * Environment: CRASH_DATA_DIR, CRASH_RECEIVERS (JSON of parsed `alerts.receivers` entries) and
 * CRASH_DELIVERY (JSON of parsed `alerts.delivery`) — parsed by the parent, so the child need not
 * load the config schemas and restarts faster.
 */
import { createInterface } from 'node:readline'
import type { ReceiverConfig } from '../../src/config/index.js'
import { createOutboxWorker, createSender, type DeliverySettings } from '../../src/notify/index.js'
import { openStore } from '../../src/store/index.js'

const receivers = JSON.parse(process.env.CRASH_RECEIVERS!) as ReceiverConfig[]
const delivery = JSON.parse(process.env.CRASH_DELIVERY!) as DeliverySettings
const store = await openStore({ dataDir: process.env.CRASH_DATA_DIR! })
const lines = createInterface({ input: process.stdin })
process.stdout.write('ready\n')
const go = await new Promise<string>((resolve) => lines.once('line', resolve))
const offset = Number(/^go (\d+)$/.exec(go)?.[1] ?? Number.NaN)
if (!Number.isSafeInteger(offset)) throw new Error(`expected "go <offsetMs>", got "${go}"`)
lines.close()

const write = (level: string) => (object: object, message?: string) => process.stderr.write(`${JSON.stringify({ level, pid: process.pid, ...object, message })}\n`)
const worker = createOutboxWorker({
  store,
  clock: { now: () => Date.now() + offset, monotonic: () => performance.now() },
  log: { info: write('info'), warn: write('warn'), error: write('error') },
  senders: new Map(receivers.map((receiver) => [receiver.name, createSender(receiver)])),
  delivery,
  everyMs: 20,
})
// The worker's timers do not hold the process open (in `serve` the HTTP server does).
const alive = setInterval(() => undefined, 60_000)
process.once('SIGTERM', () => {
  clearInterval(alive)
  void worker
    .stop()
    .then(() => store.close())
    .then(() => process.exit(0))
})
worker.start()
