/**
 * Loopback ports for tests.
 *
 * @module
 */
import { createServer } from 'node:net'

/**
 * A loopback port nothing listens on (bound, then released): free for a server to take, or
 * closed for a client to be refused.
 *
 * @example
 * const port = await freePort()
 */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}
