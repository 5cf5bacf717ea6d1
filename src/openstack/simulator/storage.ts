/**
 * The simulated Glance (images with properties and filters), Cinder (availability zones,
 * volumes: creating → available and deleting → gone in the profile's times, sizes checked
 * against the image's `min_disk`), Swift (account listing, container and object PUT) and
 * Designate (zones).
 *
 * @module
 */
import { createHash } from 'node:crypto'
import type { Context, Hono } from 'hono'
import { crud } from './crud.js'
import { fail, filterRows, page, route } from './http.js'
import type { Row, Sim } from './state.js'
import { insert, later, table, view } from './state.js'

const VOLUME_TYPES = ['__DEFAULT__', 'ssd']

/**
 * Registers Glance, Cinder, Swift and Designate.
 *
 * @example
 * registerStorage(app, sim)
 */
export function registerStorage(app: Hono, sim: Sim): void {
  app.get('/image/v2/images', route(sim, 'image.images.list', (c) => page(c, filterRows([...table(sim, 'images').values()], c.req.query(), {}), 'images', 'glance')))
  app.get(
    '/image/v2/images/:id',
    route(sim, 'image.images.get', (c) => {
      const image = table(sim, 'images').get(c.req.param('id') ?? '')
      return image ? view(image) : c.text(`404 Not Found\n\nNo image found with ID ${c.req.param('id')}\n\n`, 404)
    }),
  )
  registerVolumes(app, sim)
  registerSwift(app, sim)
  app.get('/dns/v2/zones', route(sim, 'dns.zones.list', (c) => page(c, filterRows([...table(sim, 'zones').values()], c.req.query(), {}), 'zones', 'designate')))
}

function registerVolumes(app: Hono, sim: Sim): void {
  const base = '/volume/v3/:project'
  app.get(`${base}/os-availability-zone`, route(sim, 'block-storage.availability_zones.list', () => ({ availabilityZoneInfo: sim.zones.map((zoneName) => ({ zoneName, zoneState: { available: true } })) })))
  app.get(`${base}/volumes`, route(sim, 'block-storage.volumes.list', (c) => page(c, filterRows([...table(sim, 'volumes').values()], c.req.query(), {}), 'volumes', 'links', (row) => ({ id: row.id, name: row.name, links: [] }))))
  crud(app, sim, {
    path: `${base}/volumes`,
    listPath: `${base}/volumes/detail`,
    op: 'block-storage.volumes',
    key: 'volume',
    plural: 'volumes',
    style: 'links',
    createStatus: 202,
    create: (fields, c) => createVolume(c, sim, fields),
    updatable: ['name', 'description', 'metadata'],
    deleteStatus: 202,
    onDelete: (row, c) => {
      if (!['available', 'error'].includes(String(row.status))) return fail(c, 400, `Invalid volume: Volume status must be available or error or error_restoring or error_extending or error_managing and must not be migrating, attached, belong to a group, have snapshots or be disassociated from snapshots after volume transfer. (${row.status})`)
      row.status = 'deleting'
      later(sim, row, 'volumeDelete', 'gone')
      return undefined
    },
  })
}

function createVolume(c: Context, sim: Sim, fields: Record<string, unknown>): Row | Response {
  const size = Number(fields.size)
  if (!Number.isInteger(size) || size < 1) return fail(c, 400, 'Invalid input received: size must be an integer and greater than 0')
  const image = fields.imageRef === undefined ? undefined : table(sim, 'images').get(String(fields.imageRef))
  if (fields.imageRef !== undefined && !image) return fail(c, 404, `Image ${String(fields.imageRef)} could not be found.`)
  if (image && size < Number(image.min_disk)) return fail(c, 400, `Invalid input received: Volume size ${size}GB cannot be smaller than the image minDisk size ${image.min_disk}GB.`)
  if (fields.availability_zone !== undefined && !sim.zones.includes(String(fields.availability_zone))) return fail(c, 400, 'Invalid input received: Availability zone is invalid.')
  if (fields.volume_type !== undefined && !VOLUME_TYPES.includes(String(fields.volume_type))) return fail(c, 404, `Volume type with name ${String(fields.volume_type)} could not be found.`)
  const volume = insert(sim, 'volumes', {
    name: null,
    description: null,
    status: 'creating',
    size,
    availability_zone: sim.zones[0],
    volume_type: '__DEFAULT__',
    bootable: image ? 'true' : 'false',
    encrypted: false,
    multiattach: false,
    metadata: {},
    snapshot_id: null,
    source_volid: null,
    user_id: sim.identity.userId,
    'os-vol-tenant-attr:tenant_id': sim.identity.projectId,
    attachments: [],
    links: [],
    ...(image ? { volume_image_metadata: { image_id: image.id, image_name: image.name, min_disk: String(image.min_disk) } } : {}),
    ...fields,
  })
  later(sim, volume, 'volumeCreate', { status: 'available' })
  return volume
}

function registerSwift(app: Hono, sim: Sim): void {
  const account = '/object-store/v1/:account'
  app.get(
    account,
    route(sim, 'object-store.containers.list', (c) => {
      const { limit, marker, prefix = '' } = c.req.query()
      const names = [...table(sim, 'containers').values()].map((row) => row.id).filter((name) => name.startsWith(prefix) && (marker === undefined || name > marker)).sort()
      const listed = names.slice(0, limit === undefined ? names.length : Number(limit)).map((name) => ({ name, count: objectsIn(sim, name).length, bytes: objectsIn(sim, name).reduce((sum, object) => sum + Number(object.bytes), 0), last_modified: new Date().toISOString() }))
      return listed.length === 0 ? c.body(null, 204) : listed
    }),
  )
  app.put(
    `${account}/:container`,
    route(sim, 'object-store.containers.create', (c) => {
      const name = c.req.param('container') ?? ''
      const existed = table(sim, 'containers').has(name)
      table(sim, 'containers').set(name, { id: name })
      return c.body(null, existed ? 202 : 201)
    }),
  )
  app.put(
    `${account}/:container/:object{.+}`,
    route(sim, 'object-store.objects.create', async (c) => {
      const container = c.req.param('container') ?? ''
      if (!table(sim, 'containers').has(container)) return c.text('<html><h1>Not Found</h1><p>The resource could not be found.</p></html>', 404)
      const content = Buffer.from(await c.req.arrayBuffer())
      const etag = createHash('md5').update(content).digest('hex')
      const id = `${container}/${decodeURIComponent(c.req.param('object') ?? '')}`
      table(sim, 'objects').set(id, { id, container, bytes: content.length, etag, contentType: c.req.header('content-type') })
      c.header('etag', etag)
      return c.body(null, 201)
    }),
  )
}

function objectsIn(sim: Sim, container: string): Row[] {
  return [...table(sim, 'objects').values()].filter((object) => object.container === container)
}
