/**
 * Verifying the audit trail's hash chain: every entry's hash recomputed from its stored columns,
 * every link to its predecessor checked, no position skipped, and the head row matching the
 * last entry. The first problem found is reported with the entry's id and the reason.
 *
 * @module
 */
import { auditEntryHash, GENESIS_HASH, type AuditChainReads, type ChainedAuditRow, type ChainHead } from '../store/index.js'

/** The outcome of {@link verifyAuditChain}. */
export type ChainVerdict =
  | { intact: true; entries: number; head: ChainHead; firstSeq: number | null }
  | { intact: false; entries: number; entryId: string | null; seq: number; reason: string }

const SLICE = 1000

function problemOf(row: ChainedAuditRow, previous: { seq: number; hash: string } | null): string | null {
  const seq = Number(row.seq)
  if (previous !== null && seq !== previous.seq + 1) return `entries ${previous.seq + 1}–${seq - 1} are missing before this one`
  if (previous === null && seq === 1 && row.prev_hash !== GENESIS_HASH) return 'the first entry does not start from the genesis hash'
  if (previous !== null && row.prev_hash !== previous.hash) return "its predecessor hash does not match the previous entry's hash"
  if (auditEntryHash(row, seq, row.prev_hash) !== row.hash) return 'its content does not match its hash (the entry was changed)'
  return null
}

/**
 * Walks the whole chain in slices. An empty trail is intact. When older entries were removed by
 * a retention policy, the oldest kept entry is the anchor (`firstSeq` > 1 says so).
 *
 * @example
 * const verdict = await verifyAuditChain(store.audit)
 * if (!verdict.intact) console.log(`${verdict.entryId}: ${verdict.reason}`)
 */
export async function verifyAuditChain(audit: AuditChainReads): Promise<ChainVerdict> {
  let previous: { seq: number; hash: string } | null = null
  let firstSeq: number | null = null
  let entries = 0
  for (let rows = await audit.chain(0, SLICE); rows.length > 0; rows = await audit.chain(previous!.seq, SLICE)) {
    for (const row of rows) {
      const reason = problemOf(row, previous)
      if (reason !== null) return { intact: false, entries, entryId: row.id, seq: Number(row.seq), reason }
      firstSeq ??= Number(row.seq)
      previous = { seq: Number(row.seq), hash: row.hash }
      entries += 1
    }
  }
  const head = await audit.head()
  const last = previous ?? { seq: 0, hash: GENESIS_HASH }
  if (head.seq !== last.seq || head.hash !== last.hash) {
    const reason = head.seq > last.seq ? `the head records ${head.seq} entries but the trail ends at ${last.seq} (entries were deleted)` : 'the head does not match the last entry'
    return { intact: false, entries, entryId: null, seq: head.seq, reason }
  }
  return { intact: true, entries, head, firstSeq }
}
