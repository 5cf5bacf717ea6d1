/**
 * The scenario probe for configured checks: resolves the cloud, then {@link runScenario} with
 * the store's ledger from the probe context. The run's deadline (or the monitor's shutdown) is a
 * graceful stop: the iteration ends at its next step boundary and is torn down within the
 * check's `shutdownGrace`.
 *
 * @module
 */
import { formatDuration } from '../../core/duration.js'
import type { Failure } from '../../core/result.js'
import { CloudConfigError } from '../../openstack/index.js'
import { defaultOwner } from '../../scenario/cleanup/index.js'
import { internalResult, neverThrow } from '../guard.js'
import type { Probe, ProbeContext } from '../probe.js'
import { scenarioCloud } from './cloud.js'
import { runScenario } from './run.js'
import { scenarioInput } from './schema.js'
import type { ScenarioCheckFields } from './schema.js'

/** How long past the teardown's grace the runner waits for the probe to return. */
const RETURN_MARGIN_MS = 5_000

/**
 * The attempt's deadline and how long the runner then waits for the probe to wind down: the
 * iteration is stopped at twice its budget (`timeout`) and gets `shutdownGrace` to tear down.
 *
 * @example
 * scenarioDeadline({ timeout: 600_000, shutdownGrace: 60_000 }) // { deadlineMs: 1_200_000, windDownMs: 65_000 }
 */
export function scenarioDeadline(check: Pick<ScenarioCheckFields, 'timeout' | 'shutdownGrace'>): { deadlineMs: number; windDownMs: number } {
  return { deadlineMs: 2 * check.timeout, windDownMs: check.shutdownGrace + RETURN_MARGIN_MS }
}

/**
 * Runs one scenario iteration of a configured check. Without a ledger in the context (a caller
 * that has no store), or with a cloud clouds.yaml does not describe, it fails as `internal`: the
 * monitor's setup, not the cloud, is at fault.
 *
 * @example
 * await scenarioProbe({ check, signal, clock, log, ledger: store.ledger })
 */
export const scenarioProbe: Probe<ScenarioCheckFields> = neverThrow(async (ctx: ProbeContext<ScenarioCheckFields>) => {
  const { check, clock, log, signal } = ctx
  const startedAt = clock.now()
  const started = clock.monotonic()
  const broken = (message: string) => ({ ...internalResult(startedAt, clock.monotonic() - started, new Error(message)), failure: { code: 'internal' as const, message } })
  if (ctx.ledger === undefined) return broken('the scenario probe needs the store\'s ledger (run it from the server or `glasshouse probe run scenario`)')
  let cloud
  try {
    cloud = await scenarioCloud(check)
  } catch (error) {
    if (!(error instanceof CloudConfigError)) throw error
    return broken(`cloud ${check.cloud ?? '?'}: ${error.message}`)
  }
  const teardown = new AbortController()
  let grace: NodeJS.Timeout | undefined
  const startGrace = (): void => void (grace = setTimeout(() => teardown.abort(), check.shutdownGrace))
  if (signal.aborted) startGrace()
  else signal.addEventListener('abort', startGrace, { once: true })
  try {
    return await runScenario({
      cloud,
      ledger: ctx.ledger,
      owner: check.owner ?? defaultOwner(process.env),
      options: scenarioInput(check),
      stop: signal,
      teardownSignal: teardown.signal,
      stopFailure: () => stopFailure(signal.reason, check),
      clock,
      log,
    })
  } finally {
    clearTimeout(grace)
    signal.removeEventListener('abort', startGrace)
  }
})

function stopFailure(reason: unknown, check: ScenarioCheckFields): Failure {
  if (reason instanceof DOMException && reason.name === 'TimeoutError') {
    return { code: 'timeout', message: `the iteration was stopped at its deadline of ${formatDuration(2 * check.timeout)} (twice its budget) and torn down` }
  }
  return { code: 'internal', message: 'stopped by a shutdown request before the iteration ended' }
}
