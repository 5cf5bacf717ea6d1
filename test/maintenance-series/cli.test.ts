import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { serveHarnessForCli } from '../support/cli-against-server.js'
import { startWriteApi } from '../api-writes/support.js'

describe('glasshouse maintenance create: the minimum-notice warning on stderr', () => {
  const served = serveHarnessForCli(startWriteApi)

  async function create(hoursAhead: number) {
    const start = new Date(Date.now() + hoursAhead * 3_600_000 + 60_000).toISOString()
    const end = new Date(Date.now() + (hoursAhead + 1) * 3_600_000).toISOString()
    return served.run(['maintenance', 'create', '--title', `In ${hoursAhead} h`, '--component', 'compute', '--start', start, '--end', end], served.harness.tokens.operator)
  }

  test('short notice: scheduled (exit 0, the window on stdout), the warning on stderr', async () => {
    const soon = await create(5)
    assert.equal(soon.code, 0)
    assert.match(soon.out, / {2}scheduled {2}.* {2}In 5 h\n$/)
    assert.equal(soon.err, 'warning: notice is only 5 h, the policy is 36 h\n')
  })

  test('enough notice: nothing on stderr', async () => {
    const later = await create(48)
    assert.equal(later.code, 0)
    assert.equal(later.err, '')
  })
})
