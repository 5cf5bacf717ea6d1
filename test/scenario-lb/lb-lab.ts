/**
 * The load balancer's data plane for the guest lab (test/scenario-guests/guest-lab.ts): each VM
 * namespace runs an HTTP backend (`python3 -m http.server 80`, as OSHM's user data does) serving
 * a `hostname` file with the guest's own name, and Debian's nginx in a namespace of its own is
 * the amphora: it listens on the load balancer's floating IP and proxies round robin to the
 * members' addresses, with passive health (`max_fails`) — nginx has no active checks; the
 * simulator's health monitor asks the members from the same namespace ({@link LbLab.memberHealth}).
 *
 * ```
 * root netns (monitor) ──veth── LB netns (floating IP; nginx) ──veth── JH netns bridge ── VM netns (backends)
 * ```
 * What nginx proxies to follows the simulated Octavia ({@link LbLab.sync}): the load balancer's
 * floating IP and its members, as the scenario creates them.
 *
 * @module
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { promisify } from 'node:util'
import type { SimulatedCloud } from '../../src/openstack/simulator/index.js'
import type { GuestLab } from '../scenario-guests/guest-lab.js'
import { ip, removeNamespace, removeStaleLabs } from '../support/netns.js'

const run = promisify(execFile)
const PREFIX = `ghl${process.pid}`
const WORK_PREFIX = 'glasshouse-lb-'
/** The guest lab's bridge in the jump host's namespace (the VM subnets' segment). */
const GUEST_BRIDGE = `ghg${process.pid}br`
const NGINX = '/usr/sbin/nginx'
const PYTHON = '/usr/bin/python3'

/** A running LB data plane; `destroy()` removes its namespace, processes and files. */
export interface LbLab {
  /** Each VM's backend name (what it answers on `/hostname`), by VM index. */
  backendNames: string[]
  /** The simulator's `memberHealth` hook: an HTTP GET (or TCP connect) from the LB namespace. */
  memberHealth(member: { address: string; port: number; type: string; urlPath: string | null }): Promise<boolean>
  /** Applies the simulated cloud's load balancer: floating IP, members → nginx. */
  sync(sim: SimulatedCloud): Promise<void>
  /** nginx (re)loads so far, with the members each one proxied to. */
  loads: string[][]
  destroy(): Promise<void>
}

/** Why the LB lab cannot run here (besides the guest lab's needs), else null. */
export function lbLabMissing(): string | null {
  if (!existsSync(NGINX)) return `${NGINX} not installed`
  if (!existsSync(PYTHON)) return `${PYTHON} not installed`
  return null
}

