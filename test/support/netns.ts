/**
 * Building blocks of the network-namespace labs (reachability and scenario guests): Debian's
 * sshd inside a namespace, a free RFC 2544 subnet, and removal of namespaces and work folders —
 * also those a killed test run left behind.
 *
 * @module
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { readdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** What sshd needs of a guest: its name, namespace and the folder bound over its /tmp. */
export interface SshdGuest {
  name: string
  namespace: string
  tmp: string
}

/**
 * Starts Debian's sshd in the guest's namespace (own mount namespace, the guest's folder as
 * /tmp), with a host key of its own and root's keys from `authorizedKeysFile`; resolves once it
 * listens.
 *
 * @example
 * const sshd = await startSshd(work, guest, join(work, guest.name, 'authorized_keys'))
 */
export async function startSshd(work: string, guest: SshdGuest, authorizedKeysFile: string): Promise<ChildProcess> {
  const directory = join(work, guest.name)
  await run('/usr/bin/ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', guest.name, '-f', join(directory, 'host_key')])
  const config = [
    'Port 22', 'ListenAddress 0.0.0.0', `HostKey ${join(directory, 'host_key')}`, 'PidFile none',
    `AuthorizedKeysFile ${authorizedKeysFile}`, 'PermitRootLogin prohibit-password',
    'PasswordAuthentication no', 'KbdInteractiveAuthentication no', 'UsePAM no',
    // /var/tmp is world-writable, which StrictModes would refuse for the key files' parents.
    'StrictModes no', 'PrintMotd no', 'LogLevel INFO',
  ]
  await writeFile(join(directory, 'sshd_config'), `${config.join('\n')}\n`)
  const script = `mount --bind ${guest.tmp} /tmp && exec /usr/sbin/sshd -D -e -f ${join(directory, 'sshd_config')}`
  const child = spawn('ip', ['netns', 'exec', guest.namespace, 'unshare', '--mount', '--propagation', 'private', '/bin/sh', '-c', script], {
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  await new Promise<void>((resolve, reject) => {
    let log = ''
    const timer = setTimeout(() => reject(new Error(`sshd in ${guest.name} did not start: ${log}`)), 10_000)
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString()
      if (log.includes('Server listening on')) {
        clearTimeout(timer)
        resolve()
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`sshd in ${guest.name} exited ${code}: ${log}`))
    })
  })
  child.stderr!.resume()
  return child
}

/** Runs `ip` with `args`. */
export async function ip(...args: string[]): Promise<void> {
  await run('ip', args)
}

/**
 * A 198.18.N prefix (of the RFC 2544 benchmarking range) that no address of this host uses;
 * `offset` keeps two labs of one process apart.
 */
export async function freeSubnet(offset = 0): Promise<string> {
  const { stdout } = await run('ip', ['-4', '-o', 'addr', 'show'])
  for (let step = 0; step < 250; step += 1) {
    const candidate = `198.18.${((process.pid + offset + step) % 250) + 1}`
    if (!stdout.includes(` ${candidate}.`)) return candidate
  }
  throw new Error('no free 198.18.N.0/24 subnet for the lab')
}

/** Kills every process in `namespace` and deletes it. */
export async function removeNamespace(namespace: string): Promise<void> {
  const pids = await run('ip', ['netns', 'pids', namespace]).then((out) => out.stdout.split('\n').filter(Boolean), () => [])
  for (const pid of pids) {
    try {
      process.kill(Number(pid), 'SIGKILL')
    } catch {
      // already gone
    }
  }
  await run('ip', ['netns', 'delete', namespace]).catch(() => undefined)
  await rm(`/etc/netns/${namespace}`, { recursive: true, force: true })
}

/**
 * Removes namespaces named `<namespacePrefix><pid>-…` and folders `/var/tmp/<workPrefix><pid>-…`
 * of labs whose test process is gone (killed before its cleanup ran).
 */
export async function removeStaleLabs(namespacePrefix: string, workPrefix: string): Promise<void> {
  const { stdout } = await run('ip', ['netns', 'list'])
  for (const line of stdout.split('\n')) {
    const match = new RegExp(`^(${namespacePrefix}(\\d+)-\\S+)`).exec(line)
    if (match && !processAlive(Number(match[2]))) await removeNamespace(match[1]!)
  }
  for (const entry of await readdir('/var/tmp')) {
    const match = new RegExp(`^${workPrefix}(\\d+)-`).exec(entry)
    if (match && !processAlive(Number(match[1]))) await rm(join('/var/tmp', entry), { recursive: true, force: true })
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/**
 * Stops a guest's sshd (SIGTERM) and waits until it has exited; one already gone is left alone.
 *
 * @example
 * await stopSshd(sshds.get('VM1'))
 */
export async function stopSshd(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return
  const gone = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await gone
}

/**
 * Runs a command inside a network namespace and returns its standard output.
 *
 * @example
 * await execInNamespace('ghlab-vm0', ['cat', '/tmp/marker'])
 */
export async function execInNamespace(namespace: string, command: readonly string[]): Promise<string> {
  return (await run('ip', ['netns', 'exec', namespace, ...command])).stdout
}
