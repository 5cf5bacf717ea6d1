/**
 * The local OpenStack of `../shared/openstack-local/setup.sh`: where its clouds.yaml is, and
 * whether it answers — for the real-part gate of every suite that talks to it.
 *
 * @module
 */
import { existsSync } from 'node:fs'

/** The clouds.yaml the setup writes (clouds `demo` and `admin`). */
export const LOCAL_CLOUDS_FILE = '/etc/oslocal/clouds.yaml'
const KEYSTONE = 'http://127.0.0.1:5000/v3'

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
