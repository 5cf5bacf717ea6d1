/**
 * Standard Webhooks signatures: `webhook-id`, `webhook-timestamp` (seconds) and
 * `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">` with the key from a
 * `whsec_` secret.
 *
 * @module
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

function key(secret: string): Buffer {
  return Buffer.from(secret.replace(/^whsec_/, ''), 'base64')
}

/**
 * The three headers of a signed message.
 *
 * @example
 * signedHeaders('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', '01J…', 1700000000, '{"a":1}')
 * // { 'webhook-id': '01J…', 'webhook-timestamp': '1700000000', 'webhook-signature': 'v1,…' }
 */
export function signedHeaders(secret: string, id: string, timestampSeconds: number, body: string): Record<string, string> {
  const signature = createHmac('sha256', key(secret)).update(`${id}.${timestampSeconds}.${body}`).digest('base64')
  return { 'webhook-id': id, 'webhook-timestamp': String(timestampSeconds), 'webhook-signature': `v1,${signature}` }
}

/**
 * Whether `headers` carry a valid v1 signature of `body` (for receivers and tests).
 *
 * @example
 * verifySignature(secret, headers, body) // true
 */
export function verifySignature(secret: string, headers: Readonly<Record<string, string | undefined>>, body: string): boolean {
  const id = headers['webhook-id']
  const timestamp = headers['webhook-timestamp']
  const signatures = headers['webhook-signature']
  if (!id || !timestamp || !signatures) return false
  const expected = Buffer.from(signedHeaders(secret, id, Number(timestamp), body)['webhook-signature']!.slice(3), 'base64')
  return signatures.split(' ').some((entry) => {
    if (!entry.startsWith('v1,')) return false
    const given = Buffer.from(entry.slice(3), 'base64')
    return given.length === expected.length && timingSafeEqual(given, expected)
  })
}
