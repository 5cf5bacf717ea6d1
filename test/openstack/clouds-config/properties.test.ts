import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { loadCloud } from '../../../src/openstack/clouds-config/index.js'
import { sandbox } from './support.js'

type Tree = { [key: string]: Value }
type Value = string | string[] | Tree

// Keys no rule of the loader treats specially, so they land in `extra` untouched.
const key = fc.stringMatching(/^x[a-z]{0,2}$/)
const leaf: fc.Arbitrary<Value> = fc.oneof(fc.string({ maxLength: 6 }), fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }))
const tree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree; value: Value }>((tie) => ({
  tree: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  value: fc.oneof({ depthSize: 'small' }, leaf, tie('tree')),
})).tree
const auth = fc.record({ username: fc.string({ minLength: 1, maxLength: 6 }), project_name: fc.string({ minLength: 1, maxLength: 6 }) }, { requiredKeys: [] })
const iface = fc.constantFrom('public', 'internal', 'admin')

// fast-check builds null-prototype objects; compare plain ones.
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value))
const isTree = (value: unknown): value is Tree => typeof value === 'object' && value !== null && !Array.isArray(value)

/** The rule under test, written plainly: mappings merge, anything else from `over` replaces. */
function deepMerge(base: Tree, over: Tree): Tree {
  const out: Tree = { ...base }
  for (const [name, value] of Object.entries(over)) {
    const old = out[name]
    out[name] = isTree(value) && isTree(old) ? deepMerge(old, value) : value
  }
  return out
}

const box = sandbox()
let serial = 0

function files(clouds: object, secure: object | null): NodeJS.ProcessEnv {
  serial += 1
  const cloudsFile = join(box.root, `clouds-${serial}.json`)
  writeFileSync(cloudsFile, JSON.stringify({ clouds: { c: clouds } }))
  const env = box.env({ OS_CLIENT_CONFIG_FILE: cloudsFile })
  if (secure === null) return env
  const secureFile = join(box.root, `secure-${serial}.json`)
  writeFileSync(secureFile, JSON.stringify({ clouds: { c: secure } }))
  return { ...env, OS_CLIENT_SECURE_FILE: secureFile }
}

describe('merge rules (properties)', () => {
  test('secure.yaml over clouds.yaml: mappings merge, scalars and lists replace', async () => {
    await fc.assert(
      fc.asyncProperty(tree, tree, auth, auth, async (base, over, baseAuth, overAuth) => {
        const env = files(
          { ...base, auth: { auth_url: 'http://127.0.0.1:5000/v3', ...baseAuth } },
          { ...over, auth: overAuth },
        )
        const cloud = await loadCloud({ env, cwd: box.cwd })
        assert.deepEqual(cloud.extra, plain(deepMerge(base, over)))
        const merged = { ...baseAuth, ...overAuth }
        assert.equal(cloud.auth.username, merged.username)
        assert.equal(cloud.auth.projectName, merged.project_name)
      }),
      { numRuns: 60 },
    )
  })

  test('region values replace the keys of the cloud; auth merges one level', async () => {
    await fc.assert(
      fc.asyncProperty(tree, tree, auth, auth, fc.option(iface), fc.option(iface), async (base, values, baseAuth, valueAuth, baseIface, valueIface) => {
        const cloud = {
          ...base,
          ...(baseIface ? { interface: baseIface } : {}),
          auth: { auth_url: 'http://127.0.0.1:5000/v3', ...baseAuth },
          regions: ['R0', { name: 'R1', values: { ...values, ...(valueIface ? { interface: valueIface } : {}), auth: valueAuth } }],
        }
        const env = files(cloud, null)
        const chosen = await loadCloud({ env, cwd: box.cwd, region: 'R1' })
        assert.equal(chosen.region, 'R1')
        assert.deepEqual(chosen.extra, plain({ ...base, ...values }))
        assert.equal(chosen.interface, valueIface ?? baseIface ?? 'public')
        assert.equal(chosen.auth.username, valueAuth.username ?? baseAuth.username)
        assert.equal(chosen.auth.projectName, valueAuth.project_name ?? baseAuth.project_name)
        const first = await loadCloud({ env, cwd: box.cwd })
        assert.equal(first.region, 'R0')
        assert.deepEqual(first.extra, plain(base))
      }),
      { numRuns: 60 },
    )
  })
})
