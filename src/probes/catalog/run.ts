/**
 * The catalog check: authenticate, then for every service of the catalog (one per official
 * type) GET its version document and one cheap list call, each a timed call.
 *
 * @module
 */
import { createHash } from 'node:crypto'
import type { Clock } from '../../core/clock.js'
import type { Failure, ProbeResult, Step } from '../../core/result.js'
import { OpenStackClient, OpenStackError, officialServiceType, toCall } from '../../openstack/index.js'
import type { CatalogService, OpenStackSession, ResolvedCloud } from '../../openstack/index.js'
import { internalResult } from '../guard.js'
import type { ProbeLogger } from '../probe.js'
import { redactResult } from '../redact-result.js'
import { checkService } from './check-service.js'

/** What {@link runCatalogCheck} needs. */
export interface CatalogCheckOptions {
  cloud: ResolvedCloud
  /** Service types or aliases not to check. */
  skip?: readonly string[]
  /** Service type or alias → path(s) to GET instead of the built-in list call. */
  urls?: Readonly<Record<string, string | readonly string[]>>
  signal: AbortSignal
  clock: Clock
  log: ProbeLogger
  /** The client to use; default one shared per cloud, so its token is reused across runs. */
  client?: OpenStackClient
}

/**
 * Runs the catalog check once. Resolves always: a broken endpoint shows up as its service's
 * step failing; a failed authentication skips every service.
 *
 * @example
 * const result = await runCatalogCheck({ cloud, signal: AbortSignal.timeout(60_000), clock: systemClock, log })
 * result.steps.map((step) => `${step.name} ${step.status}`) // ['authenticate passed', 'compute passed', …]
 */
export async function runCatalogCheck(options: CatalogCheckOptions): Promise<ProbeResult> {
  const { clock, signal, log } = options
  const startedAt = clock.now()
  const started = clock.monotonic()
  const client = options.client ?? sharedClient(options.cloud, clock)
  const session = client.iteration({ signal, log })
  try {
    const steps: Step[] = []
    const failures: Failure[] = []
    const services = await authenticate(session, clock, steps, failures)
    if (services !== null) {
      const projectId = (await session.token()).projectId
      const skip = new Set((options.skip ?? []).map(officialServiceType))
      const urls = byOfficialType(options.urls ?? {})
      for (const service of services) {
        if (skip.has(service.type)) {
          steps.push({ name: service.type, status: 'skipped', reason: 'skipped by configuration', durationMs: 0 })
          continue
        }
        const outcome = await checkService(session, service, projectId, urls.get(service.type), clock)
        steps.push(outcome.step)
        if (outcome.failure) failures.push(outcome.failure)
      }
    }
    const failure = failures[0] ?? null
    const result: ProbeResult = {
      ok: failure === null,
      startedAt,
      durationMs: clock.monotonic() - started,
      steps,
      calls: session.calls.map(toCall),
      conditions: [],
      failure,
    }
    return redactResult(result, session.secrets())
  } catch (error) {
    log.warn({ cloud: options.cloud.name, err: error instanceof Error ? error.name : typeof error }, 'catalog check failed inside the monitor')
    return redactResult(internalResult(startedAt, clock.monotonic() - started, error), session.secrets())
  } finally {
    await session.close()
  }
}

async function authenticate(session: OpenStackSession, clock: Clock, steps: Step[], failures: Failure[]): Promise<CatalogService[] | null> {
  const started = clock.monotonic()
  try {
    const services = await session.services()
    const retried = session.calls.find((call) => call.failure !== null)
    if (retried?.failure) {
      const message = `authenticate: ${retried.failure.message} (attempt ${retried.attempt}; a retry succeeded)`
      steps.push({ name: 'authenticate', status: 'failed', reason: message, durationMs: clock.monotonic() - started })
      failures.push({ code: retried.failure.code, message })
    } else {
      steps.push({ name: 'authenticate', status: 'passed', reason: null, durationMs: clock.monotonic() - started })
    }
    return services
  } catch (error) {
    if (!(error instanceof OpenStackError)) throw error
    const message = `authenticate: ${error.message}`
    steps.push({ name: 'authenticate', status: 'failed', reason: message, durationMs: clock.monotonic() - started })
    failures.push({ code: error.code, message })
    return null
  }
}

function byOfficialType(urls: Readonly<Record<string, string | readonly string[]>>): Map<string, string | readonly string[]> {
  return new Map(Object.entries(urls).map(([key, value]) => [officialServiceType(key), value]))
}

const clients = new Map<string, OpenStackClient>()

/** One client per cloud identity (keyed by a hash, so no secret is kept in a key). */
function sharedClient(cloud: ResolvedCloud, clock: Clock): OpenStackClient {
  const { warnings: _warnings, source: _source, ...identity } = cloud as ResolvedCloud
  const key = createHash('sha256').update(JSON.stringify(identity)).digest('hex')
  let client = clients.get(key)
  if (!client) {
    client = new OpenStackClient({ cloud, clock })
    clients.set(key, client)
  }
  return client
}
