/**
 * Identifiers: UUIDv7 (RFC 9562) generated in code, so ids sort by creation time on every
 * database and the SCS API (which requires uuids) can use them as they are.
 *
 * @module
 */
import { getRandomValues } from 'node:crypto'

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'))
const COUNTER_MAX = 0xfff
const POOL_IDS = 256
const pool = new Uint8Array(POOL_IDS * 8)
let poolOffset = pool.length
let lastMs = -1
let counter = 0

function randomBytes8(): Uint8Array {
  if (poolOffset >= pool.length) {
    getRandomValues(pool)
    poolOffset = 0
  }
  const bytes = pool.subarray(poolOffset, poolOffset + 8)
  poolOffset += 8
  return bytes
}

function hex(bytes: ArrayLike<number>, from: number, to: number): string {
  let text = ''
  for (let index = from; index < to; index++) text += HEX[bytes[index]!]
  return text
}

/**
 * Returns a new UUIDv7: 48 bits of Unix milliseconds, a 12-bit counter in `rand_a` (RFC 9562
 * §6.2 method 1) and 62 random bits. Ids made by one process are strictly increasing, also
 * within one millisecond and when the wall clock steps back, so they sort in creation order.
 *
 * @example
 * newId() // '019aa8c3-5e2f-7a01-9c3d-4b5e6f708192'
 */
export function newId(): string {
  const now = Date.now()
  if (now > lastMs) {
    lastMs = now
    counter = randomBytes8()[0]! << 2
  } else if (counter < COUNTER_MAX) {
    counter++
  } else {
    lastMs++
    counter = 0
  }
  const bytes = new Uint8Array(16)
  let ms = lastMs
  for (let index = 5; index >= 0; index--) {
    bytes[index] = ms % 256
    ms = Math.floor(ms / 256)
  }
  bytes[6] = 0x70 | (counter >> 8)
  bytes[7] = counter & 0xff
  bytes.set(randomBytes8(), 8)
  bytes[8] = 0x80 | (bytes[8]! & 0x3f)
  return `${hex(bytes, 0, 4)}-${hex(bytes, 4, 6)}-${hex(bytes, 6, 8)}-${hex(bytes, 8, 10)}-${hex(bytes, 10, 16)}`
}

/**
 * Reads the creation instant (epoch milliseconds) back out of a UUIDv7.
 *
 * @example
 * idTimestamp(newId()) // ≈ Date.now()
 */
export function idTimestamp(id: string): number {
  return Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16)
}
