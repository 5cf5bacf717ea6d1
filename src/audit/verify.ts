/**
 * Verifying the audit trail's hash chain: every entry's hash recomputed from its stored columns,
 * every link to its predecessor checked, no position skipped, and the head row matching the
 * last entry. A trail pruned by retention starts from its anchor (the newest removed entry): the
 * oldest kept entry must link to it, and a `retention.audit-pruned` entry in the kept chain must
 * attest the removal; a front deleted any other way is reported as such. The first problem found
 * is reported with the entry's id and the reason.
 *
 * @module
 */
import {
  AUDIT_PRUNED_ACTION, auditEntryHash, GENESIS_HASH, parseAttestation, type AuditChainReads, type AuditPruneAttestation, type ChainAnchor,
  type ChainedAuditRow, type ChainHead,
} from '../store/index.js'

/** The outcome of {@link verifyAuditChain}; `anchor` is there when retention removed the oldest entries. */
export type ChainVerdict =
  | { intact: true; entries: number; head: ChainHead; firstSeq: number | null; anchor?: ChainAnchor }
  | { intact: false; entries: number; entryId: string | null; seq: number; reason: string }

const SLICE = 1000

type Link = { seq: number; hash: string }

function problemOf(row: ChainedAuditRow, previous: Link): string | null {
  const seq = Number(row.seq)
  if (seq !== previous.seq + 1) return `entries ${previous.seq + 1}–${seq - 1} are missing before this one`
  if (seq === 1 && row.prev_hash !== GENESIS_HASH) return 'the first entry does not start from the genesis hash'
  if (row.prev_hash !== previous.hash) return "its predecessor hash does not match the previous entry's hash"
  if (auditEntryHash(row, seq, row.prev_hash) !== row.hash) return 'its content does not match its hash (the entry was changed)'
  return null
}

/**
 * Why the anchor of a pruned trail is not backed by the newest attestation, or null when it is:
 * the attestation must reach at least as far as the anchor, and name the hash the chain has at
 * the position it reaches (the anchor's, or a kept entry's while a prune is unfinished).
 */
async function anchorProblem(audit: AuditChainReads, anchor: ChainAnchor, attestation: AuditPruneAttestation | null): Promise<string | null> {
  if (attestation === null || attestation.upToSeq < anchor.seq) {
    return `entries 1–${anchor.seq} were removed but no ${AUDIT_PRUNED_ACTION} entry attests it (entries were deleted)`
  }
  const reached = attestation.upToSeq === anchor.seq ? anchor.hash : (await audit.chain(attestation.upToSeq - 1, 1))[0]?.hash
  return reached === attestation.upToHash ? null : `the retention anchor at ${anchor.seq} does not match the ${AUDIT_PRUNED_ACTION} entry that attests it`
}

/**
 * Walks the whole chain in slices, from the anchor on. An empty trail is intact. When older
 * entries were removed by retention, the verdict carries the anchor (`anchor.seq` entries removed,
 * the last at `anchor.at`) and the chain is verified from `anchor.seq + 1`.
 *
 * @example
 * const verdict = await verifyAuditChain(store.audit)
 * if (!verdict.intact) console.log(`${verdict.entryId}: ${verdict.reason}`)
 */
export async function verifyAuditChain(audit: AuditChainReads): Promise<ChainVerdict> {
  const anchor = await audit.anchor()
  let previous: Link = { seq: anchor.seq, hash: anchor.hash }
  let firstSeq: number | null = null
  let attestation: AuditPruneAttestation | null = null
  let entries = 0
  for (let rows = await audit.chain(anchor.seq, SLICE); rows.length > 0; rows = await audit.chain(previous.seq, SLICE)) {
    for (const row of rows) {
      const reason = problemOf(row, previous)
      if (reason !== null) return { intact: false, entries, entryId: row.id, seq: Number(row.seq), reason }
      if (row.action === AUDIT_PRUNED_ACTION) attestation = parseAttestation(row.after) ?? attestation
      firstSeq ??= Number(row.seq)
      previous = { seq: Number(row.seq), hash: row.hash }
      entries += 1
    }
  }
  const head = await audit.head()
  if (head.seq !== previous.seq || head.hash !== previous.hash) {
    const reason = head.seq > previous.seq ? `the head records ${head.seq} entries but the trail ends at ${previous.seq} (entries were deleted)` : 'the head does not match the last entry'
    return { intact: false, entries, entryId: null, seq: head.seq, reason }
  }
  if (anchor.seq === 0) return { intact: true, entries, head, firstSeq }
  const reason = await anchorProblem(audit, anchor, attestation)
  if (reason !== null) return { intact: false, entries, entryId: null, seq: anchor.seq, reason }
  return { intact: true, entries, head, firstSeq, anchor }
}

/**
 * What retention removed, in words, for the CLI and the operator viewer.
 *
 * @example
 * describeAnchor({ seq: 1824, hash, at: Date.parse('2027-12-07T03:00:00Z') })
 * // 'entries 1–1824 removed by retention on 2027-12-07; chain verified from 1825'
 */
export function describeAnchor(anchor: ChainAnchor): string {
  const on = anchor.at === null ? '' : ` on ${new Date(anchor.at).toISOString().slice(0, 10)}`
  return `entries 1–${anchor.seq} removed by retention${on}; chain verified from ${anchor.seq + 1}`
}
