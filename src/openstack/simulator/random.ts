/**
 * The simulator's deterministic randomness: ids, MAC addresses, request ids and latency draws
 * follow from the seed and the order of requests, so a run with the same seed and the same
 * sequence of calls gets the same answers. Tokens and passwords never come from here.
 *
 * @module
 */
import { createHash } from 'node:crypto'

/**
 * A seeded stream of bytes plus keyed draws.
 *
 * @example
 * const random = new SeededRandom(42)
 * random.uuid() // the same first id for every simulator seeded 42
 */
export class SeededRandom {
  readonly #seed: string
  #counter = 0
  readonly #draws = new Map<string, number>()

  constructor(seed: number | string) {
    this.#seed = String(seed)
  }

  /** The next `length` (≤ 32) bytes of the stream. */
  bytes(length: number): Buffer {
    this.#counter += 1
    return createHash('sha256').update(`${this.#seed}:${this.#counter}`).digest().subarray(0, length)
  }

  /** A version-4-shaped UUID. */
  uuid(): string {
    const raw = this.bytes(16)
    raw[6] = ((raw[6] ?? 0) & 0x0f) | 0x40
    raw[8] = ((raw[8] ?? 0) & 0x3f) | 0x80
    const hex = raw.toString('hex')
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
  }

  /** `length` random bytes as lowercase hex. */
  hex(length: number): string {
    return this.bytes(length).toString('hex')
  }

  /**
   * A fraction in [0, 1) for the n-th draw under `key` (one counter per key, so concurrent
   * calls of other operations do not shift it).
   */
  fraction(key: string): number {
    const n = (this.#draws.get(key) ?? 0) + 1
    this.#draws.set(key, n)
    return createHash('sha256').update(`${this.#seed}:${key}:${n}`).digest().readUInt32BE(0) / 2 ** 32
  }
}
