import { describe } from 'node:test'
import { loadCloud, OpenStackClient } from '../../../src/openstack/index.js'
import type { OpenStackSession } from '../../../src/openstack/index.js'
import { LOCAL_CLOUDS_FILE, localOpenStackMissing } from '../../support/local-openstack.js'
import { realPart } from '../../support/real-part.js'
import { cycleSuite } from './cycles.js'

const CLOUDS_FILE = LOCAL_CLOUDS_FILE

const part = realPart('openstack-services', await localOpenStackMissing(), 'bash ../shared/openstack-local/setup.sh all')

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
