import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { declarationSites, loadConfig } from '../../src/config/index.js'
import { declaredFromConfig, ManagedByConfigError, type DeclaredObjects, type IncidentService } from '../../src/incidents/index.js'
import type { Store } from '../../src/store/index.js'
import { DIALECTS, dialectParts, withStore } from '../store/harness.js'
import { MINUTE, OPERATOR, serviceOver, settableClock, T0 } from './support.js'

const parts = dialectParts()
const iso = (ms: number) => new Date(ms).toISOString()

function configText(options: { windowTitle?: string; withIncident?: boolean; withWindow?: boolean } = {}): string {
  const lines = [
    'checks:',
    '  - { name: compute-r1, kind: tcp, host: 127.0.0.1, port: 80, labels: { location: R1 } }',
    '  - { name: compute-r2, kind: tcp, host: 127.0.0.1, port: 81, labels: { location: R2 } }',
    'components:',
    '  - { name: compute, feeds: [ { check: compute-r1 }, { check: compute-r2 } ] }',
  ]
  if (options.withWindow !== false) {
    lines.push(
      'maintenance:',
      '  - name: hypervisor-patch',
      `    title: ${options.windowTitle ?? 'Hypervisor patching'}`,
      `    start: ${iso(T0 + 60 * MINUTE)}`,
      `    end: ${iso(T0 + 120 * MINUTE)}`,
      '    components: [ { component: compute, locations: [R1] } ]',
    )
  }
  if (options.withIncident !== false) {
    lines.push(
      'incidents:',
      '  - name: slow-volumes',
      '    title: Slow volume attachment',
      `    began: ${iso(T0 - 60 * MINUTE)}`,
      '    impacts: [ { component: compute, type: Performance Degradation, severity: 30 } ]',
      '    updates:',
      `      - { at: ${iso(T0 - 50 * MINUTE)}, text: Known problem with the storage backend. }`,
    )
  }
  return lines.join('\n') + '\n'
}

async function declared(dir: string, text: string): Promise<DeclaredObjects> {
  writeFileSync(join(dir, 'glasshouse.yaml'), text)
  const loaded = await loadConfig({ file: 'glasshouse.yaml', cwd: dir, env: {} })
  return declaredFromConfig(loaded.config, await declarationSites(loaded.files, dir))
}

