import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { configSearchPath, listClouds, loadCloud } from '../../../src/openstack/clouds-config/index.js'
import type { ResolvedCloud } from '../../../src/openstack/clouds-config/index.js'
import { realPart } from '../../support/real-part.js'
import { fixture, sandbox } from './support.js'

const PROBE = fileURLToPath(new URL('./sdk-probe.py', import.meta.url))

/** The first Python that can import openstacksdk (pyenv's python3 may not see Debian's packages). */
function findPython(): string | null {
  for (const python of ['python3', '/usr/bin/python3']) {
    const run = spawnSync(python, ['-c', 'import openstack.config.loader'], { timeout: 60_000, stdio: 'ignore' })
    if (run.status === 0) return python
  }
  return null
}

const python = findPython()
const sdk = realPart('openstack-sdk-paths', python ? null : 'openstacksdk not importable by python3', 'bash ../shared/openstack-local/setup.sh all')

interface Case {
  env: NodeJS.ProcessEnv
  cwd: string
  load?: boolean
  cloud?: string
  region?: string
}

/** Runs every case through the installed openstacksdk in one Python process. */
function askSdk(cases: Case[]): Record<string, unknown>[] {
  const run = spawnSync(python ?? 'python3', [PROBE], { input: JSON.stringify(cases), timeout: 120_000, encoding: 'utf8' })
  assert.equal(run.status, 0, run.stderr)
  return JSON.parse(run.stdout) as Record<string, unknown>[]
}

const SNAKE: Record<string, string> = { authUrl: 'auth_url', userId: 'user_id', projectName: 'project_name', projectId: 'project_id', projectDomainName: 'project_domain_name', projectDomainId: 'project_domain_id', userDomainName: 'user_domain_name', userDomainId: 'user_domain_id', domainName: 'domain_name', domainId: 'domain_id', applicationCredentialId: 'application_credential_id', applicationCredentialName: 'application_credential_name', applicationCredentialSecret: 'application_credential_secret', systemScope: 'system_scope' }
const SECRET = new Set(['password', 'token', 'applicationCredentialSecret'])

function asSdk(cloud: ResolvedCloud): Record<string, unknown> {
  const auth = Object.fromEntries(Object.entries(cloud.auth).map(([key, value]) => [SNAKE[key] ?? key, SECRET.has(key) ? '<secret>' : value]))
  return { region: cloud.region ?? '', authType: cloud.authType, auth, interface: cloud.interface, verify: cloud.verify ? (cloud.cacert ?? true) : false }
}

