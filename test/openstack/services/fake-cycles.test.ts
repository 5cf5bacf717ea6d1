import { describe } from 'node:test'
import type { OpenStackSession } from '../../../src/openstack/index.js'
import { startFakeOpenStack } from '../../fakes/openstack/index.js'
import type { FakeOpenStack } from '../../fakes/openstack/index.js'
import { fakeServices } from '../../fakes/openstack/services/index.js'
import { fastClient } from '../support.js'
import { cycleSuite } from './cycles.js'

describe('service modules against the fake OpenStack: the local cloud\'s cycles', { timeout: 60_000 }, () => {
  let fake: FakeOpenStack | undefined
  let session: OpenStackSession | undefined
  cycleSuite(
    async () => {
      fake = await startFakeOpenStack()
      fakeServices(fake.state)
      session = fastClient(fake.cloud()).iteration({ signal: AbortSignal.timeout(55_000) })
      return { session, pollMs: 10 }
    },
    async () => {
      await session?.close()
      await fake?.close()
    },
  )
})
