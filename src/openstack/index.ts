/**
 * The OpenStack client: Keystone v3 and the catalog, a timed HTTP layer where every attempt is
 * a recorded call, failure classification and retries, microversions and pagination.
 *
 * @example
 * import { OpenStackClient } from '../openstack/index.js'
 * const session = new OpenStackClient({ cloud }).iteration({ signal })
 * const { data } = await session.get('network', 'network.networks.list', '/v2.0/networks', { query: { limit: 1 } })
 *
 * @module
 */
export * from './client/index.js'
export * from './http/index.js'
export * from './keystone/index.js'
export { officialServiceType, SERVICE_TYPE_ALIASES, serviceTypePreference } from './service-types.js'
export * from './clouds-config/index.js'
export * from './services/index.js'
