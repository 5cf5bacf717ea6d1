/**
 * The probe contract, after blackbox_exporter: a probe gets a deadline, a clock, a logger and its
 * check, measures, and returns a {@link ProbeResult}. It never throws and never touches storage.
 *
 * @module
 */
import type { Clock } from '../core/clock.js'
import type { ProbeResult } from '../core/result.js'
import type { LedgerRepository } from '../store/index.js'

/** The subset of a pino logger a probe may use. */
export interface ProbeLogger {
  debug(obj: object, msg?: string): void
  info(obj: object, msg?: string): void
  warn(obj: object, msg?: string): void
}

/** Everything one probe run gets. */
export interface ProbeContext<C> {
  /** The validated check (durations in ms, defaults filled). */
  check: C
  /** Aborts at the run's deadline (the check's timeout, or the caller's). */
  signal: AbortSignal
  clock: Clock
  log: ProbeLogger
  /** Which try this is (1 first, 2 first retry, …); recorded in every call. Default 1. */
  attempt?: number
  /** The store's scenario ledger, for probes that create cloud resources (`scenario`); absent where there is no store. */
  ledger?: LedgerRepository
}

/** A probe: measures one target once. Must resolve, never reject. */
export type Probe<C> = (ctx: ProbeContext<C>) => Promise<ProbeResult>
