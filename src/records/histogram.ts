/**
 * A mergeable latency histogram with a bounded relative error, log-bucketed like DDSketch.
 *
 * Values (milliseconds) of at least {@link MIN_TRACKED_MS} fall into bucket
 * `k = ceil(ln v / ln γ)` with `γ = (1 + α) / (1 − α)`; bucket `k` holds `(γ^(k−1), γ^k]` and is
 * read back as `2γ^k / (γ + 1)`, which is within `α` of every value in it. Smaller values
 * (zero and sub-microsecond) share one zero bucket. Counts are integers and the sum is kept in
 * whole microseconds, so merging is exactly associative and commutative.
 *
 * @module
 */

/** The relative accuracy α: every quantile is within 1 % of the exact one (the contract says ≤ 2 %). */
export const HISTOGRAM_ALPHA = 0.01

/** The smallest value (ms) with a relative guarantee: 1 µs. Anything below reads back as < 1 µs. */
export const MIN_TRACKED_MS = 0.001

const GAMMA = (1 + HISTOGRAM_ALPHA) / (1 - HISTOGRAM_ALPHA)
const LN_GAMMA = Math.log(GAMMA)

/**
 * The bucket key of a tracked value (≥ {@link MIN_TRACKED_MS}).
 *
 * @example
 * bucketKey(120) // 240
 */
export function bucketKey(valueMs: number): number {
  return Math.ceil(Math.log(valueMs) / LN_GAMMA)
}

/**
 * The value a bucket reads back as: within α of everything the bucket holds.
 *
 * @example
 * bucketValue(240) // 120.3146…
 */
export function bucketValue(key: number): number {
  return (2 * Math.pow(GAMMA, key)) / (GAMMA + 1)
}

/**
 * A latency histogram: `add` values, `merge` others into it, ask for quantiles.
 *
 * Why: percentiles at every level (minute, hour, day, month) must come from merged histograms,
 * never from averaged percentiles; this sketch merges exactly and stays small (≈ 35 buckets per
 * doubling of latency, sparse).
 *
 * @example
 * const h = new LatencyHistogram()
 * for (const ms of [12, 15, 300]) h.add(ms)
 * h.quantile(0.5) // ≈ 15 (within 1 %)
 */
export class LatencyHistogram {
  /** Bucket key → count; only non-empty buckets. */
  readonly #buckets = new Map<number, number>()
  #zero = 0
  #count = 0
  #sumUs = 0
  #min = Infinity
  #max = -Infinity

  /** How many values were added (including merged ones). */
  get count(): number {
    return this.#count
  }

  /** The smallest value added, exactly, or null when empty. */
  get min(): number | null {
    return this.#count === 0 ? null : this.#min
  }

  /** The largest value added, exactly, or null when empty. */
  get max(): number | null {
    return this.#count === 0 ? null : this.#max
  }

  /** The sum of all values in ms, kept in whole microseconds (each value rounded to 1 µs). */
  get sum(): number {
    return this.#sumUs / 1000
  }

  /** How many values fell below {@link MIN_TRACKED_MS}. */
  get zeroCount(): number {
    return this.#zero
  }

  /** The non-empty buckets as `[key, count]`, ascending by key. */
  buckets(): Array<[number, number]> {
    return [...this.#buckets.entries()].sort((a, b) => a[0] - b[0])
  }

  /**
   * Adds one value in ms, or `times` equal values. Negative and non-finite values are refused.
   *
   * @example
   * h.add(0.25) // 250 µs
   */
  add(valueMs: number, times = 1): this {
    if (!Number.isFinite(valueMs) || valueMs < 0) throw new RangeError(`not a latency: ${valueMs}`)
    if (!Number.isSafeInteger(times) || times < 1) throw new RangeError(`not a count: ${times}`)
    if (valueMs < MIN_TRACKED_MS) this.#zero += times
    else {
      const key = bucketKey(valueMs)
      this.#buckets.set(key, (this.#buckets.get(key) ?? 0) + times)
    }
    this.#count += times
    this.#sumUs += Math.round(valueMs * 1000) * times
    this.#min = Math.min(this.#min, valueMs)
    this.#max = Math.max(this.#max, valueMs)
    return this
  }

  /**
   * Adds every value of another histogram to this one (in place) and returns this.
   *
   * @example
   * const day = new LatencyHistogram()
   * for (const hour of hours) day.merge(hour.latency)
   */
  merge(other: LatencyHistogram): this {
    for (const [key, count] of other.#buckets) this.#buckets.set(key, (this.#buckets.get(key) ?? 0) + count)
    this.#zero += other.#zero
    this.#count += other.#count
    this.#sumUs += other.#sumUs
    this.#min = Math.min(this.#min, other.#min)
    this.#max = Math.max(this.#max, other.#max)
    return this
  }

  /** A copy that later changes to either side do not affect. */
  clone(): LatencyHistogram {
    return new LatencyHistogram().merge(this)
  }

  /**
   * The value at quantile `q` (0…1), or null when empty. Rank semantics: with the n values sorted
   * ascending as x[0] … x[n−1], the exact q-quantile is x[floor(q · (n − 1))]; the answer is
   * within α (relative) of it, or below 1 µs when that value is below 1 µs. The lowest and
   * highest ranks give the exact min and max.
   *
   * @example
   * h.quantile(0.95)
   */
  quantile(q: number): number | null {
    if (!(q >= 0 && q <= 1)) throw new RangeError(`not a quantile: ${q}`)
    if (this.#count === 0) return null
    const rank = Math.floor(q * (this.#count - 1))
    if (rank === 0) return this.#min
    if (rank === this.#count - 1) return this.#max
    let seen = this.#zero
    let estimate = 0
    if (rank >= seen) {
      for (const [key, count] of this.buckets()) {
        seen += count
        if (rank < seen) {
          estimate = bucketValue(key)
          break
        }
      }
    }
    return Math.min(this.#max, Math.max(this.#min, estimate))
  }

  /** The arithmetic mean in ms, or null when empty. */
  mean(): number | null {
    return this.#count === 0 ? null : this.sum / this.#count
  }

  /** @internal Restores the state read by {@link histogramFromJson}. */
  static restore(state: RestoredState): LatencyHistogram {
    const histogram = new LatencyHistogram()
    for (const [key, count] of state.buckets) histogram.#buckets.set(key, (histogram.#buckets.get(key) ?? 0) + count)
    histogram.#zero = state.zero
    histogram.#count = state.count
    histogram.#sumUs = state.sumUs
    histogram.#min = state.count === 0 ? Infinity : state.min
    histogram.#max = state.count === 0 ? -Infinity : state.max
    return histogram
  }

  /** @internal The state written by {@link histogramToJson}. */
  snapshot(): RestoredState {
    return {
      buckets: this.buckets(),
      zero: this.#zero,
      count: this.#count,
      sumUs: this.#sumUs,
      min: this.#count === 0 ? 0 : this.#min,
      max: this.#count === 0 ? 0 : this.#max,
    }
  }
}

/** The full state of a histogram, as serialised. */
export interface RestoredState {
  buckets: Array<[number, number]>
  zero: number
  count: number
  sumUs: number
  min: number
  max: number
}
