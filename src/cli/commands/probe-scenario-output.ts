/**
 * What `glasshouse probe run scenario` shows a person: live progress on stderr (the step tree
 * with timings on a terminal, plain lines otherwise) and the result's summary on stdout.
 *
 * @module
 */
import type { Step } from '../../core/result.js'
import type { ScenarioRunResult } from '../../probes/scenario/index.js'

const MARK: Readonly<Record<Step['status'], string>> = { passed: '✓', failed: '✕', skipped: '–' }
const COLOUR: Readonly<Record<Step['status'], string>> = { passed: '\u001b[32m', failed: '\u001b[31m', skipped: '\u001b[2m' }
const RESET = '\u001b[0m'

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`
}

/** Prints steps as they end. */
export interface ProgressPrinter {
  start(title: string): void
  step(step: Step): void
}

/**
 * A printer for stderr: on a terminal, a tree branch per step with its mark, name and time
 * (coloured); otherwise one plain line per step (`step vm-1-active passed 0.42 s`).
 *
 * @example
 * const progress = progressPrinter(io.stderr, process.stderr.isTTY === true)
 * progress.step({ name: 'net-jh', status: 'passed', reason: null, durationMs: 410 })
 */
export function progressPrinter(write: (text: string) => void, tty: boolean): ProgressPrinter {
  return {
    start(title) {
      write(tty ? `\u001b[1m${title}${RESET}\n` : `${title}\n`)
    },
    step(step) {
      const why = step.reason && step.status !== 'passed' ? ` — ${step.reason}` : ''
      if (!tty) return write(`step ${step.name} ${step.status} ${seconds(step.durationMs)}${why}\n`)
      write(`├─ ${COLOUR[step.status]}${MARK[step.status]} ${step.name.padEnd(28)}${RESET} ${seconds(step.durationMs).padStart(9)}${why}\n`)
    },
  }
}

/**
 * The verdict and OSHM's summary line, then every step that did not pass.
 *
 * @example
 * formatScenarioResult(result) // '✓ scenario on demo passed in 41.2 s: VMs 2/2, 97 calls, 0 API errors, 12% of budget, 0 left\n'
 */
export function formatScenarioResult(result: ScenarioRunResult): string {
  const { summary } = result
  const verdict = result.stopped ? '■ stopped' : result.ok ? '✓ passed' : `✕ failed (${result.failure?.code})`
  const budget = summary.budgetPercent === null ? '' : `, ${summary.budgetPercent}% of budget`
  const simulated = result.simulated ? ' [simulated]' : ''
  const lines = [`${verdict.slice(0, 1)} scenario on ${result.cloud}${simulated} ${verdict.slice(2)} in ${seconds(result.durationMs)}: VMs ${summary.vmsOk}/${summary.vmsTotal}, ${summary.calls} calls, ${summary.apiErrors} API errors${budget}, ${summary.leftovers} left`]
  if (result.failure) lines.push(`  ${result.failure.code}: ${result.failure.message}`)
  const skipped = result.steps.filter((step) => step.status === 'skipped')
  for (const step of result.steps.filter((candidate) => candidate.status === 'failed')) lines.push(`  step ${step.name}: failed — ${step.reason ?? ''}`)
  if (skipped.length > 0) lines.push(`  ${skipped.length} steps skipped: ${[...new Set(skipped.map((step) => step.reason ?? ''))].join('; ')}`)
  return `${lines.join('\n')}\n`
}
