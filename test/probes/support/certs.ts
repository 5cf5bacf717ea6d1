/**
 * Test certificates made with the openssl CLI at test time: a root CA, an intermediate, and
 * leaves that are valid, expired, for the wrong host, soon expiring, and self-signed.
 *
 * @module
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** PEM texts of one server identity. */
export interface ServerIdentity {
  key: string
  /** Leaf (and intermediate, when the server sends the chain). */
  cert: string
}

/** Every identity the TLS suites use, plus the root to trust. */
export interface TestCertificates {
  dir: string
  /** Path of the root CA's PEM, for `tls.caFile`. */
  rootFile: string
  valid: ServerIdentity
  expired: ServerIdentity
  wrongHost: ServerIdentity
  soonExpiring: ServerIdentity
  missingIntermediate: ServerIdentity
  selfSigned: ServerIdentity
  cleanup(): void
}

/** Whether the openssl CLI is there (null) or what is missing. */
export function opensslMissing(): string | null {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' })
    return null
  } catch {
    return 'no openssl CLI'
  }
}

const KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes']
const LEAF_EXT = 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n'

/**
 * Generates the certificates into a fresh temp dir (removed by `cleanup`).
 *
 * @example
 * const certs = makeCertificates()
 */
export function makeCertificates(): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'glasshouse-certs-'))
  const file = (name: string): string => join(dir, name)
  const openssl = (...args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' })
  }
  openssl('req', '-x509', ...KEY, '-keyout', 'root.key', '-out', 'root.pem', '-subj', '/CN=Glasshouse Test Root', '-days', '30',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign')
  writeFileSync(file('ca.ext'), 'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n')
  openssl('req', ...KEY, '-keyout', 'inter.key', '-out', 'inter.csr', '-subj', '/CN=Glasshouse Test Intermediate')
  openssl('x509', '-req', '-in', 'inter.csr', '-CA', 'root.pem', '-CAkey', 'root.key', '-CAcreateserial', '-days', '30', '-extfile', 'ca.ext', '-out', 'inter.pem')
  const leaf = (name: string, days: number, ext = LEAF_EXT): ServerIdentity => {
    writeFileSync(file(`${name}.ext`), ext)
    openssl('req', ...KEY, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`)
    openssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'inter.pem', '-CAkey', 'inter.key', '-CAcreateserial', '-days', String(days), '-extfile', `${name}.ext`, '-out', `${name}.pem`)
    return { key: readFileSync(file(`${name}.key`), 'utf8'), cert: readFileSync(file(`${name}.pem`), 'utf8') + readFileSync(file('inter.pem'), 'utf8') }
  }
  const valid = leaf('valid', 30)
  openssl('req', '-x509', ...KEY, '-keyout', 'self.key', '-out', 'self.pem', '-subj', '/CN=localhost', '-days', '30',
    '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1')
  return {
    dir,
    rootFile: file('root.pem'),
    valid,
    expired: leaf('expired', -1),
    wrongHost: leaf('wrong', 30, 'subjectAltName=DNS:other.test\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n'),
    soonExpiring: leaf('soon', 2),
    missingIntermediate: { key: valid.key, cert: readFileSync(file('valid.pem'), 'utf8') },
    selfSigned: { key: readFileSync(file('self.key'), 'utf8'), cert: readFileSync(file('self.pem'), 'utf8') },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  }
}
