/**
 * Child of the ledger crash test: writes an intent, says so on stdout, then hangs as if its
 * create call never answered, until the parent kills it with SIGKILL.
 *
 * @module
 */
import { openStore, type StoreOptions } from '../../src/store/index.js'

const options = JSON.parse(process.argv[2]!) as StoreOptions
const store = await openStore(options)
await store.migrate()
const id = await store.ledger.intent(
  { owner: 'monitor-a', runId: 'run-crash', cloud: 'prod', region: 'RegionOne', project: 'p1', kind: 'server', name: 'gh-crash-VM_1', prefix: 'gh-crash-' },
  Date.now(),
)
process.stdout.write(`intent ${id}\n`)
setInterval(() => {}, 60_000)
