/**
 * `glasshouse probe run <name|kind>`: one probe now (or repeatedly), from the config or from flags.
 *
 * @module
 */
import { Option, type Command } from 'commander'
import { systemClock } from '../../core/clock.js'
import { parseDuration } from '../../core/duration.js'
import type { Check } from '../../config/index.js'
import { createLogger } from '../../log/index.js'
import { loadCloud } from '../../openstack/index.js'
import { runCheck } from '../../probes/index.js'
import { UsageError } from '../errors.js'
import { EXIT, type CliIo } from '../io.js'
import { adHocCheck, isKind, type ProbeFlags } from './probe-flags.js'
import { formatResult } from './probe-output.js'
import { addScenarioCommand } from './probe-scenario.js'
import { loadSettings } from './settings.js'

interface RunFlags extends ProbeFlags {
  config?: string
  once?: boolean
  json?: boolean
  interval?: string
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value]

async function checkFor(target: string | undefined, flags: RunFlags, io: CliIo): Promise<Check> {
  if (target === undefined) {
    if (flags.url) return adHocCheck('http', flags, io.env)
    throw new UsageError('name a configured check or a kind (http, tcp, dns, tls, catalog), or pass --url')
  }
  if (isKind(target)) return adHocCheck(target, flags, io.env)
  const { config } = await loadSettings(flags, io)
  const check = config.checks.find((candidate) => candidate.name === target)
  if (check) return check
  const names = config.checks.map((candidate) => candidate.name)
  throw new UsageError(`no check named "${target}"; configured: ${names.length > 0 ? names.join(', ') : '(none)'}`)
}

function intervalOf(flags: RunFlags, check: Check): number {
  if (flags.interval === undefined) return check.interval
  const parsed = parseDuration(flags.interval)
  if (parsed === null || parsed <= 0) throw new UsageError(`--interval must be a duration such as 10s, not "${flags.interval}"`)
  return parsed
}

/** Adds `probe run` to the program. */
export function addProbeCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const probe = program.command('probe').enablePositionalOptions().description('run a probe now, from the config or from flags')
  const run = probe
    .command('run')
    .description('run one check (a configured name) or an ad hoc probe (http, tcp, dns, tls, catalog) and print the result')
    .argument('[target]', 'a check name from the config, or a kind: http, tcp, dns, tls, catalog (--url alone implies http)')
    .option('-c, --config <file>', 'config file for named checks')
    .option('--once', 'run once and exit (default: repeat at --interval until interrupted)')
    .option('--json', 'print the result contract as JSON, one object per line')
    .option('--interval <duration>', 'pause between runs when repeating (default: the check interval)')
    .option('--url <url>', 'http: the URL to request')
    .option('--method <method>', 'http: request method (default GET)')
    .option('--header <line>', 'http: a request header "Name: value" (repeatable)', collect)
    .option('--body <text>', 'http: request body')
    .option('--no-follow-redirects', 'http: report redirects instead of following them')
    .option('--keep-alive', 'http: reuse connections between runs')
    .option('--insecure', 'http, tls: accept any certificate')
    .option('--host <host>', 'tcp, tls: host to connect to')
    .option('--port <port>', 'tcp, tls: port to connect to')
    .option('--query <name>', 'dns: the name to resolve')
    .option('--record-type <type>', 'dns: A, AAAA, CNAME, MX, NS, TXT, SOA, SRV, PTR, CAA (default A)')
    .option('--resolver <host[:port]>', 'dns: resolver to ask (default: first nameserver in /etc/resolv.conf)')
    .option('--expect <answer>', 'dns: an expected answer (repeatable; all must match exactly)', collect)
    .option('--cloud <name>', 'catalog: a cloud of clouds.yaml, like openstack --os-cloud (default $OS_CLOUD)')
    .option('--region <name>', 'catalog: the region (default the cloud\'s, or $OS_REGION_NAME)')
    .option('--skip <service-type>', 'catalog: a service type not to check (repeatable)', collect)
    .option('--condition <expr>', 'a condition such as "[STATUS] == 200" (repeatable)', collect)
    .option('--timeout <duration>', 'deadline of each run (default 10s)')
    .option('--retries <n>', 'extra attempts after a failure (default 0)')
    .addOption(new Option('--follow-redirects').hideHelp())
    .action(async (target: string | undefined, flags: RunFlags) => {
      const check = await checkFor(target, flags, io)
      // A cloud that clouds.yaml does not describe is the environment's fault: say so before probing.
      if (check.kind === 'catalog') await loadCloud({ cloud: check.cloud, env: io.env, ...(check.region ? { region: check.region } : {}) })
      const interval = intervalOf(flags, check)
      const log = createLogger({ level: 'warn' })
      const stopped = new AbortController()
      if (!flags.once) void io.untilStopped().then(() => stopped.abort())
      for (;;) {
        const result = await runCheck(check, { clock: systemClock, log, signal: stopped.signal })
        io.stdout(flags.json ? `${JSON.stringify(result)}\n` : formatResult(check.name, result))
        setExit(result.ok ? EXIT.ok : EXIT.failed)
        if (flags.once || stopped.signal.aborted) return
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, interval)
          stopped.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true })
        })
        if (stopped.signal.aborted) return
      }
    })
  // `probe run scenario …` has its own flags: options after `scenario` belong to it.
  addScenarioCommand(run.enablePositionalOptions(), io, setExit)
}
