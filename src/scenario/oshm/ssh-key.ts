/**
 * SSH keypairs generated locally for each iteration (ed25519, node:crypto). Only the public key
 * leaves the process (uploaded to Nova); the private key stays a `KeyObject` in memory: it
 * serialises to `{}`, prints as `[SshKey …]`, and is handed out only to the reachability checks.
 *
 * @module
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto'
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

/**
 * The private key in the `openssh-key-v1` format `/usr/bin/ssh` reads (`-----BEGIN OPENSSH
 * PRIVATE KEY-----`, unencrypted). A secret: hand it only to the SSH client, which writes it to a
 * 0600 file it deletes (src/scenario/reachability), never to a log or a result.
 *
 * @example
 * await withSshClient({ privateKey: openSshPrivateKey(key), user: 'debian' }, (ssh) => ssh.run({ host: fip }, 'ls'))
 */
export function openSshPrivateKey(key: SshKey): string {
  const jwk = key.privateKey().export({ format: 'jwk' })
  const seed = Buffer.from(jwk.d ?? '', 'base64url')
  const raw = Buffer.from(jwk.x ?? '', 'base64url')
  if (seed.length !== 32 || raw.length !== 32) throw new Error('not an ed25519 private key')
  const comment = key.publicKey.split(' ').slice(2).join(' ')
  const check = randomBytes(4)
  const secret = Buffer.concat([check, check, field(Buffer.from('ssh-ed25519')), field(raw), field(Buffer.concat([seed, raw])), field(Buffer.from(comment))])
  // The private section is padded with 1, 2, 3, … to the cipher's block size (8 for "none").
  const padding = Buffer.from(Array.from({ length: (8 - (secret.length % 8)) % 8 }, (_, index) => index + 1))
  const none = field(Buffer.from('none'))
  const body = Buffer.concat([Buffer.from('openssh-key-v1\0'), none, none, field(Buffer.alloc(0)), uint32(1), field(publicBlob(raw)), field(Buffer.concat([secret, padding]))])
  const lines = body.toString('base64').match(/.{1,70}/g) ?? []
  return ['-----BEGIN OPENSSH PRIVATE KEY-----', ...lines, '-----END OPENSSH PRIVATE KEY-----', ''].join('\n')
}

/** The key blob of OpenSSH's format: length-prefixed `ssh-ed25519` and the 32 raw key bytes. */
function openSshBlob(publicKey: KeyObject): string {
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url')
  if (raw.length !== 32) throw new Error('ed25519 public key is not 32 bytes')
  return publicBlob(raw).toString('base64')
}

function publicBlob(raw: Buffer): Buffer {
  return Buffer.concat([field(Buffer.from('ssh-ed25519')), field(raw)])
}

function uint32(value: number): Buffer {
  const bytes = Buffer.alloc(4)
  bytes.writeUInt32BE(value, 0)
  return bytes
}

/** An SSH wire-format string: its length as uint32, then the bytes. */
function field(value: Buffer): Buffer {
  return Buffer.concat([uint32(value.length), value])
}
