import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { main } from '../../src/cli/index.js'
import { captureIo } from '../support/cli-io.js'
import { FAKE_PASSWORD, startFakeOpenStack, type FakeOpenStack } from '../fakes/openstack/index.js'

const io = captureIo

describe('glasshouse probe run catalog', () => {
  let fake: FakeOpenStack
  let dir: string
  let env: NodeJS.ProcessEnv
  const saved = process.env.OS_CLIENT_CONFIG_FILE

  before(async () => {
    fake = await startFakeOpenStack()
    dir = await mkdtemp(join(tmpdir(), 'gh-cli-catalog-'))
    const file = join(dir, 'clouds.yaml')
    const auth = `{auth_url: "${fake.authUrl}", username: demo, password: "${FAKE_PASSWORD}", project_name: demo, user_domain_name: Default, project_domain_name: Default}`
    await writeFile(file, `clouds:\n  fake:\n    auth: ${auth}\n    region_name: RegionOne\n`)
    process.env.OS_CLIENT_CONFIG_FILE = file
    env = { OS_CLIENT_CONFIG_FILE: file }
  })
  after(async () => {
    if (saved === undefined) delete process.env.OS_CLIENT_CONFIG_FILE
    else process.env.OS_CLIENT_CONFIG_FILE = saved
    await fake.close()
    await rm(dir, { recursive: true, force: true })
  })

  test('--cloud NAME --once --json lists every advertised service once, timed, ok', async () => {
    const cli = io(env)
    assert.equal(await main(['probe', 'run', 'catalog', '--cloud', 'fake', '--once', '--json'], cli.io), 0, cli.err())
    const result = JSON.parse(cli.out())
    assert.equal(result.ok, true)
    const services = result.steps.map((step: { name: string }) => step.name).filter((name: string) => name !== 'authenticate')
    assert.equal(new Set(services).size, services.length, 'each service once')
    assert.ok(services.includes('compute') && services.includes('network'))
    assert.ok(result.calls.every((call: { durationMs: number }) => call.durationMs > 0))
    assert.ok(!cli.out().includes(FAKE_PASSWORD))
  })

  test('a cloud clouds.yaml does not have is an environment error (exit 3) naming the clouds', async () => {
    const cli = io(env)
    assert.equal(await main(['probe', 'run', 'catalog', '--cloud', 'nowhere', '--once'], cli.io), 3)
    assert.match(cli.err(), /cloud "nowhere" not found; clouds: fake/)
  })

  test('--skip leaves a service out as a skipped step', async () => {
    const cli = io(env)
    assert.equal(await main(['probe', 'run', 'catalog', '--cloud', 'fake', '--skip', 'compute', '--once', '--json'], cli.io), 0, cli.err())
    const compute = JSON.parse(cli.out()).steps.find((step: { name: string }) => step.name === 'compute')
    assert.equal(compute.status, 'skipped')
  })
})
