/**
 * Where benchmarks write their numbers as JSON, beside the table they print: one file per
 * benchmark in `BENCH_OUT` (default `<tmpdir>/glasshouse-bench`), so a run can be kept, compared
 * or pasted into docs/benchmarks.md.
 *
 * @module
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

/**
 * Writes `numbers` (with the date and host facts added) as `<BENCH_OUT>/<name>.json` and returns
 * the path.
 *
 * @example
 * const file = await writeBenchJson('history-at-scale', { sqlite: { ingestPerSecond: 61000 } })
 * console.error(`numbers: ${file}`)
 */
export async function writeBenchJson(name: string, numbers: object): Promise<string> {
  const dir = resolve(process.env.BENCH_OUT ?? join(tmpdir(), 'glasshouse-bench'))
  await mkdir(dir, { recursive: true })
  const file = join(dir, `${name}.json`)
  const document = { benchmark: name, date: new Date().toISOString(), node: process.version, ...numbers }
  await writeFile(file, `${JSON.stringify(document, null, 2)}\n`)
  return file
}