describe('the same as openstacksdk', { skip: sdk.available ? false : sdk.skip }, () => {
  test('search path and candidate files under changed XDG_*, HOME and SNAP_REAL_HOME', () => {
    const box = sandbox()
    const variants: Record<string, string>[] = [
      {},
      { XDG_CONFIG_HOME: join(box.root, 'xdg') },
      { XDG_CONFIG_DIRS: '/opt/site-a:/opt/site-b/' },
      { XDG_CONFIG_DIRS: '~/site' },
      { SNAP_REAL_HOME: join(box.root, 'snap-home') },
      { HOME: `${box.home}/` },
      { XDG_CONFIG_HOME: join(box.root, 'xdg'), XDG_CONFIG_DIRS: '/etc/xdg-one', SNAP_REAL_HOME: '/home/snappy' },
      { OS_CLIENT_CONFIG_FILE: fixture('basic.yaml'), OS_CLIENT_SECURE_FILE: join(box.root, 'secret.yaml') },
    ]
    const cases = variants.map((extra) => ({ env: { ...box.env(), ...extra }, cwd: box.cwd, load: true }))
    const answers = askSdk(cases)
    cases.forEach((item, index) => {
      const ours = configSearchPath(item.env, undefined, item.cwd)
      const theirs = answers[index] ?? {}
      assert.deepEqual(ours.dirs, theirs.dirs, JSON.stringify(item.env))
      assert.deepEqual(ours.clouds, theirs.configFiles, JSON.stringify(item.env))
      assert.deepEqual(ours.secure, theirs.secureFiles, JSON.stringify(item.env))
    })
  })

  test('the file chosen, the clouds and the default cloud', async () => {
    const box = sandbox()
    box.write('work/clouds.yml', 'clouds:\n  from-cwd: {auth: {auth_url: "http://127.0.0.1:5000/v3"}}\n')
    box.write('xdg/openstack/clouds.yaml', 'clouds:\n  a: {}\n  b: {}\n')
    box.write('home/.config/openstack/secure.json', '{"clouds": {"from-cwd": {"auth": {"password": "x"}}}}')
    const envs = [box.env(), box.env({ XDG_CONFIG_HOME: join(box.root, 'xdg') }), box.env({ OS_AUTH_URL: 'http://127.0.0.1:5000/v3', OS_USERNAME: 'u' })]
    const cwds = [box.cwd, box.home, box.home]
    const answers = askSdk(envs.map((env, index) => ({ env, cwd: cwds[index] as string, load: true })))
    for (const [index, env] of envs.entries()) {
      const ours = await listClouds({ env, cwd: cwds[index] })
      const theirs = answers[index] ?? {}
      assert.equal(ours.file, theirs.file)
      assert.equal(ours.secureFile, theirs.secureFile)
      assert.deepEqual(ours.clouds, theirs.names)
      assert.equal(ours.defaultCloud, theirs.default)
    }
  })

  test('resolved clouds: auth, region, interface and verify', async () => {
    const box = sandbox()
    const file = (name: string, extra: Record<string, string> = {}) => box.env({ OS_CLIENT_CONFIG_FILE: fixture(name), ...extra })
    const cases: Case[] = [
      { env: file('basic.yaml'), cwd: box.cwd, cloud: 'demo' },
      { env: file('basic.yaml'), cwd: box.cwd, cloud: 'other' },
      { env: file('regions.yaml'), cwd: box.cwd, cloud: 'multi', region: 'RegionTwo' },
      { env: file('regions.yaml'), cwd: box.cwd, cloud: 'legacy', region: 'West' },
      { env: file('auth-types.yaml'), cwd: box.cwd, cloud: 'token' },
      { env: file('auth-types.yaml'), cwd: box.cwd, cloud: 'appcred-by-name' },
      { env: file('auth-types.yaml'), cwd: box.cwd, cloud: 'legacy' },
      { env: file('single.yaml'), cwd: box.cwd, cloud: 'only' },
      { env: file('secure-base.yaml', { OS_CLIENT_SECURE_FILE: fixture('secure-over.yaml') }), cwd: box.cwd, cloud: 'demo' },
      { env: box.env({ OS_AUTH_URL: 'http://127.0.0.1:5000/v3', OS_USERNAME: 'eve', OS_PASSWORD: 'pw', OS_PROJECT_ID: 'p', OS_DOMAIN_NAME: 'D', OS_REGION_NAME: 'R' }), cwd: box.cwd, cloud: 'envvars', region: 'R' },
      { env: file('regions.yaml'), cwd: box.cwd, cloud: 'multi', region: 'Nowhere' },
    ]
    const answers = askSdk(cases.map((item) => ({ ...item, load: true })))
    for (const [index, item] of cases.entries()) {
      const theirs = answers[index] ?? {}
      const label = `${item.cloud} ${item.region ?? ''}`
      let ours: Record<string, unknown>
      try {
        ours = asSdk(await loadCloud({ env: item.env, cwd: item.cwd, cloud: item.cloud, region: item.region }))
      } catch {
        ours = { error: true }
      }
      if ('error' in theirs || 'error' in ours) {
        assert.equal('error' in ours, 'error' in theirs, `${label}: error on one side only: ${JSON.stringify(theirs)}`)
        continue
      }
      const { region, authType, auth, interface: iface, verify } = theirs
      const normalised = ({ v3password: 'password', v3token: 'token' } as Record<string, string>)[String(authType)] ?? authType
      assert.deepEqual(ours, { region, authType: normalised, auth, interface: iface, verify }, label)
    }
  })
})
