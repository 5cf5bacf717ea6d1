/**
 * Who follows what: everything, components, locations (a target of all locations reaches every
 * location's subscribers), and only public series; and the client address behind trusted proxies.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { Hono } from 'hono'
import type { PublicScope } from '../../src/feeds/public-scope.js'
import { follows, publicTargets } from '../../src/subscriptions/scope.js'
import { clientAddress } from '../../src/subscriptions/index.js'
import { trustedProxies } from '../../src/web/public-url.js'
import type { SubscriberEvent } from '../../src/subscriptions/index.js'

const locationsOf = (component: string) => (component === 'compute' ? ['R1', 'R2'] : ['R1'])

describe('follows', () => {
  const compute = [{ component: 'compute', locations: ['R2'] }]
  test('no components and no locations: everything, even an event naming nothing', () => {
    assert.equal(follows({ components: [], locations: [] }, [], locationsOf), true)
  })
  test('components', () => {
    assert.equal(follows({ components: ['compute'], locations: [] }, compute, locationsOf), true)
    assert.equal(follows({ components: ['network'], locations: [] }, compute, locationsOf), false)
    assert.equal(follows({ components: ['compute'], locations: [] }, [], locationsOf), false, 'an event naming nothing reaches only subscribers of everything')
  })
  test('locations, and targets of all locations', () => {
    assert.equal(follows({ components: [], locations: ['R2'] }, compute, locationsOf), true)
    assert.equal(follows({ components: [], locations: ['R1'] }, compute, locationsOf), false)
    assert.equal(follows({ components: [], locations: ['R1'] }, [{ component: 'compute', locations: null }], locationsOf), true)
    assert.equal(follows({ components: ['network'], locations: ['R2'] }, [{ component: 'compute', locations: null }, { component: 'network', locations: ['R1'] }], locationsOf), false)
  })
})

describe('publicTargets', () => {
  const scope = {
    components: new Map([['compute', { name: 'compute', displayName: 'Compute' }]]),
    locations: ['R1'],
    isPublicSeries: (component: string, location: string) => component === 'compute' && location === 'R1',
    locationsOf,
  } satisfies PublicScope
  const event = (targets: SubscriberEvent['targets']) => ({ targets }) as SubscriberEvent
  test('simulated series and unknown components are dropped; an event left with nothing reaches nobody', () => {
    assert.deepEqual(publicTargets(event([{ component: 'compute', locations: ['R1', 'SIM'] }]), scope), [{ component: 'compute', locations: ['R1'] }])
    assert.equal(publicTargets(event([{ component: 'compute', locations: ['SIM'] }, { component: 'hidden', locations: null }]), scope), null)
    assert.deepEqual(publicTargets(event([]), scope), [])
  })
})

describe('clientAddress', () => {
  const seen = (env: object, headers: Record<string, string>, proxies: string[]) => {
    const app = new Hono()
    app.get('/', (c) => c.text(clientAddress(c, trustedProxies(proxies))))
    return Promise.resolve(app.request('/', { headers }, env)).then((res) => res.text())
  }
  const from = (address: string) => ({ incoming: { socket: { remoteAddress: address, remotePort: 1, remoteFamily: 'IPv4' } } })
  test('the peer, unless it is a trusted proxy', async () => {
    assert.equal(await seen(from('198.51.100.7'), { 'x-forwarded-for': '203.0.113.9' }, ['10.0.0.0/8']), '198.51.100.7', 'an untrusted peer cannot claim another address')
    assert.equal(await seen(from('10.0.0.2'), { 'x-forwarded-for': '203.0.113.9, 10.0.0.3' }, ['10.0.0.0/8']), '203.0.113.9', 'the right-most untrusted hop')
    assert.equal(await seen(from('10.0.0.2'), { 'x-forwarded-for': '6.6.6.6, 203.0.113.9' }, ['10.0.0.0/8']), '203.0.113.9', 'a spoofed left-most hop is ignored')
  })
})
