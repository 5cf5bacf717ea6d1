/**
 * The local OpenStack of `../shared/openstack-local/setup.sh`: where its clouds.yaml is, and
 * whether it answers — for the real-part gate of every suite that talks to it.
 *
 * @module
 */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { promisify } from 'node:util'

/** The clouds.yaml the setup writes (clouds `demo` and `admin`). */
export const LOCAL_CLOUDS_FILE = '/etc/oslocal/clouds.yaml'
const KEYSTONE = 'http://127.0.0.1:5000/v3'
const run = promisify(execFile)

/** What is missing for the local OpenStack, or null when it answers. */
export async function localOpenStackMissing(): Promise<string | null> {
  if (!existsSync(LOCAL_CLOUDS_FILE)) return `${LOCAL_CLOUDS_FILE} absent`
  try {
    const response = await fetch(KEYSTONE, { signal: AbortSignal.timeout(5_000) })
    await response.arrayBuffer()
    return response.ok ? null : `Keystone at ${KEYSTONE} answers ${response.status}`
  } catch {
    return `Keystone at ${KEYSTONE} not answering`
  }
}

/**
 * The independent leftover oracle: the `openstack` CLI as admin across projects (and the demo
 * user's keypairs) — servers, volumes, ports, floating IPs, routers, subnets, networks,
 * security groups, keypairs and load balancers whose name or description `matches`, as
 * `<kind> <name>` lines.
 *
 * @example
 * assert.deepEqual(await adminLeftovers((text) => text.startsWith('gh-mon1-')), [])
 */
export async function adminLeftovers(matches: (text: string) => boolean): Promise<string[]> {
  const env = { ...process.env, OS_CLOUD: 'admin', OS_CLIENT_CONFIG_FILE: LOCAL_CLOUDS_FILE }
  const openstack = async (...args: string[]) => (await run('openstack', args, { env, maxBuffer: 16 * 1024 * 1024, timeout: 120_000 })).stdout
  const demoUser = (await openstack('user', 'show', 'demo', '-f', 'value', '-c', 'id')).trim()
  const listings: Array<[string, string[]]> = [
    ['server', ['server', 'list', '--all-projects']],
    ['volume', ['volume', 'list', '--all-projects']],
    ['port', ['port', 'list']],
    ['floating ip', ['floating', 'ip', 'list', '--long']],
    ['router', ['router', 'list']],
    ['subnet', ['subnet', 'list']],
    ['network', ['network', 'list']],
    ['security group', ['security', 'group', 'list', '--all-projects']],
    ['keypair', ['--os-compute-api-version', '2.10', 'keypair', 'list', '--user', demoUser]],
    ['load balancer', ['loadbalancer', 'list']],
  ]
  const found = await Promise.all(
    listings.map(async ([kind, args]) => {
      const rows = JSON.parse(await openstack(...args, '-f', 'json')) as Array<Record<string, unknown>>
      return rows
        .filter((row) => [row.Name, row.Description].some((text) => typeof text === 'string' && text !== '' && matches(text)))
        .map((row) => `${kind} ${String(row.Name || row.Description)}`)
    }),
  )
  return found.flat()
}
