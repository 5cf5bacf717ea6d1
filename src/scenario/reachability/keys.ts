/**
 * Locally generated SSH key pairs, as a customer makes them (`ssh-keygen`), for the keypairs
 * the scenario uploads to Nova. The private key stays in memory; the temporary files are
 * deleted before this returns.
 *
 * @module
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runProgram } from './run-program.js'

/** The `ssh-keygen` binary. */
export const SSH_KEYGEN_PROGRAM = '/usr/bin/ssh-keygen'

/** A key pair: `privateKey` is a secret, `publicKey` the one-line OpenSSH form Nova takes. */
export interface SshKeyPair {
  privateKey: string
  publicKey: string
}

/**
 * Generates a key pair without a passphrase. `type` as OSHM's `KPTYPE` (default `ed25519`;
 * `rsa` for old images).
 *
 * @example
 * const { privateKey, publicKey } = await generateSshKeyPair('ed25519', 'glasshouse')
 */
export async function generateSshKeyPair(type: 'ed25519' | 'rsa' | 'ecdsa' = 'ed25519', comment = 'glasshouse'): Promise<SshKeyPair> {
  const directory = await mkdtemp(join(tmpdir(), 'glasshouse-keygen-'))
  try {
    const file = join(directory, 'id')
    const sizeArgs = type === 'rsa' ? ['-b', '3072'] : []
    const run = await runProgram(SSH_KEYGEN_PROGRAM, ['-q', '-t', type, ...sizeArgs, '-N', '', '-C', comment, '-f', file], { timeoutMs: 30_000 })
    if (run.exitCode !== 0) throw new Error(`ssh-keygen failed: ${run.startError ?? run.stderr.trim().split('\n')[0] ?? `exit ${run.exitCode}`}`)
    return { privateKey: await readFile(file, 'utf8'), publicKey: (await readFile(`${file}.pub`, 'utf8')).trim() }
  } finally {
    await rm(directory, { recursive: true, force: true })
  }
}
