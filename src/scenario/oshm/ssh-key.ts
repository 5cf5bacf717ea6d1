/**
 * SSH keypairs generated locally for each iteration (ed25519, node:crypto). Only the public key
 * leaves the process (uploaded to Nova); the private key stays a `KeyObject` in memory: it
 * serialises to `{}`, prints as `[SshKey …]`, and is handed out only to the reachability checks.
 *
 * @module
 */
import { generateKeyPairSync } from 'node:crypto'
import type { KeyObject } from 'node:crypto'
import { inspect } from 'node:util'

/** A generated keypair; the private half never serialises. */
export interface SshKey {
  /** OpenSSH one-line public key: `ssh-ed25519 AAAA… comment`. */
  readonly publicKey: string
  /** The private key, for `ssh -i` (the reachability checks write it to a 0600 file they delete). */
  privateKey(): KeyObject
}

/**
 * Generates an ed25519 keypair; `comment` ends the public key line (never a secret).
 *
 * @example
 * const key = generateSshKey('gh-mon1-k3x9-Keypair_JH')
 * await createKeypair(session, { name, public_key: key.publicKey, type: 'ssh' })
 */
export function generateSshKey(comment: string): SshKey {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  const line = `ssh-ed25519 ${openSshBlob(publicKey)} ${comment}`
  return new PrivateHolder(line, privateKey)
}

class PrivateHolder implements SshKey {
  readonly publicKey: string
  readonly #privateKey: KeyObject

  constructor(publicKey: string, privateKey: KeyObject) {
    this.publicKey = publicKey
    this.#privateKey = privateKey
  }

  privateKey(): KeyObject {
    return this.#privateKey
  }

  toJSON(): { publicKey: string } {
    return { publicKey: this.publicKey }
  }

  [inspect.custom](): string {
    return `[SshKey ${this.publicKey}]`
  }
}

/** The key blob of OpenSSH's format: length-prefixed `ssh-ed25519` and the 32 raw key bytes. */
function openSshBlob(publicKey: KeyObject): string {
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url')
  if (raw.length !== 32) throw new Error('ed25519 public key is not 32 bytes')
  const field = (value: Buffer): Buffer => {
    const length = Buffer.alloc(4)
    length.writeUInt32BE(value.length, 0)
    return Buffer.concat([length, value])
  }
  return Buffer.concat([field(Buffer.from('ssh-ed25519')), field(raw)]).toString('base64')
}
