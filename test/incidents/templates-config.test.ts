import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConfigError, declarationSites, loadConfig } from '../../src/config/index.js'
import { declaredFromConfig, ManagedByConfigError } from '../../src/incidents/index.js'
import { DIALECTS, dialectParts, withStore } from '../store/harness.js'
import { OPERATOR, serviceOver, settableClock, T0 } from './support.js'

const parts = dialectParts()
const iso = (ms: number) => new Date(ms).toISOString()

const BASE = [
  'checks:',
  '  - { name: compute-r1, kind: tcp, host: 127.0.0.1, port: 80, labels: { location: R1 } }',
  '  - { name: compute-r2, kind: tcp, host: 127.0.0.1, port: 81, labels: { location: R2 } }',
  'components:',
  '  - { name: compute, feeds: [ { check: compute-r1 }, { check: compute-r2 } ] }',
]

function configText(extra: string[]): string {
  return [...BASE, ...extra].join('\n') + '\n'
}

const TEMPLATES = [
  'templates:',
  '  - name: compute-boot',
  '    title: Instances fail to start',
  '    text: We are looking into failed boots.',
  '    impacts: [ { component: compute, severity: 70 } ]',
  'notices:',
  '  - name: hotline',
  '    title: New hotline',
  '    text: Call the new number.',
  `    end: ${iso(T0 + 3_600_000)}`,
]

async function inDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'glasshouse-templates-'))
  try {
    return await work(dir)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function load(dir: string, text: string) {
  writeFileSync(join(dir, 'glasshouse.yaml'), text)
  const loaded = await loadConfig({ file: 'glasshouse.yaml', cwd: dir, env: {} })
  return declaredFromConfig(loaded.config, await declarationSites(loaded.files, dir))
}

describe('templates and notices in config', () => {
  test('each declaration carries its file:line; template impacts cover every location of the component', async () => {
    const declared = await inDir((dir) => load(dir, configText(TEMPLATES)))
    assert.equal(declared.templates?.[0]?.source, 'glasshouse.yaml:7')
    assert.deepEqual(declared.templates?.[0]?.impacts.map((impact) => impact.location), ['R1', 'R2'])
    assert.equal(declared.notices?.[0]?.source, 'glasshouse.yaml:12')
    assert.equal(declared.notices?.[0]?.end, T0 + 3_600_000)
    assert.equal(declared.componentSources?.compute, 'glasshouse.yaml:5')
  })

  test('an unknown component in a template and a notice ending before it starts are config errors with file:line:col', async () => {
    const bad = [
      'templates:',
      '  - { name: t, title: T, text: x, impacts: [ { component: nope, severity: 5 } ] }',
      'notices:',
      `  - { name: n, title: N, text: x, start: ${iso(T0)}, end: ${iso(T0 - 1)} }`,
    ]
    const error = await inDir((dir) => load(dir, configText(bad)).then(() => null, (caught: unknown) => caught))
    assert.ok(error instanceof ConfigError, String(error))
    assert.match(error.message, /glasshouse\.yaml:7:\d+: templates\[0\]\.impacts\[0\]\.component: no component named "nope"/)
    assert.match(error.message, /glasshouse\.yaml:9:\d+: notices\[0\]\.end: end must be after start/)
  })
})

for (const dialect of DIALECTS) {
  const part = parts[dialect]
  describe(`config templates and notices in the store on ${dialect}`, { skip: part.available ? false : part.skip }, () => {
    test('a reload creates, updates and archives them; the API door gets 409 naming file:line', async () => {
      await inDir(async (dir) => {
        await withStore(dialect, async (store) => {
          const clock = settableClock()
          const service = serviceOver(store, clock)
          const first = await service.syncFromConfig(await load(dir, configText(TEMPLATES)), clock.now())
          assert.deepEqual(first.created, ['templates/compute-boot', 'notices/hotline'])
          const template = (await service.templates())[0]!
          await assert.rejects(service.updateTemplate(template.id, { title: 'x' }, OPERATOR), (error: unknown) => error instanceof ManagedByConfigError && error.message.includes('glasshouse.yaml:7'))
          const again = await service.syncFromConfig(await load(dir, configText(TEMPLATES.map((line) => line.replace('Instances fail to start', 'Instances do not start')))), clock.now())
          assert.deepEqual(again.updated, ['templates/compute-boot'])
          const removed = await service.syncFromConfig(await load(dir, configText([])), clock.now())
          assert.deepEqual(removed.archived, ['templates/compute-boot', 'notices/hotline'])
          assert.deepEqual(await service.templates(), [])
          assert.deepEqual(await service.notices(), [])
        })
      })
    })
  })
}
