/**
 * The stored form of a latency histogram: compact, sparse, versioned JSON.
 *
 * @module
 */
import { z } from 'zod'
import { HISTOGRAM_ALPHA, LatencyHistogram } from './histogram.js'

/**
 * Version 1 of the stored histogram. `keys` are the non-empty bucket keys, delta-encoded (the
 * first absolute, then the step to the next); `counts` are their counts. `alpha` names the
 * bucketing (`k = ceil(ln v / ln((1 + alpha) / (1 − alpha)))`) so a reader never merges
 * histograms bucketed differently.
 */
export const HistogramJsonSchema = z
  .object({
    v: z.literal(1),
    alpha: z.number(),
    n: z.number().int().nonnegative(),
    sumUs: z.number().int().nonnegative(),
    min: z.number().nonnegative(),
    max: z.number().nonnegative(),
    zero: z.number().int().nonnegative(),
    keys: z.array(z.number().int()),
    counts: z.array(z.number().int().positive()),
  })
  .strict()
  .refine((h) => h.keys.length === h.counts.length, { message: 'keys and counts differ in length' })
  .refine((h) => h.keys.every((delta, i) => i === 0 || delta > 0), { message: 'keys must ascend' })
  .refine((h) => h.zero + h.counts.reduce((a, b) => a + b, 0) === h.n, { message: 'counts do not add up to n' })
  .refine((h) => h.alpha === HISTOGRAM_ALPHA, { message: `alpha must be ${HISTOGRAM_ALPHA}` })

/** A stored histogram (see {@link HistogramJsonSchema}). */
export type HistogramJson = z.infer<typeof HistogramJsonSchema>

/**
 * Writes a histogram as compact JSON data (an object; `JSON.stringify` it to store).
 *
 * @example
 * histogramToJson(new LatencyHistogram().add(12))
 * // { v: 1, alpha: 0.01, n: 1, sumUs: 12000, min: 12, max: 12, zero: 0, keys: [126], counts: [1] }
 */
export function histogramToJson(histogram: LatencyHistogram): HistogramJson {
  const state = histogram.snapshot()
  const keys: number[] = []
  const counts: number[] = []
  let previous = 0
  state.buckets.forEach(([key, count], i) => {
    keys.push(i === 0 ? key : key - previous)
    counts.push(count)
    previous = key
  })
  return {
    v: 1,
    alpha: HISTOGRAM_ALPHA,
    n: state.count,
    sumUs: state.sumUs,
    min: state.min,
    max: state.max,
    zero: state.zero,
    keys,
    counts,
  }
}

/**
 * Reads a stored histogram (the object, or its JSON text). Throws a `ZodError` on anything that
 * is not a valid version-1 histogram.
 *
 * @example
 * histogramFromJson(row.latency).quantile(0.95)
 */
export function histogramFromJson(data: unknown): LatencyHistogram {
  const parsed = HistogramJsonSchema.parse(typeof data === 'string' ? JSON.parse(data) : data)
  let key = 0
  const buckets = parsed.keys.map((delta, i): [number, number] => {
    key = i === 0 ? delta : key + delta
    return [key, parsed.counts[i]!]
  })
  return LatencyHistogram.restore({
    buckets,
    zero: parsed.zero,
    count: parsed.n,
    sumUs: parsed.sumUs,
    min: parsed.min,
    max: parsed.max,
  })
}
