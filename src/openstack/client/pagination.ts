/**
 * Lists that come in pages: `<key>_links` with `rel: next` (Nova, Cinder, Neutron, Octavia),
 * Glance's `next`, Designate's `links.next`, else marker + limit. Every page is a recorded
 * call of the same operation.
 *
 * @module
 */
import { z } from 'zod'
import type { RequestParams, OpenStackSession } from './session.js'
import type { QueryValue } from './url.js'

/** How to walk the pages. */
export interface PageOptions {
  /** The array's key in each page (`servers`, `networks`, `images`). */
  itemsKey: string
  /** Items per page (the `limit` query parameter); without it the server's default. */
  limit?: number
  /** Stop after this many pages (a safety bound); default 100. */
  maxPages?: number
}

const LinkSchema = z.object({ rel: z.string(), href: z.string() })

/**
 * Fetches every page of a list and returns all items, validated with `itemSchema`.
 *
 * @example
 * const images = await listAll(session, 'image', 'image.images.list', '/v2/images', {}, ImageSchema, { itemsKey: 'images', limit: 100 })
 */
export async function listAll<T>(
  session: OpenStackSession,
  service: string,
  operation: string,
  pathTemplate: string,
  params: RequestParams,
  itemSchema: z.ZodType<T>,
  options: PageOptions,
): Promise<T[]> {
  const { itemsKey, limit } = options
  const pageSchema = z.looseObject({
    [itemsKey]: z.array(itemSchema),
    [`${itemsKey}_links`]: z.array(LinkSchema).optional(),
    next: z.string().nullish(),
    links: z.looseObject({ next: z.string().nullish() }).optional(),
  })
  const items: T[] = []
  let query: Record<string, QueryValue> = { ...params.query, ...(limit === undefined ? {} : { limit }) }
  const seen = new Set<string>()
  for (let page = 0; page < (options.maxPages ?? 100); page++) {
    const { data } = await session.get(service, operation, pathTemplate, { ...params, query }, pageSchema)
    const batch = data[itemsKey] as T[]
    items.push(...batch)
    const next = nextQuery(data as Record<string, unknown>, itemsKey, batch, limit)
    if (next === null) break
    const key = JSON.stringify(next)
    if (seen.has(key)) break
    seen.add(key)
    query = next
  }
  return items
}

function nextQuery(data: Record<string, unknown>, itemsKey: string, batch: readonly unknown[], limit: number | undefined): Record<string, QueryValue> | null {
  const links = data[`${itemsKey}_links`] as Array<{ rel: string; href: string }> | undefined
  const href =
    links?.find((link) => link.rel === 'next')?.href ??
    (typeof data.next === 'string' ? data.next : undefined) ??
    (data.links as { next?: string | null } | undefined)?.next ??
    undefined
  // Only the query of a next link is used: links often name an internal host or scheme.
  if (href) return Object.fromEntries(new URL(href, 'http://next.invalid').searchParams)
  if (limit === undefined || batch.length < limit || links !== undefined) return null
  const last = batch.at(-1) as { id?: unknown } | undefined
  return typeof last?.id === 'string' ? { limit, marker: last.id } : null
}
