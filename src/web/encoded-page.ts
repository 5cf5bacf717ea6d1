/**
 * Pages encoded once and served many times: the plain bytes and a gzip copy, and the test of
 * whether a client takes gzip.
 *
 * @module
 */
import { promisify } from 'node:util'
import { gzip } from 'node:zlib'

/** A rendered page, encoded once per status snapshot rather than once per request. */
export interface EncodedPage {
  plain: Uint8Array<ArrayBuffer>
  gzip: Uint8Array<ArrayBuffer>
}

const gzipAsync = promisify(gzip)

/**
 * Encodes a page as UTF-8 and gzip.
 *
 * @example
 * const page = await encodePage('<!doctype html>…')
 */
export async function encodePage(html: string): Promise<EncodedPage> {
  const plain = new TextEncoder().encode(html)
  const zipped = await gzipAsync(plain, { level: 6 })
  return { plain, gzip: new Uint8Array(zipped.buffer.slice(zipped.byteOffset, zipped.byteOffset + zipped.byteLength)) }
}

/**
 * Whether an `Accept-Encoding` header takes gzip (and does not refuse it with q=0).
 *
 * @example
 * acceptsGzip('gzip;q=0, identity') // false
 */
export function acceptsGzip(header: string | undefined): boolean {
  return header !== undefined && /(^|[\s,])gzip(?!;q=0(\.0*)?(\s|,|$))/.test(header)
}
