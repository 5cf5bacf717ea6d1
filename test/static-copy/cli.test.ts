/**
 * `glasshouse static render --out DIR`: one render from the stored data, switched in as
 * `DIR/current`, its folder on stdout.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { readFile, readlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { main } from '../../src/cli/index.js'
import { openStore } from '../../src/store/index.js'
import { captureIo } from '../support/cli-io.js'

describe('glasshouse static render', () => {
  let work: string
  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'gh-static-cli-'))
    const store = await openStore({ dataDir: join(work, 'data') })
    await store.migrate()
    await store.components.sync([{ name: 'api', displayName: 'Public API', feeds: [] }], Date.now())
    await store.close()
  })
  after(() => rmSync(work, { recursive: true, force: true }))

  test('renders the copy into a new current generation and prints its folder', async () => {
    const cli = captureIo()
    const out = join(work, 'static')
    assert.equal(await main(['static', 'render', '--out', out, '--data-dir', join(work, 'data')], cli.io), 0, cli.err())
    const dir = cli.out().trim()
    assert.equal(await readlink(join(out, 'current')), basename(dir))
    const home = await readFile(join(out, 'current', 'en', 'index.html'), 'utf8')
    assert.match(home, /Status as of/)
    assert.match(await readFile(join(out, 'current', 'de', 'index.html'), 'utf8'), /Stand:/)
  })

  test('without --out it is a usage error', async () => {
    const cli = captureIo()
    assert.equal(await main(['static', 'render', '--data-dir', join(work, 'data')], cli.io), 2)
    assert.match(cli.err(), /--out/)
  })
})
