import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { declarationSites, loadConfig } from '../../src/config/index.js'
import { createIncidentService, declaredFromConfig } from '../../src/incidents/index.js'
import { tempStore } from '../support/temp-store.js'
import { settableClock } from '../incidents/support.js'

const CONFIG = `checks:
  - { name: web, kind: tcp, host: 127.0.0.1, port: 80 }
maintenanceSeries:
  horizon: 15d
operator:
  minimumNotice: 48h
maintenance:
  - name: one-off
    title: One-off upgrade
    components: [ { component: web } ]
    start: 2026-12-10T22:00:00Z
    end: 2026-12-10T23:00:00Z
  - name: weekly
    title: Weekly patching
    components: [ { component: web } ]
    recurrence:
      weekdays: [sun]
      at: "02:30"
      timeZone: Europe/Berlin
      duration: 90m
`

describe('recurring maintenance in config', () => {
  test('a `recurrence:` entry becomes a config series whose windows exist a horizon ahead, with its file:line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gh-h29-config-'))
    const temp = await tempStore()
    try {
      await writeFile(join(dir, 'glasshouse.yaml'), CONFIG)
      const loaded = await loadConfig({ file: join(dir, 'glasshouse.yaml'), cwd: dir, env: {} })
      assert.equal(loaded.config.maintenanceSeries.horizon, 15 * 86_400_000)
      assert.equal(loaded.config.operator.minimumNotice, 48 * 3_600_000)
      const declared = declaredFromConfig(loaded.config, await declarationSites(loaded.files, dir))
      assert.deepEqual(declared.maintenance.map((w) => w.name), ['one-off'])
      assert.deepEqual(declared.series?.map((s) => [s.name, s.source, s.durationMs]), [['weekly', 'glasshouse.yaml:13', 90 * 60_000]])
      await temp.store.components.sync([{ name: 'web', displayName: 'Web' }], Date.UTC(2026, 11, 7))
      const clock = settableClock(Date.UTC(2026, 11, 7))
      const service = createIncidentService({ store: temp.store, clock })
      const summary = await service.syncFromConfig(declared, clock.now())
      assert.deepEqual(summary.created.sort(), ['maintenance/one-off', 'maintenance/weekly'])
      const windows = (await temp.store.maintenance.list({ limit: 100 })).filter((w) => w.name === 'weekly').sort((a, b) => a.start - b.start)
      assert.deepEqual(windows.map((w) => [new Date(w.start).toISOString(), new Date(w.end).toISOString(), w.managed, w.source]), [
        ['2026-12-13T01:30:00.000Z', '2026-12-13T03:00:00.000Z', 'config', 'glasshouse.yaml:13'],
        ['2026-12-20T01:30:00.000Z', '2026-12-20T03:00:00.000Z', 'config', 'glasshouse.yaml:13'],
      ])
      assert.deepEqual(await service.syncFromConfig(declared, clock.now()), { created: [], updated: [], archived: [] }, 'the one-off window is not confused with the occurrences')
    } finally {
      await temp.dispose()
      await rm(dir, { recursive: true, force: true })
    }
  })
})