/** Builds the data plane on `guests`: starts a backend in every VM namespace and the LB namespace (nginx starts once members exist). */
export async function buildLbLab(guests: GuestLab): Promise<LbLab> {
  await removeStaleLabs('ghl', WORK_PREFIX)
  const work = await mkdtemp(`/var/tmp/${WORK_PREFIX}${process.pid}-`)
  const namespace = `${PREFIX}-lb`
  const [outside, outer, inner, onBridge] = [`${PREFIX}m`, `${PREFIX}e`, `${PREFIX}i`, `${PREFIX}b`]
  const state = { fip: null as string | null, members: [] as string[], subnets: new Set<string>() }
  /** Member → whether its last health check answered; a member seen down is `down` in nginx, as the amphora's own checks would take it out. */
  const healthy = new Map<string, boolean>()
  let nginx: ChildProcess | null = null
  const loads: string[][] = []
  const destroy = async (): Promise<void> => {
    nginx?.kill('SIGKILL')
    if (state.fip) await ip('route', 'del', `${state.fip}/32`).catch(() => undefined)
    await ip('link', 'del', outside).catch(() => undefined)
    await removeNamespace(namespace)
    await rm(work, { recursive: true, force: true })
  }
  try {
    const backendNames = guests.vms.map((vm) => `lab-${vm.name.toLowerCase()}`)
    for (const [index, vm] of guests.vms.entries()) {
      const www = join(work, `www-${vm.name}`)
      await mkdir(www, { recursive: true })
      await writeFile(join(www, 'hostname'), `${backendNames[index]}\n`)
      spawn('ip', ['netns', 'exec', vm.namespace, PYTHON, '-m', 'http.server', '80'], { cwd: www, stdio: 'ignore' })
    }
    await ip('netns', 'add', namespace)
    await ip('-n', namespace, 'link', 'set', 'lo', 'up')
    await ip('link', 'add', outside, 'type', 'veth', 'peer', 'name', outer)
    await ip('link', 'set', outer, 'netns', namespace)
    await ip('link', 'set', outside, 'up')
    await ip('-n', namespace, 'link', 'set', outer, 'up')
    await ip('-n', namespace, 'route', 'add', 'default', 'dev', outer)
    await ip('link', 'add', inner, 'type', 'veth', 'peer', 'name', onBridge)
    await ip('link', 'set', inner, 'netns', namespace)
    await ip('link', 'set', onBridge, 'netns', guests.jumpHost.namespace)
    await ip('-n', guests.jumpHost.namespace, 'link', 'set', onBridge, 'master', GUEST_BRIDGE, 'up')
    await ip('-n', namespace, 'link', 'set', inner, 'up')

    const startOrReload = async (members: string[]): Promise<void> => {
      const upstream = members.map((member) => `    server ${member} max_fails=1 fail_timeout=1s${healthy.get(member) === false ? ' down' : ''};`).join('\n')
      const config = `daemon off;\nworker_processes 1;\npid ${work}/nginx.pid;\nevents { worker_connections 64; }\nhttp {\n  access_log off;\n  client_body_temp_path ${work}/body;\n  proxy_temp_path ${work}/proxy;\n  fastcgi_temp_path ${work}/fastcgi;\n  uwsgi_temp_path ${work}/uwsgi;\n  scgi_temp_path ${work}/scgi;\n  upstream members {\n${upstream}\n  }\n  server {\n    listen 80;\n    location / {\n      proxy_pass http://members;\n      proxy_next_upstream error timeout http_502 http_503;\n      proxy_connect_timeout 1s;\n      proxy_read_timeout 3s;\n    }\n  }\n}\n`
      await writeFile(join(work, 'nginx.conf'), config)
      loads.push(members)
      if (nginx === null) {
        nginx = spawn('ip', ['netns', 'exec', namespace, NGINX, '-p', work, '-e', join(work, 'error.log'), '-c', join(work, 'nginx.conf')], { stdio: 'ignore' })
        for (let tries = 0; tries < 50 && !(await listening(namespace)); tries += 1) await sleep(100)
        if (!(await listening(namespace))) throw new Error(`nginx does not listen in ${namespace}; see ${work}/error.log`)
      } else {
        nginx.kill('SIGHUP')
        await sleep(300)
      }
    }

    return {
      backendNames,
      loads,
      destroy,
      memberHealth: async ({ address, port, type, urlPath }) => {
        if (!/^[0-9.]+$/.test(address) || !Number.isInteger(port)) return false
        const probe = type === 'HTTP' ? `exec 3<>/dev/tcp/$0/$1 && printf 'GET %s HTTP/1.0\\r\\n\\r\\n' "$2" >&3 && head -n 1 <&3 | grep -q ' 200 '` : 'exec 3<>/dev/tcp/$0/$1'
        const up = await run('ip', ['netns', 'exec', namespace, 'timeout', '1', '/bin/bash', '-c', probe, address, String(port), urlPath ?? '/']).then(() => true, () => false)
        const member = `${address}:${port}`
        const changed = (healthy.get(member) === false) === up
        healthy.set(member, up)
        if (changed && state.members.includes(member)) await startOrReload(state.members)
        return up
      },
      sync: async (sim) => {
        const lb = [...sim.resources('loadbalancers').values()].find((row) => row.provisioning_status !== 'PENDING_DELETE')
        if (!lb) return
        for (const subnet of sim.resources('subnets').values()) {
          const cidr = String(subnet.cidr)
          const match = /^10\.250\.(\d+)\.0\/22$/.exec(cidr)
          if (!match || state.subnets.has(cidr)) continue
          state.subnets.add(cidr)
          await ip('-n', namespace, 'addr', 'add', `10.250.${Number(match[1]) + 3}.250/22`, 'dev', inner)
        }
        const fip = [...sim.resources('floatingips').values()].find((row) => row.port_id === lb.vip_port_id)?.floating_ip_address
        if (typeof fip === 'string' && state.fip === null) {
          state.fip = fip
          await ip('-n', namespace, 'addr', 'add', `${fip}/32`, 'dev', outer)
          await ip('route', 'add', `${fip}/32`, 'dev', outside, 'src', guests.monitorAddress)
        }
        const members = [...sim.resources('members').values()].map((row) => `${String(row.address)}:${String(row.protocol_port)}`).sort()
        if (members.length === 0 || members.join(',') === state.members.join(',')) return
        state.members = members
        await startOrReload(members)
      },
    }
  } catch (error) {
    await destroy()
    throw error
  }
}

async function listening(namespace: string): Promise<boolean> {
  const { stdout } = await run('ip', ['netns', 'exec', namespace, 'ss', '-Hltn', 'sport = :80'])
  return stdout.trim().length > 0
}
