/**
 * OSHM's full-mesh connectivity test (`-C`): every VM pings every VM address with
 * `ping -c1 -w1`; a miss gets one `ping -c1 -w3` after 1 s. A script on the VM's stdin does
 * it, so nothing is copied to the VM. An ssh failure (exit 255) counts every target unreachable.
 *
 * @module
 */
import type { CheckOutcome, RetryPolicy } from './outcome.js'
import type { Forward } from './port-forward.js'
import type { SshClient } from './ssh-client.js'
import { VM_SSH_RETRY } from './ssh-client.js'
import { invalidTarget } from './targets.js'

/** What one VM saw of the mesh. */
export interface MeshOutcome extends CheckOutcome {
  /** The VM the pings came from. */
  from: string
  /** Addresses that answered only the second ping. */
  retried: string[]
  /** Addresses that answered neither ping. */
  unreachable: string[]
}

/** How to run the mesh. */
export interface MeshOptions {
  /** Extra addresses every VM pings too (OSHM: the secondary NICs' addresses). */
  extraAddresses?: readonly string[]
  /** Default OSHM's VM login retries. */
  loginRetry?: RetryPolicy
}

/**
 * Runs the mesh from every VM in `forwards` (concurrently) to every VM's address.
 *
 * @example
 * const mesh = await fullMeshPing(ssh, planForwards(jumpHosts, vms))
 * mesh.filter((row) => !row.ok).map((row) => row.failure?.message)
 */
export async function fullMeshPing(ssh: SshClient, forwards: readonly Forward[], options: MeshOptions = {}): Promise<MeshOutcome[]> {
  const addresses = [...forwards.map((forward) => forward.vm.address), ...(options.extraAddresses ?? [])]
  for (const address of addresses) {
    const bad = invalidTarget(address)
    if (bad) throw new TypeError(`full mesh: ${bad}`)
  }
  const script = meshScript(addresses)
  return Promise.all(forwards.map((forward) => meshFrom(ssh, forward, script, addresses, options.loginRetry ?? VM_SSH_RETRY)))
}

async function meshFrom(ssh: SshClient, forward: Forward, script: string, addresses: string[], retry: RetryPolicy): Promise<MeshOutcome> {
  const run = await ssh.run({ host: forward.jumpHost.address, port: forward.port }, '/bin/sh -s', { input: script, label: 'full mesh', retry })
  const { exitCode, stdout, stderr: _stderr, check: _check, ...timing } = run
  const check = `full mesh from ${forward.vm.name}`
  if (exitCode === 255 || exitCode === null) {
    const message = `${forward.vm.name}: ${run.failure?.message ?? 'ssh failed'}; all ${addresses.length} targets counted unreachable`
    return { ...timing, check, ok: false, from: forward.vm.name, retried: [], unreachable: addresses, failure: { code: run.failure?.code ?? 'connect', message } }
  }
  const listed = (tag: string): string[] => stdout.split('\n').filter((line) => line.startsWith(`${tag} `)).map((line) => line.slice(tag.length + 1).trim())
  const unreachable = listed('FAIL')
  const failure = unreachable.length > 0 ? { code: 'connect' as const, message: `${forward.vm.name} cannot reach ${unreachable.join(', ')}` } : null
  return { ...timing, check, ok: failure === null, from: forward.vm.name, retried: listed('RETRY'), unreachable, failure }
}

/** The script a VM runs: one line `RETRY <address>` or `FAIL <address>` per address that missed. */
export function meshScript(addresses: readonly string[]): string {
  return [
    `for target in ${addresses.join(' ')}; do`,
    '  ping -n -c1 -w1 "$target" >/dev/null 2>&1 && continue',
    '  sleep 1',
    '  if ping -n -c1 -w3 "$target" >/dev/null 2>&1; then echo "RETRY $target"; else echo "FAIL $target"; fi',
    'done',
    'exit 0',
    '',
  ].join('\n')
}
