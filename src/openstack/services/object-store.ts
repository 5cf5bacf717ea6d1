/**
 * Swift (object-store): the account's container listing and uploads into containers. Paths are
 * relative to the catalog endpoint (`…/v1/AUTH_<project>`).
 *
 * @module
 */
import { z } from 'zod'
import type { OpenStackSession } from '../client/index.js'

/** A container in the account listing. */
export const ContainerSchema = z.looseObject({ name: z.string(), count: z.number(), bytes: z.number() })
/** A Swift container. */
export type Container = z.infer<typeof ContainerSchema>

/** Swift answers an empty account with 204 and no body. */
const ListingSchema = z.array(ContainerSchema).optional()

/**
 * The account's containers (`GET /?format=json`), following `marker` page by page.
 *
 * @example
 * (await listContainers(session)).map((container) => container.name)
 */
export async function listContainers(session: OpenStackSession, options: { limit?: number; maxPages?: number; prefix?: string } = {}): Promise<Container[]> {
  const containers: Container[] = []
  let marker: string | undefined
  for (let page = 0; page < (options.maxPages ?? 100); page++) {
    const query = { format: 'json', limit: options.limit, prefix: options.prefix, marker }
    const { data } = await session.get('object-store', 'object-store.containers.list', '', { query }, ListingSchema)
    const batch = data ?? []
    containers.push(...batch)
    if (batch.length === 0 || options.limit === undefined || batch.length < options.limit) break
    marker = batch.at(-1)?.name
  }
  return containers
}

/**
 * Creates a container, or leaves an existing one as it is (`PUT /{container}`: 201 or 202).
 *
 * @example
 * await createContainer(session, 'glasshouse-logs')
 */
export async function createContainer(session: OpenStackSession, container: string): Promise<void> {
  await session.put('object-store', 'object-store.containers.create', '/{container}', { path: { container } })
}

/**
 * Uploads bytes or text as an object (`PUT /{container}/{object}`) with its content type;
 * returns its ETag (the MD5 of the content). The answer body is not parsed (Swift answers
 * 201 with an empty or HTML body).
 *
 * @example
 * await putObject(session, 'glasshouse-logs', 'run-1a2b/log.gz', gzipSync(log), 'application/gzip')
 */
export async function putObject(
  session: OpenStackSession,
  container: string,
  object: string,
  content: string | Uint8Array,
  contentType = 'application/octet-stream',
): Promise<string | null> {
  const { headers } = await session.put('object-store', 'object-store.objects.create', '/{container}/{object}', {
    path: { container, object },
    rawBody: { content, contentType },
    parse: 'none',
  })
  const etag = headers.etag
  return typeof etag === 'string' ? etag : null
}
