import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { inspect } from 'node:util'
import { generateSshKey, openSshPrivateKey } from '../../src/scenario/oshm/index.js'
import { realPart } from '../support/real-part.js'

const part = realPart('ssh-key-export', existsSync('/usr/bin/ssh-keygen') ? null : '/usr/bin/ssh-keygen not installed', 'apt-get install openssh-client')

test('the scenario key exported as openssh-key-v1 is read by OpenSSH as the same key', { skip: part.available ? false : part.skip }, () => {
  const key = generateSshKey('gh-mon1-abc123-Keypair_VM')
  const exported = openSshPrivateKey(key)
  assert.match(exported, /^-----BEGIN OPENSSH PRIVATE KEY-----\n(?:[A-Za-z0-9+/=]{1,70}\n)+-----END OPENSSH PRIVATE KEY-----\n$/)
  const directory = mkdtempSync(join(tmpdir(), 'glasshouse-key-export-'))
  try {
    const file = join(directory, 'id')
    writeFileSync(file, exported, { mode: 0o600 })
    assert.equal(statSync(file).mode & 0o777, 0o600)
    // ssh-keygen -y derives the public key from the private file: it must be the one uploaded to Nova.
    assert.equal(execFileSync('/usr/bin/ssh-keygen', ['-y', '-f', file], { encoding: 'utf8' }).trim(), key.publicKey)
  } finally {
    rmSync(directory, { recursive: true, force: true })
  }
  assert.notEqual(openSshPrivateKey(generateSshKey('other')), exported)
  assert.doesNotMatch(`${JSON.stringify(key)} ${inspect(key)}`, /PRIVATE|b3BlbnNzaC1rZXktdjE/)
})
