/**
 * The catalog the fake's tokens carry: every service under a path prefix of the fake, with the
 * aliases real clouds advertise (`volumev3` and `block-storage` for one Cinder), a second
 * region and internal endpoints, so endpoint selection is tested.
 *
 * @module
 */

interface Endpoint {
  interface: string
  region: string
  region_id: string
  url: string
  id: string
}

/**
 * The catalog of a token for `projectId`.
 *
 * @example
 * fakeCatalog('http://127.0.0.1:5000', 'p1').map((entry) => entry.type)
 */
export function fakeCatalog(baseUrl: string, projectId: string): Array<{ type: string; name: string; id: string; endpoints: Endpoint[] }> {
  const entry = (type: string, name: string, path: string, extra: Endpoint[] = []) => ({
    type,
    name,
    id: `svc-${type}`,
    endpoints: [
      { interface: 'public', region: 'RegionOne', region_id: 'RegionOne', url: `${baseUrl}${path}`, id: `ep-${type}-public` },
      { interface: 'internal', region: 'RegionOne', region_id: 'RegionOne', url: `${baseUrl}/internal${path}`, id: `ep-${type}-internal` },
      ...extra,
    ],
  })
  const volume = `/volume/v3/${projectId}`
  return [
    entry('identity', 'keystone', '/identity/v3/'),
    entry('compute', 'nova', '/compute/v2.1', [
      { interface: 'public', region: 'RegionTwo', region_id: 'RegionTwo', url: `${baseUrl}/region-two/compute/v2.1`, id: 'ep-compute-r2' },
    ]),
    entry('network', 'neutron', '/network'),
    entry('image', 'glance', '/image'),
    entry('volumev2', 'cinderv2', volume),
    entry('volumev3', 'cinderv3', volume),
    entry('block-storage', 'cinder', volume),
    entry('load-balancer', 'octavia', '/load-balancer'),
    entry('object-store', 'swift', `/object-store/v1/AUTH_${projectId}`),
    entry('dns', 'designate', '/dns/'),
    entry('placement', 'placement', '/placement'),
  ]
}
