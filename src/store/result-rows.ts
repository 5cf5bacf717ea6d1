/**
 * Conversion between {@link ProbeResult} and the `results` / `result_calls` rows: durations
 * become integer microseconds on the way in and millisecond floats on the way out, and every
 * row read back is parsed through the core Zod schema.
 *
 * @module
 */
import { z } from 'zod'
import { ConditionOutcomeSchema, ProbeResultSchema, StepSchema } from '../core/index.js'
import type { Call, ProbeResult } from '../core/index.js'
import type { ResultCallsTable, ResultsTable } from './schema.js'

/** A stored result: the probe result plus its id and the check it belongs to. */
export type StoredResult = ProbeResult & { id: string; checkId: string }

const PHASE_COLUMNS = [
  ['dns', 'dns_us'],
  ['connect', 'connect_us'],
  ['tls', 'tls_us'],
  ['ttfb', 'ttfb_us'],
  ['transfer', 'transfer_us'],
] as const

const StoredStepSchema = StepSchema.omit({ durationMs: true }).extend({ durationUs: z.number().int() })

/** Milliseconds (float) to integer microseconds. */
export function toUs(ms: number): number {
  return Math.round(ms * 1000)
}

/** Integer microseconds (possibly a bigint string from a driver) back to milliseconds. */
export function fromUs(us: number | string): number {
  return Number(us) / 1000
}

/** Where a result was measured from when nobody says: the server itself. */
export const LOCAL_VANTAGE = 'local'

/**
 * The `results` row of one result; `steps` keep their shape with `durationUs` instead of ms.
 * `stored` says where it was measured from and when it is stored.
 */
export function toResultRow(
  id: string,
  checkId: string,
  result: ProbeResult,
  stored: { vantage?: string | undefined; insertedAt: number },
): ResultsTable {
  const failure = result.failure
  return {
    id,
    check_id: checkId,
    vantage: stored.vantage ?? LOCAL_VANTAGE,
    inserted_at: stored.insertedAt,
    started_at: result.startedAt,
    duration_us: toUs(result.durationMs),
    ok: result.ok ? 1 : 0,
    failure_code: failure?.code ?? null,
    failure_message: failure?.message ?? null,
    failure_condition: failure?.condition ? JSON.stringify(failure.condition) : null,
    steps: JSON.stringify(
      result.steps.map((step) => ({
        name: step.name,
        status: step.status,
        reason: step.reason,
        durationUs: toUs(step.durationMs),
        ...(step.code === undefined ? {} : { code: step.code }),
        ...(step.service === undefined ? {} : { service: step.service }),
      })),
    ),
    conditions: JSON.stringify(result.conditions),
  }
}

/** The `result_calls` row of call number `seq` of a result. */
export function toCallRow(resultId: string, seq: number, call: Call): ResultCallsTable {
  const phases = call.phases
  return {
    result_id: resultId,
    seq,
    operation: call.operation,
    status: call.status,
    duration_us: toUs(call.durationMs),
    attempt: call.attempt,
    request_id: call.requestId,
    dns_us: phases.dns === undefined ? null : toUs(phases.dns),
    connect_us: phases.connect === undefined ? null : toUs(phases.connect),
    tls_us: phases.tls === undefined ? null : toUs(phases.tls),
    ttfb_us: phases.ttfb === undefined ? null : toUs(phases.ttfb),
    transfer_us: phases.transfer === undefined ? null : toUs(phases.transfer),
  }
}

function callFromRow(row: ResultCallsTable): Call {
  const phases: Record<string, number> = {}
  for (const [phase, column] of PHASE_COLUMNS) {
    const value = row[column]
    if (value !== null) phases[phase] = fromUs(value)
  }
  return {
    operation: row.operation,
    status: row.status === null ? null : Number(row.status),
    durationMs: fromUs(row.duration_us),
    phases,
    requestId: row.request_id,
    attempt: Number(row.attempt),
  }
}

/**
 * Rebuilds a stored result from its row and its call rows (in any order), validating it.
 * Throws a ZodError when a row does not satisfy the result contract.
 */
export function fromRows(row: ResultsTable, calls: readonly ResultCallsTable[]): StoredResult {
  const steps = z.array(StoredStepSchema).parse(JSON.parse(row.steps))
  const result = ProbeResultSchema.parse({
    ok: Number(row.ok) === 1,
    startedAt: Number(row.started_at),
    durationMs: fromUs(row.duration_us),
    steps: steps.map(({ durationUs, ...step }) => ({ ...step, durationMs: durationUs / 1000 })),
    calls: [...calls].sort((a, b) => a.seq - b.seq).map(callFromRow),
    conditions: z.array(ConditionOutcomeSchema).parse(JSON.parse(row.conditions)),
    failure:
      row.failure_code === null
        ? null
        : {
            code: row.failure_code,
            message: row.failure_message ?? '',
            ...(row.failure_condition === null ? {} : { condition: JSON.parse(row.failure_condition) }),
          },
  })
  return { ...result, id: row.id, checkId: row.check_id }
}
