/**
 * A real SQLite store in a temporary directory, for tests of the layers above the store.
 *
 * @module
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStore, type Store } from '../../src/store/index.js'

/** Opens and migrates a fresh store; `dispose` closes it and removes its directory. */
export async function tempStore(): Promise<{ store: Store; dir: string; dispose(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'glasshouse-test-'))
  const store = await openStore({ dataDir: dir })
  await store.migrate()
  return {
    store,
    dir,
    async dispose() {
      await store.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
