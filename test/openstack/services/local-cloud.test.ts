import { existsSync } from 'node:fs'
import { describe } from 'node:test'
import { loadCloud, OpenStackClient } from '../../../src/openstack/index.js'
import type { OpenStackSession } from '../../../src/openstack/index.js'
import { realPart } from '../../support/real-part.js'
import { cycleSuite } from './cycles.js'

const CLOUDS_FILE = '/etc/oslocal/clouds.yaml'
const KEYSTONE = 'http://127.0.0.1:5000/v3'

async function missing(): Promise<string | null> {
  if (!existsSync(CLOUDS_FILE)) return `${CLOUDS_FILE} absent`
  try {
    const response = await fetch(KEYSTONE, { signal: AbortSignal.timeout(5_000) })
    await response.arrayBuffer()
    return response.ok ? null : `Keystone at ${KEYSTONE} answers ${response.status}`
  } catch {
    return `Keystone at ${KEYSTONE} not answering`
  }
}

const part = realPart('openstack-services', await missing(), 'bash ../shared/openstack-local/setup.sh all')

describe('service modules against the local OpenStack', { skip: part.available ? false : part.skip, timeout: 240_000 }, () => {
  let session: OpenStackSession | undefined
  cycleSuite(
    async () => {
      const cloud = await loadCloud({ cloud: 'demo', env: { OS_CLIENT_CONFIG_FILE: CLOUDS_FILE } })
      session = new OpenStackClient({ cloud }).iteration({ signal: AbortSignal.timeout(230_000) })
      return { session, pollMs: 500 }
    },
    async () => session?.close(),
  )
})
