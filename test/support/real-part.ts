/**
 * Gate for suites that need a real server or program (PostgreSQL, dnsmasq, promtool, …).
 *
 * When the part is missing the suite prints `SKIPPED <suite>: <what> — <command>` and skips;
 * under `CI=true` it fails instead, so CI can never go green on a suite that did not run. Each
 * suite that did run appends its name to `$GLASSHOUSE_REAL_PARTS_LOG`, which `.ci/run` reads.
 *
 * @module
 */
import { appendFileSync } from 'node:fs'
import { after } from 'node:test'

/** What a suite learns about its real part. */
export type RealPart = { available: true } | { available: false; skip: string }

/**
 * Decides whether a real-part suite runs. `missing` is null when the part is there, else a
 * short description of what is missing.
 *
 * @example
 * const pg = realPart('store-postgres', process.env.GLASSHOUSE_TEST_PG_URL ? null : 'no PostgreSQL', 'bash .ci/run')
 * test('…', { skip: pg.available ? false : pg.skip }, async () => { … })
 */
export function realPart(suite: string, missing: string | null, provide: string): RealPart {
  if (missing === null) {
    const log = process.env.GLASSHOUSE_REAL_PARTS_LOG
    if (log) after(() => appendFileSync(log, `${suite}\n`))
    return { available: true }
  }
  const line = `SKIPPED ${suite}: ${missing} — ${provide}`
  if (process.env.CI === 'true') throw new Error(`${line} (a real part is missing under CI=true)`)
  process.stdout.write(`${line}\n`)
  return { available: false, skip: line }
}
