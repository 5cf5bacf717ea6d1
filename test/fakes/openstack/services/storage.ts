/**
 * The fake Glance (images with properties and filters), Cinder (volumes: creating → available,
 * deleting → gone, sizes checked against the image's `min_disk`), Swift (account listing,
 * container and object PUT), Designate (zones) and Keystone's project list.
 *
 * @module
 */
import { createHash } from 'node:crypto'
import type { Context, Hono } from 'hono'
import type { FakeState } from '../state.js'
import { crud } from './crud.js'
import { fail, filterRows, insert, later, page, route, table, view } from './store.js'
import type { FakeCloud, Row } from './store.js'

/**
 * Registers the fake Glance, Cinder, Swift, Designate and Keystone project routes.
 *
 * @example
 * registerStorage(app, state)
 */
export function registerStorage(app: Hono, state: FakeState): void {
  app.get('/image/v2/images', route(state, 'image.images.list', (c, cloud) => page(c, filterRows([...table(cloud, 'images').values()], c.req.query(), {}), 'images', 'glance')))
  app.get(
    '/image/v2/images/:id',
    route(state, 'image.images.get', (c, cloud) => {
      const image = table(cloud, 'images').get(c.req.param('id') ?? '')
      return image ? view(image) : c.text(`404 Not Found\n\nNo image found with ID ${c.req.param('id')}\n\n`, 404)
    }),
  )
  registerVolumes(app, state)
  registerSwift(app, state)
  app.get('/dns/v2/zones', route(state, 'dns.zones.list', (c, cloud) => page(c, filterRows([...table(cloud, 'zones').values()], c.req.query(), {}), 'zones', 'designate')))
  app.get(
    '/identity/v3/auth/projects',
    route(state, 'identity.projects.list', (c) => ({
      projects: [{ id: state.projectId, name: 'demo', domain_id: 'default', enabled: true, is_domain: false, parent_id: 'default' }],
      links: { self: c.req.url, next: null, previous: null },
    })),
  )
}

function registerVolumes(app: Hono, state: FakeState): void {
  const base = '/volume/v3/:project'
  app.get(`${base}/os-availability-zone`, route(state, 'block-storage.availability_zones.list', () => ({ availabilityZoneInfo: [{ zoneName: 'nova', zoneState: { available: true } }] })))
  crud(app, state, {
    path: `${base}/volumes`,
    listPath: `${base}/volumes/detail`,
    op: 'block-storage.volumes',
    key: 'volume',
    plural: 'volumes',
    style: 'links',
    createStatus: 202,
    create: (fields, c, cloud) => createVolume(c, cloud, fields),
    updatable: ['name', 'description'],
    deleteStatus: 202,
    onDelete: (row, c, cloud) => {
      if (!['available', 'error'].includes(String(row.status))) return fail(c, 400, `Invalid volume: Volume status must be available or error or error_restoring or error_extending or error_managing and must not be migrating, attached, belong to a group, have snapshots or be disassociated from snapshots after volume transfer. (${row.status})`)
      row.status = 'deleting'
      later(cloud, row, 'gone')
      return undefined
    },
  })
}

function createVolume(c: Context, cloud: FakeCloud, fields: Record<string, unknown>): Row | Response {
  const size = Number(fields.size)
  if (!Number.isInteger(size) || size < 1) return fail(c, 400, 'Invalid input received: size must be an integer and greater than 0')
  const image = fields.imageRef === undefined ? undefined : table(cloud, 'images').get(String(fields.imageRef))
  if (fields.imageRef !== undefined && !image) return fail(c, 404, `Image ${String(fields.imageRef)} could not be found.`)
  if (image && size < Number(image.min_disk)) return fail(c, 400, `Invalid input received: Volume size ${size}GB cannot be smaller than the image minDisk size ${image.min_disk}GB.`)
  if (fields.availability_zone !== undefined && fields.availability_zone !== 'nova') return fail(c, 400, 'Invalid input received: Availability zone is invalid.')
  if (fields.volume_type !== undefined && !['__DEFAULT__', 'ssd'].includes(String(fields.volume_type))) return fail(c, 404, `Volume type with name ${String(fields.volume_type)} could not be found.`)
  const volume = insert(cloud, 'volumes', {
    name: null,
    description: null,
    status: 'creating',
    size,
    availability_zone: 'nova',
    volume_type: '__DEFAULT__',
    bootable: image ? 'true' : 'false',
    attachments: [],
    ...fields,
  })
  later(cloud, volume, { status: 'available' })
  return volume
}

function registerSwift(app: Hono, state: FakeState): void {
  const account = '/object-store/v1/:account'
  app.get(
    account,
    route(state, 'object-store.containers.list', (c, cloud) => {
      const { limit, marker, prefix = '' } = c.req.query()
      const names = [...table(cloud, 'containers').values()].map((row) => row.id).filter((name) => name.startsWith(prefix) && (marker === undefined || name > marker)).sort()
      const listed = names.slice(0, limit === undefined ? names.length : Number(limit)).map((name) => ({ name, count: objectsIn(cloud, name).length, bytes: objectsIn(cloud, name).reduce((sum, object) => sum + Number(object.bytes), 0), last_modified: new Date().toISOString() }))
      return listed.length === 0 ? c.body(null, 204) : listed
    }),
  )
  app.put(
    `${account}/:container`,
    route(state, 'object-store.containers.create', (c, cloud) => {
      const name = c.req.param('container') ?? ''
      const existed = table(cloud, 'containers').has(name)
      table(cloud, 'containers').set(name, { id: name })
      return c.body(null, existed ? 202 : 201)
    }),
  )
  app.put(
    `${account}/:container/:object{.+}`,
    route(state, 'object-store.objects.create', async (c, cloud) => {
      const container = c.req.param('container') ?? ''
      if (!table(cloud, 'containers').has(container)) return c.text('<html><h1>Not Found</h1><p>The resource could not be found.</p></html>', 404)
      const content = Buffer.from(await c.req.arrayBuffer())
      const etag = createHash('md5').update(content).digest('hex')
      const id = `${container}/${decodeURIComponent(c.req.param('object') ?? '')}`
      table(cloud, 'objects').set(id, { id, container, bytes: content.length, etag, contentType: c.req.header('content-type') })
      c.header('etag', etag)
      return c.body(null, 201)
    }),
  )
}

function objectsIn(cloud: FakeCloud, container: string): Row[] {
  return [...table(cloud, 'objects').values()].filter((object) => object.container === container)
}
