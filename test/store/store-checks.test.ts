import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS, dialectParts, withStore } from './harness.js'

const parts = dialectParts()
const check = (name: string, definition: unknown = { url: `http://127.0.0.1/${name}` }) => ({
  name,
  kind: 'http',
  displayName: name.toUpperCase(),
  definition,
})

for (const dialect of DIALECTS) {
  const part = parts[dialect]
  describe(`store checks and components on ${dialect}`, { skip: part.available ? false : part.skip }, () => {
    test('sync inserts, updates, archives and un-archives checks by name', () =>
      withStore(dialect, async (store) => {
        const first = await store.checks.sync([check('api'), check('web')], 1_000)
        assert.deepEqual(first.map((row) => [row.name, row.createdAt, row.updatedAt, row.archivedAt]), [
          ['api', 1_000, 1_000, null],
          ['web', 1_000, 1_000, null],
        ])
        const api = first[0]!
        assert.deepEqual(api.definition, { url: 'http://127.0.0.1/api' })
        assert.match(api.definitionHash, /^[0-9a-f]{64}$/)

        const second = await store.checks.sync([check('api', { url: 'http://127.0.0.1/v2' })], 2_000)
        assert.deepEqual(second.map((row) => row.name), ['api'])
        assert.equal(second[0]!.id, api.id)
        assert.equal(second[0]!.updatedAt, 2_000)
        assert.notEqual(second[0]!.definitionHash, api.definitionHash)

        const all = await store.checks.list({ includeArchived: true })
        assert.deepEqual(all.map((row) => [row.name, row.archivedAt]), [
          ['api', null],
          ['web', 2_000],
        ])
        assert.deepEqual((await store.checks.list()).map((row) => row.name), ['api'])

        const third = await store.checks.sync([check('api', { url: 'http://127.0.0.1/v2' }), check('web')], 3_000)
        const web = third.find((row) => row.name === 'web')!
        assert.equal(web.id, first[1]!.id, 'a re-added check keeps its id and history')
        assert.equal(web.archivedAt, null)
        assert.equal(third.find((row) => row.name === 'api')!.updatedAt, 2_000, 'an unchanged check is not touched')
      }))

    test('the definition hash ignores key order and follows content', () =>
      withStore(dialect, async (store) => {
        const [a] = await store.checks.sync([check('a', { x: 1, y: { p: 1, q: 2 } })], 1)
        const [b] = await store.checks.sync([check('a', { y: { q: 2, p: 1 }, x: 1 })], 2)
        assert.equal(a!.definitionHash, b!.definitionHash)
        assert.equal(b!.updatedAt, 1)
        const [c] = await store.checks.sync([check('a', { x: 2, y: { p: 1, q: 2 } })], 3)
        assert.notEqual(c!.definitionHash, a!.definitionHash)
      }))

    test('sync refuses duplicate names and changes nothing', () =>
      withStore(dialect, async (store) => {
        await store.checks.sync([check('a')], 1)
        await assert.rejects(store.checks.sync([check('b'), check('b')], 2), /unique/)
        assert.deepEqual((await store.checks.list({ includeArchived: true })).map((row) => row.name), ['a'])
      }))

    test('components sync like checks and keep labels', () =>
      withStore(dialect, async (store) => {
        const first = await store.components.sync(
          [
            { name: 'compute', displayName: 'Compute', description: 'VMs', labels: { region: 'de-1' } },
            { name: 'storage', displayName: 'Storage' },
          ],
          10,
        )
        assert.deepEqual(first.map((row) => [row.name, row.managed, row.description, row.labels]), [
          ['compute', 'config', 'VMs', { region: 'de-1' }],
          ['storage', 'config', null, {}],
        ])
        await store.components.sync([{ name: 'compute', displayName: 'Compute', description: 'VMs', labels: { region: 'de-1' } }], 20)
        const all = await store.components.list({ includeArchived: true })
        assert.deepEqual(all.map((row) => [row.name, row.archivedAt, row.updatedAt]), [
          ['compute', null, 10],
          ['storage', 20, 20],
        ])
        const back = await store.components.sync([{ name: 'storage', displayName: 'Block storage' }], 30)
        assert.deepEqual(back.map((row) => [row.name, row.displayName, row.archivedAt, row.id]), [
          ['storage', 'Block storage', null, first[1]!.id],
        ])
      }))

    test('component feeds are replaced on sync and only active components list theirs', () =>
      withStore(dialect, async (store) => {
        const checks = await store.checks.sync([check('api-r1'), check('api-r2'), check('db')], 1)
        const id = (name: string) => checks.find((row) => row.name === name)!.id
        await store.components.sync(
          [
            { name: 'api', displayName: 'API', feeds: [{ checkId: id('api-r1'), location: 'R1' }, { checkId: id('api-r2'), location: 'R2' }] },
            { name: 'db', displayName: 'DB', feeds: [{ checkId: id('db'), location: 'global' }, { checkId: id('db'), location: 'global' }] },
          ],
          2,
        )
        const components = await store.components.list()
        const names = new Map(components.map((row) => [row.id, row.name]))
        const feeds = (await store.components.feeds()).map((feed) => [names.get(feed.componentId), feed.location, feed.checkId])
        assert.deepEqual(feeds.sort(), [
          ['api', 'R1', id('api-r1')],
          ['api', 'R2', id('api-r2')],
          ['db', 'global', id('db')],
        ].sort())
        await store.components.sync([{ name: 'api', displayName: 'API', feeds: [{ checkId: id('api-r1'), location: 'R1' }] }], 3)
        const after = (await store.components.feeds()).map((feed) => feed.location)
        assert.deepEqual(after, ['R1'], 'replaced feeds, and the archived db component lists none')
      }))
  })
}