async function withSetup(dialect: (typeof DIALECTS)[number], work: (store: Store, service: IncidentService, dir: string, clock: ReturnType<typeof settableClock>) => Promise<void>) {
  const dir = mkdtempSync(join(tmpdir(), 'glasshouse-sync-'))
  try {
    await withStore(dialect, async (store) => {
      const clock = settableClock()
      await work(store, serviceOver(store, clock), dir, clock)
    })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

for (const dialect of DIALECTS) {
  const part = parts[dialect]
  describe(`config reconcile on ${dialect}`, { skip: part.available ? false : part.skip }, () => {
    test('config objects are created once, with the file:line that declares them; a second sync changes nothing', async () => {
      await withSetup(dialect, async (store, service, dir) => {
        const objects = await declared(dir, configText())
        assert.deepEqual(await service.syncFromConfig(objects, T0), { created: ['incidents/slow-volumes', 'maintenance/hypervisor-patch'], updated: [], archived: [] })
        const [incident] = await service.openIncidents()
        assert.equal(incident!.managed, 'config')
        assert.equal(incident!.source, 'glasshouse.yaml:13')
        assert.deepEqual(incident!.impacts.map((i) => i.location), ['R1', 'R2'])
        const auditCount = (await store.audit.list()).length
        assert.deepEqual(await service.syncFromConfig(objects, T0 + MINUTE), { created: [], updated: [], archived: [] })
        assert.equal((await store.audit.list()).length, auditCount)
        assert.ok((await store.audit.list()).every((event) => event.door === 'config'))
      })
    })

    test('API writes to config-managed objects are a 409 naming file:line', async () => {
      await withSetup(dialect, async (_store, service, dir) => {
        await service.syncFromConfig(await declared(dir, configText()), T0)
        const [incident] = await service.openIncidents()
        const refused = await service.addUpdate(incident!.id, { text: 'x' }, OPERATOR).catch((e: unknown) => e)
        assert.ok(refused instanceof ManagedByConfigError)
        assert.equal(refused.status, 409)
        assert.match(refused.message, /incident "slow-volumes" is declared in glasshouse\.yaml:13/)
        const { items } = await service.maintenance()
        await assert.rejects(service.cancelMaintenance(items[0]!.id, { actor: 'bob', door: 'cli' }), /maintenance "hypervisor-patch" is declared in glasshouse\.yaml:7/)
      })
    })

    test('changed → updated, removed → archived with history kept; API-created objects are never touched', async () => {
      await withSetup(dialect, async (store, service, dir, clock) => {
        await service.syncFromConfig(await declared(dir, configText()), T0)
        const api = await service.createIncident({ title: 'Operator incident', text: 'x' }, OPERATOR)
        const changed = await service.syncFromConfig(await declared(dir, configText({ windowTitle: 'Hypervisor patching (moved)' })), T0 + MINUTE)
        assert.deepEqual(changed.updated, ['maintenance/hypervisor-patch'])
        clock.set(T0 + 2 * MINUTE)
        const removed = await service.syncFromConfig(await declared(dir, configText({ withIncident: false, withWindow: false })), T0 + 2 * MINUTE)
        assert.deepEqual(removed.archived, ['incidents/slow-volumes', 'maintenance/hypervisor-patch'])
        const { items } = await service.incidents()
        const archived = items.find((i) => i.name === 'slow-volumes')!
        assert.equal(archived.endedAt, T0 + 2 * MINUTE)
        assert.equal(archived.archivedAt, T0 + 2 * MINUTE)
        assert.equal((await service.incident(archived.id))!.updates.at(-1)!.phase, 'resolved')
        const window = (await service.maintenance()).items[0]!
        assert.equal(window.status, 'cancelled')
        assert.equal(window.title, 'Hypervisor patching (moved)')
        const untouched = (await service.incident(api.id))!
        assert.equal(untouched.endedAt, null)
        assert.equal(untouched.updatedAt, api.updatedAt)
        assert.equal((await store.audit.list({ objectId: api.id })).length, 1)
      })
    })

    test('a config incident that gains a resolving update is updated: it ends, and so do its impacts', async () => {
      await withSetup(dialect, async (_store, service, dir) => {
        const objects = await declared(dir, configText({ withWindow: false }))
        await service.syncFromConfig(objects, T0)
        const resolving = { ...objects.incidents[0]!, updates: [...objects.incidents[0]!.updates, { at: T0 + MINUTE, phase: 'resolved' as const, text: 'Backend replaced.' }] }
        const summary = await service.syncFromConfig({ ...objects, incidents: [resolving] }, T0 + 2 * MINUTE)
        assert.deepEqual(summary.updated, ['incidents/slow-volumes'])
        const [incident] = (await service.incidents()).items
        assert.equal(incident!.endedAt, T0 + MINUTE)
        assert.deepEqual(await service.activeImpacts(T0 + MINUTE), [])
        assert.equal((await service.activeImpacts(T0)).length, 2)
      })
    })

    test('an invalid declaration changes nothing and records no audit event', async () => {
      await withSetup(dialect, async (store, service, dir) => {
        const objects = await declared(dir, configText())
        const future = { ...objects, incidents: [...objects.incidents, { ...objects.incidents[0]!, name: 'later', updates: [{ at: T0 + 99 * MINUTE, phase: 'investigating' as const, text: 'x' }] }] }
        await assert.rejects(service.syncFromConfig(future, T0), /future/)
        assert.deepEqual(await service.openIncidents(), [])
        assert.deepEqual(await store.audit.list(), [])
      })
    })
  })
}
