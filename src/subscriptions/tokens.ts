/**
 * The secrets of subscriber links. A link token is an HMAC of the subscriber's id under the link
 * key, so every mail can carry the unsubscribe link while the database keeps only the token's
 * SHA-256 (a copy of the database alone opens no link). Addresses are matched by their hash.
 *
 * @module
 */
import { createHash, createHmac, randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** The file the link key is kept in when config does not set `subscriptions.linkKey`. */
export const LINK_KEY_FILE = 'subscription-links.key'

/** SHA-256 hex of `text`. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

/**
 * The hash an e-mail address is matched and kept by: SHA-256 of the trimmed, lower-cased address.
 *
 * @example
 * addressHash(' Ops@Example.com') === addressHash('ops@example.com') // true
 */
export function addressHash(address: string): string {
  return sha256Hex(address.trim().toLowerCase())
}

/** The link tokens of one key. */
export interface LinkTokens {
  /** The token of the unsubscribe and manage links of a subscriber (the same for its lifetime). */
  manage(subscriptionId: string): string
  /** The token of the confirmation link issued at `issuedAt`. */
  confirm(subscriptionId: string, issuedAt: number): string
}

/**
 * Builds the token functions of `key`.
 *
 * @example
 * const tokens = linkTokens(key)
 * const hash = sha256Hex(tokens.manage(id)) // what the row stores
 */
export function linkTokens(key: string): LinkTokens {
  const mac = (text: string) => createHmac('sha256', key).update(text).digest('base64url')
  return {
    manage: (id) => mac(`manage:${id}`),
    confirm: (id, issuedAt) => mac(`confirm:${id}:${issuedAt}`),
  }
}

/**
 * The link key: `configured` when given, else the key in `<dataDir>/subscription-links.key`,
 * created (mode 0600) on first use. Several servers on one database must share it (set it in
 * config); a new key invalidates every link already mailed.
 *
 * @example
 * const key = loadLinkKey(config.subscriptions.linkKey, config.storage.dataDir)
 */
export function loadLinkKey(configured: string | undefined, dataDir: string): string {
  if (configured !== undefined) return configured
  const file = join(dataDir, LINK_KEY_FILE)
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  const key = randomBytes(32).toString('base64url')
  // With PostgreSQL nothing else may have created the data dir yet.
  mkdirSync(dataDir, { recursive: true })
  try {
    writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' })
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as { code?: string }).code === 'EEXIST') return readFileSync(file, 'utf8').trim()
    throw error
  }
  chmodSync(file, 0o600)
  return key
}
